/**
 * `snapshot`: exports configuration before go-live (the undo button). The response body goes to
 * the snapshot store; the workflow only gets its reference, hash and size.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { StepActivities } from './contract';
import { performRequest } from './http';
import { writeSnapshot } from './snapshot-store';
import { stepActivity, withHeartbeat } from './step-context';

/** A restore sends the snapshot back as JSON, so anything else is refused now, not at rollback. */
function requireJson(text: string, line: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw ApplicationFailure.nonRetryable(`${line}: the response is not JSON, so it cannot be restored`, 'SnapshotNotJson');
  }
}

export const snapshot: StepActivities['snapshot'] = stepActivity(async (input, log) => {
  const { request, label } = input.with;
  const { status, text, line } = await withHeartbeat((signal) => performRequest(request, input.idempotencyKey, signal));
  requireJson(text, line);
  const ref = await writeSnapshot(input.cutoverId, input.stepId, text);
  log.info({ status, snapshot: ref }, 'snapshot stored');
  return { summary: `${line}, snapshot "${label}" stored (${ref.bytes} bytes, sha256 ${ref.sha256.slice(0, 12)})`, data: { snapshot: ref } };
});
