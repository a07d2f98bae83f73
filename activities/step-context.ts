/** Per-attempt context of a step activity: a logger carrying cutover and step ids, heartbeats, attempt numbers. */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { logger, type Logger } from '../workers/logger';
import type { StepActivityInput, StepActivityResult } from './contract';

/** Details attached to every failure of a step activity, so the workflow can report attempts. */
export interface StepFailureDetails {
  attempt: number;
  [key: string]: unknown;
}

/** What a step body returns; the wrapper adds the attempt. */
export type StepOutcome = Omit<StepActivityResult, 'attempt'>;

type StepBody<I, R> = (input: I, log: Logger) => Promise<R>;

/**
 * Wraps a step body: logs with cutover/step/attempt, stamps the attempt on the result, and turns
 * any error into an ApplicationFailure carrying the attempt (keeping type and retryability).
 */
export function stepActivity<W, R extends StepOutcome = StepOutcome, I extends StepActivityInput<W> = StepActivityInput<W>>(
  body: StepBody<I, R>,
): (input: I) => Promise<R & { attempt: number }> {
  return async (input) => {
    const { attempt, activityType } = Context.current().info;
    const log = logger.child({ cutoverId: input.cutoverId, stepId: input.stepId, activity: activityType, attempt });
    try {
      return { attempt, ...(await body(input, log)) };
    } catch (err) {
      // A cancelled activity (rollback) must report the cancellation itself, not a failure.
      const { cancellationSignal } = Context.current();
      if (cancellationSignal.aborted) {
        log.info('step attempt cancelled');
        throw cancellationSignal.reason;
      }
      log.warn({ err }, 'step attempt failed');
      if (err instanceof ApplicationFailure) {
        const details: StepFailureDetails = { ...(err.details?.[0] as object | undefined), attempt };
        throw ApplicationFailure.create({ message: err.message, type: err.type ?? undefined, nonRetryable: err.nonRetryable ?? false, details: [details] });
      }
      const message = err instanceof Error ? err.message : String(err);
      throw ApplicationFailure.create({ message, type: err instanceof Error ? err.name : 'Error', details: [{ attempt }] });
    }
  };
}

/**
 * Runs `work` while heartbeating every `everyMs`, so the server notices a dead worker within
 * the step's heartbeat timeout instead of its (much longer) start-to-close timeout.
 */
export async function withHeartbeat<T>(work: (signal: AbortSignal) => Promise<T>, everyMs = 1000): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work(context.cancellationSignal);
  } finally {
    clearInterval(timer);
  }
}
