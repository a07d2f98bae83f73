/**
 * The status document: what the `status` query and `GET /api/v1/cutovers/:id` return.
 * Written as zod schemas so the API, CLI and console share one definition; the workflow
 * only uses the inferred types. Keep it extensible: add fields, never repurpose them.
 */
import { z } from 'zod';

export const cutoverStates = ['running', 'awaiting-decision', 'paused', 'rolling-back', 'rolled-back', 'completed', 'no-go', 'failed'] as const;
export const finalCutoverStates = ['rolled-back', 'completed', 'no-go', 'failed'] as const;
export const stepStates = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'awaiting-operator',
  'compensating',
  'compensated',
  'compensation-failed',
] as const;
export const phaseStates = ['pending', 'running', 'succeeded', 'failed', 'skipped'] as const;

export const cutoverState = z.enum(cutoverStates);
export const stepState = z.enum(stepStates);
export const cutoverMode = z.enum(['live', 'rehearsal']);

const timestamp = z.string(); // ISO-8601, workflow time
const failureInfo = z.object({ message: z.string(), type: z.string().optional(), step: z.string().optional() });

export const stepStatus = z.object({
  id: z.string(),
  phase: z.string(),
  title: z.string(),
  kind: z.string(),
  owner: z.string().nullable(),
  priority: z.string(),
  dependsOn: z.array(z.string()),
  state: stepState,
  attempts: z.number().int(),
  startedAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
  result: z.unknown().nullable(),
  error: failureInfo.nullable(),
});

export const phaseStatus = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(phaseStates),
  startedAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
});

export const statusDocument = z.object({
  id: z.string(),
  name: z.string(),
  mode: cutoverMode,
  state: cutoverState,
  phase: z.string().nullable(),
  startedAt: timestamp,
  updatedAt: timestamp,
  endedAt: timestamp.nullable(),
  phases: z.array(phaseStatus),
  steps: z.array(stepStatus),
  // Filled by decision gates, checkpoints and the issue log (see issue "Decision gates…").
  gates: z.array(z.unknown()),
  decisions: z.array(z.unknown()),
  issues: z.array(z.unknown()),
  error: failureInfo.nullable(),
});

export type CutoverState = z.infer<typeof cutoverState>;
export type StepState = z.infer<typeof stepState>;
export type CutoverMode = z.infer<typeof cutoverMode>;
export type StepStatus = z.infer<typeof stepStatus>;
export type PhaseStatus = z.infer<typeof phaseStatus>;
export type StatusDocument = z.infer<typeof statusDocument>;
export type FailureInfo = z.infer<typeof failureInfo>;

export function isFinalState(state: CutoverState): boolean {
  return (finalCutoverStates as readonly string[]).includes(state);
}
