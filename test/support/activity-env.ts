/**
 * Runs activity functions as a worker would, inside the SDK's MockActivityEnvironment (it gives
 * them an activity Context: info, heartbeats, cancellation), and catches their failures.
 */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { StepActivityInput } from '../../activities/contract';

export function runActivity<A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> {
  // The SDK's own "Activity failed" warnings would drown the test output; failures are asserted instead.
  return new MockActivityEnvironment({ attempt: 1 }, { logger: new DefaultLogger('ERROR') }).run(fn, ...args);
}

export function stepInput<W>(stepId: string, withValue: W): StepActivityInput<W> {
  return { cutoverId: 'cut-1', stepId, idempotencyKey: `cut-1/${stepId}/run`, with: withValue };
}

/** The ApplicationFailure a call ends with; fails the test if it succeeds or throws something else. */
export async function failureOf(call: Promise<unknown>): Promise<ApplicationFailure> {
  const outcome = await call.then(
    (value) => ({ value }),
    (err: unknown) => ({ err }),
  );
  if (!('err' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  if (!(outcome.err instanceof ApplicationFailure)) throw outcome.err;
  return outcome.err;
}
