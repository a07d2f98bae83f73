/**
 * What the console draws beside the status document: each phase's waves, the critical path by
 * estimate, and per step what the plan says but the status does not (estimate, notes, a manual
 * step's instructions). Pure: built from the cutover's validated plan with plan/analyze.
 */
import { z } from 'zod';
import { analyzePlan, stepEstimateMs } from '../../plan/analyze';
import type { Plan, Step } from '../../plan/schema';

export const stepPlanView = z.object({
  estimateMs: z.number(),
  notes: z.string().nullable(),
  /** Manual steps: what the operator does, and whether evidence must come with the completion. */
  instructions: z.string().nullable(),
  evidenceRequired: z.boolean().nullable(),
});

/** GET /cutovers/:id/graph. */
export const planGraphViewSchema = z.object({
  phases: z.array(z.object({ id: z.string(), title: z.string(), waves: z.array(z.array(z.string())) })),
  criticalPath: z.object({ steps: z.array(z.string()), estimateMs: z.number() }),
  /** Phase, contingency and rollback steps by id. */
  steps: z.record(z.string(), stepPlanView),
});

export type StepPlanView = z.infer<typeof stepPlanView>;
export type PlanGraphView = z.infer<typeof planGraphViewSchema>;

function stepView(step: Step): StepPlanView {
  const manual = step.kind === 'manual' ? step.with : null;
  return { estimateMs: stepEstimateMs(step), notes: step.notes ?? null, instructions: manual?.instructions ?? null, evidenceRequired: manual?.evidenceRequired ?? null };
}

export function planGraphView(plan: Plan): PlanGraphView {
  const analysis = analyzePlan(plan);
  const procedureSteps = [...(plan.contingency?.steps ?? []), ...(plan.rollback?.first ?? []), ...(plan.rollback?.then ?? []), ...(plan.rollback?.steps ?? [])];
  return {
    phases: plan.phases.map((phase, i) => ({ id: phase.id, title: phase.title ?? phase.id, waves: analysis.phases[i].waves })),
    criticalPath: analysis.criticalPath,
    steps: Object.fromEntries([...plan.phases.flatMap((phase) => phase.steps), ...procedureSteps].map((step) => [step.id, stepView(step)])),
  };
}
