/**
 * `restore`: sends a snapshot taken earlier (by the step named in `snapshotStep`) back as the
 * JSON body of the request, typically a config import during rollback. The snapshot is verified
 * against its hash first: restoring something else than what was exported is never an option.
 */
import type { StepActivities } from './contract';
import { performRequest } from './http';
import { readSnapshot } from './snapshot-store';
import { stepActivity, withHeartbeat } from './step-context';

export const restore: StepActivities['restore'] = stepActivity(async (input, log) => {
  const { request, snapshotStep, snapshot } = input.with;
  const text = await readSnapshot(snapshot.ref, snapshot.sha256);
  const body = { text, contentType: 'application/json' };
  const { status, line } = await withHeartbeat((signal) => performRequest(request, input.idempotencyKey, signal, body));
  log.info({ status, snapshot }, 'snapshot restored');
  return { summary: `${line}, restored the snapshot of ${snapshotStep} (${snapshot.bytes} bytes)`, data: { status, snapshot: snapshot.ref } };
});
