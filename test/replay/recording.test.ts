/** Recording a history files it under the version recording it and never overwrites one. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HISTORY_FILE_NAME, RECORDING_VERSION, recordingAsked, writeNewHistory } from '../support/histories';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'golive-recording-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

test('a new history is written as <name>@<package version>.json', async () => {
  const file = await writeNewHistory(dir, 'gate-go', '{"events":[]}\n');
  expect(path.basename(file)).toBe(`gate-go@${RECORDING_VERSION}.json`);
  expect(HISTORY_FILE_NAME.exec(path.basename(file))?.slice(1)).toEqual(['gate-go', RECORDING_VERSION]);
  expect(await readFile(file, 'utf8')).toBe('{"events":[]}\n');
});

test('an existing history is refused, naming its path, and left as it was', async () => {
  const file = await writeNewHistory(dir, 'gate-go', 'first\n');
  await expect(writeNewHistory(dir, 'gate-go', 'second\n')).rejects.toThrow(`${file} exists: recorded histories are never overwritten`);
  expect(await readFile(file, 'utf8')).toBe('first\n');
});

test('GOLIVE_RECORD_HISTORIES: 1 records every history asked for, a list only those it names', () => {
  expect(recordingAsked('gate-go', undefined)).toBe(false);
  expect(recordingAsked('gate-go', '1')).toBe(true);
  expect(recordingAsked('gate-go', 'dag-order, gate-go')).toBe(true);
  expect(recordingAsked('gate-go', 'gate-go-quorum')).toBe(false);
});
