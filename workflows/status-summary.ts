/**
 * The small answers: a cutover's summary (the workflow result, the `summary` query, list views)
 * and the acknowledgement of an accepted operator message. Both stay the same size whatever the
 * plan's size, unlike the status document. zod schemas, shared by workflow, API and CLI.
 */
import { z } from 'zod';
import { cutoverMode, cutoverState, issueRecord, stepState, waitingItem } from './status-document';

export { waitingItem };

/** At most this many entries in any list of a summary or an acknowledgement. */
export const SUMMARY_LIST_LIMIT = 20;

const failure = z.object({ message: z.string(), type: z.string().optional(), step: z.string().optional() });

export const cutoverSummary = z.object({
  id: z.string(),
  name: z.string(),
  mode: cutoverMode,
  state: cutoverState,
  phase: z.string().nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().nullable(),
  stepTotal: z.number().int(),
  stepCounts: z.partialRecord(stepState, z.number().int()),
  /** The first running steps (SUMMARY_LIST_LIMIT at most), and how many run in all. */
  running: z.array(z.string()),
  runningTotal: z.number().int(),
  waitingFor: z.array(waitingItem),
  waitingTotal: z.number().int(),
  openIssues: z.number().int(),
  decisions: z.number().int(),
  rollback: z.object({ reason: z.string(), requestedBy: z.string(), startedAt: z.string(), endedAt: z.string().nullable() }).nullable(),
  error: failure.nullable(),
  /** Which run of the cutover: 1, then one more per continue-as-new. */
  run: z.number().int(),
});

/** What an accepted operator message answers: what was recorded and where the cutover stands. */
export const updateAck = z.object({
  message: z.string(),
  /** The gate, step or issue the message was about; null for pause / resume / rollback. */
  target: z.string().nullable(),
  /** What it did: approval, decided, completed, retry, skip, rollback, paused, resumed, reported, resolved. */
  effect: z.string(),
  id: z.string(),
  state: cutoverState,
  phase: z.string().nullable(),
  paused: z.boolean(),
  waitingFor: z.array(waitingItem),
  /** For decisions: the gate after it. */
  gate: z
    .object({ id: z.string(), state: z.string(), decision: z.string().nullable(), approvals: z.number().int(), quorum: z.number().int() })
    .optional(),
  /** For issue reports and resolutions: the issue after it. */
  issue: issueRecord.optional(),
});

export type WaitingItem = z.infer<typeof waitingItem>;
export type CutoverSummary = z.infer<typeof cutoverSummary>;
export type UpdateAck = z.infer<typeof updateAck>;
