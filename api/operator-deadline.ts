/**
 * How long an operator call waits for the cutover's workflow to answer (GOLIVE_OPERATOR_TIMEOUT_MS,
 * default 10 s). With no worker polling, an update or a status query would otherwise hang; past
 * the deadline the API answers 504 / 503, and an operator message carries the same instant as its
 * expiry, so a worker that comes back later refuses it instead of applying a decision its sender
 * gave up on.
 */
import { isGrpcDeadlineError } from '@temporalio/client';

export const DEFAULT_OPERATOR_TIMEOUT_MS = 10_000;

export function operatorTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.GOLIVE_OPERATOR_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_OPERATOR_TIMEOUT_MS;
}

/** Did a call fail because its deadline passed (directly, or as the cause the SDK wraps)? */
export function missedDeadline(err: unknown): boolean {
  return isGrpcDeadlineError(err) || (err instanceof Error && isGrpcDeadlineError(err.cause));
}
