/** Today's workflow code must replay every committed history without a determinism error. */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDataConverter, payloadProtectionFromEnv } from '../../workers/payload-codec';
import { installRuntime } from '../../workers/runtime';
import { metricsSinks } from '../../workers/metrics';
import { workflowSource } from '../../workers/worker';
import { HISTORIES_DIR } from '../support/histories';

installRuntime(); // SDK logs through pino, at warn
// The suite's keys: committed histories are plain or gzip and pass through the decryption unchanged.
const dataConverter = createDataConverter(payloadProtectionFromEnv());
const files = readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));

test('there are committed histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
});

/** A history file holds one run, or `{runs: [...]}`: the chain of a cutover that continued as new. */
function runsOf(file: string): unknown[] {
  const json = JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as { runs?: unknown[] };
  return json.runs ?? [json];
}

// The metrics sink is registered (a replay never calls it) so the SDK does not log it as missing.
test.each(files)('replays %s', async (file) => {
  const runs = runsOf(file);
  for (const [i, run] of runs.entries()) {
    const history = historyFromJSON(run);
    const name = runs.length === 1 ? path.basename(file, '.json') : `${path.basename(file, '.json')}#${i + 1}`;
    await expect(Worker.runReplayHistory({ ...workflowSource(), dataConverter, sinks: metricsSinks() }, history, name)).resolves.toBeUndefined();
  }
});
