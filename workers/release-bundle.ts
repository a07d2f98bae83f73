/**
 * A release's workflow bundle kept as a file (scripts/release-bundle.ts writes them): the workflow
 * code a version of golive ran, for running that version's workers again (test/workers/upgrade.test.ts)
 * or replaying against it (`golive replay --bundle`). Gzipped (`.gz`) or plain JavaScript.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** The bundle's code, for Worker.create's `workflowBundle: { code }`. */
export function readWorkflowBundle(file: string): { code: string } {
  const bytes = readFileSync(file);
  return { code: (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8') };
}
