/**
 * How long an operator call waits for the cutover's workflow to answer (GOLIVE_OPERATOR_TIMEOUT_MS,
 * default 10 s). With no worker polling, an update or a status query would otherwise hang; past
 * the deadline the API answers 504 / 503, and an operator message carries the same instant as its
 * expiry, so a worker that comes back later refuses it instead of applying a decision its sender
 * gave up on.
 */
import { isGrpcCancelledError, isGrpcDeadlineError } from '@temporalio/client';
import { settingDefault } from '../workers/settings';

export const DEFAULT_OPERATOR_TIMEOUT_MS = settingDefault('GOLIVE_OPERATOR_TIMEOUT_MS');

/**
 * Did a call fail because its deadline passed (directly, or as the cause the SDK wraps)? On a
 * loaded machine grpc-js may report a deadline that fires while the call is still being set up as
 * CANCELLED: once `deadline` (epoch ms) has passed, that counts too.
 */
export function missedDeadline(err: unknown, deadline?: number): boolean {
  const cause = err instanceof Error ? err.cause : undefined;
  if (isGrpcDeadlineError(err) || isGrpcDeadlineError(cause)) return true;
  return deadline !== undefined && Date.now() >= deadline && (isGrpcCancelledError(err) || isGrpcCancelledError(cause));
}
