/**
 * What the workflow sends to, and gets back from, a step activity. Shared by workflow code
 * (as types only) and the activity implementations.
 */
import type { HttpRequest } from '../plan/schema';

export interface StepActivityInput<W = unknown> {
  cutoverId: string;
  stepId: string;
  /** workflow id + step id + attempt kind (`run` | `compensate`): stable across retries and worker crashes. */
  idempotencyKey: string;
  with: W;
}

export interface StepActivityResult {
  /** Temporal's attempt number of the activity that succeeded. */
  attempt: number;
  /** One line for the status document and the console. */
  summary: string;
  data?: Record<string, unknown>;
}

export interface StepActivities {
  noop(input: StepActivityInput<undefined | Record<string, never>>): Promise<StepActivityResult>;
  http(input: StepActivityInput<HttpRequest>): Promise<StepActivityResult>;
}

/** Step kinds that run as an activity of the same name. */
export type ActivityStepKind = keyof StepActivities;
