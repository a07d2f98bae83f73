/**
 * Today's workflow code must replay every committed history: `golive replay test/histories`, run
 * once (one replay worker, one bundle) and checked file by file.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ReplayOutcome } from '../../workers/history-replay';
import { HISTORIES_DIR, HISTORY_FILE_NAME } from '../support/histories';
import { runCli } from '../support/run-cli';

const files = readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));
let replayed: Map<string, ReplayOutcome>;

beforeAll(async () => {
  const run = await runCli('replay', HISTORIES_DIR, '--json');
  if (run.code === 2) throw new Error(`golive replay could not start: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { histories: ReplayOutcome[] };
  replayed = new Map(report.histories.map((outcome) => [path.basename(outcome.name), outcome]));
}, 180_000);

test('there are committed histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
});

test('every history file is named <name>@<version that recorded it>.json', () => {
  expect(files.filter((file) => !HISTORY_FILE_NAME.test(file))).toEqual([]);
});

test.each(files)('replays %s', (file) => {
  const outcome = replayed.get(file);
  expect(outcome?.runs.filter((run) => run.failure)).toEqual([]);
  expect(outcome?.ok).toBe(true);
});
