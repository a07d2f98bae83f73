/**
 * Committed workflow histories (test/histories/*.json) guard determinism: the replay test
 * runs today's workflow code over each. Record new ones with GOLIVE_RECORD_HISTORIES=1
 * (see README, "Replay histories") whenever workflow behaviour is added.
 */
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export const HISTORIES_DIR = path.resolve(__dirname, '../histories');

export async function recordHistoryIfAsked(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.GOLIVE_RECORD_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  await writeFile(path.join(HISTORIES_DIR, `${name}.json`), `${historyToJSON(history)}\n`);
}
