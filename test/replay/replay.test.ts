/** Today's workflow code must replay every committed history without a determinism error. */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { installRuntime } from '../../workers/runtime';
import { workflowSource } from '../../workers/worker';
import { HISTORIES_DIR } from '../support/histories';

installRuntime(); // SDK logs through pino, at warn
const files = readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));

test('there are committed histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
});

test.each(files)('replays %s', async (file) => {
  const history = historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
  await expect(Worker.runReplayHistory({ ...workflowSource() }, history, path.basename(file, '.json'))).resolves.toBeUndefined();
});
