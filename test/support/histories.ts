/**
 * Committed workflow histories (test/histories/<name>@<version>.json) guard determinism: the
 * replay test runs `golive replay` over them with today's workflow code. A file's name carries the
 * package version that recorded it, and a recorded history is never overwritten: it stays the
 * record of what that version's code did, and today's code must still replay it.
 *
 * Record with GOLIVE_RECORD_HISTORIES=<name>[,<name>…] (only those) or =1 (every history the run's
 * tests ask for); a history whose file exists at this version is refused (see README, "Replay histories").
 */
import type { Client } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CutoverOperations } from '../../api/cutover-operations';

export const HISTORIES_DIR = path.resolve(__dirname, '../histories');

/** The version a history recorded now is filed under: package.json's. */
export const RECORDING_VERSION = (JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

/** `<name>@<semver>.json`, e.g. `dag-order@0.1.0.json`. */
export const HISTORY_FILE_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)@(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.json$/;

export const historyFileName = (name: string, version = RECORDING_VERSION) => `${name}@${version}.json`;

/** Whether GOLIVE_RECORD_HISTORIES asks for this history: `1`, or a comma-separated list naming it. */
export function recordingAsked(name: string, setting = process.env.GOLIVE_RECORD_HISTORIES): boolean {
  if (!setting) return false;
  return setting === '1' || setting.split(',').some((asked) => asked.trim() === name);
}

/** Writes `<dir>/<name>@<version>.json`, refusing (naming the path) when it exists. */
export async function writeNewHistory(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, historyFileName(name));
  try {
    await writeFile(file, text, { flag: 'wx' }); // wx: fail if it exists, atomically
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw new Error(
      `${file} exists: recorded histories are never overwritten (the code must keep replaying what ${RECORDING_VERSION} recorded). ` +
        `Record new behaviour under a new name, or this scenario again after a version bump; ` +
        `GOLIVE_RECORD_HISTORIES=<name>[,<name>…] records only the histories you name.`,
      { cause: err },
    );
  }
  return file;
}

/**
 * Writes the cutover's history with its payloads decoded (a fixture must replay under any key):
 * one run as is, a cutover that continued as new as `{runs: [...]}`.
 */
export async function recordHistoryIfAsked(client: Client, workflowId: string, name: string): Promise<void> {
  if (!recordingAsked(name)) return;
  await writeNewHistory(HISTORIES_DIR, name, `${await new CutoverOperations(client).history(workflowId, { decoded: true })}\n`);
}
