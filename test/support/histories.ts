/**
 * Committed workflow histories (test/histories/*.json) guard determinism: the replay test
 * runs today's workflow code over each. Record new ones with GOLIVE_RECORD_HISTORIES=1
 * (see README, "Replay histories") whenever workflow behaviour is added.
 */
import type { Client } from '@temporalio/client';
import { CutoverOperations } from '../../api/cutover-operations';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export const HISTORIES_DIR = path.resolve(__dirname, '../histories');

/**
 * Writes the cutover's history with its payloads decoded (a fixture must replay under any key):
 * one run as is, a cutover that continued as new as `{runs: [...]}`.
 */
export async function recordHistoryIfAsked(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.GOLIVE_RECORD_HISTORIES !== '1') return;
  await writeFile(path.join(HISTORIES_DIR, `${name}.json`), `${await new CutoverOperations(client).history(workflowId, { decoded: true })}\n`);
}
