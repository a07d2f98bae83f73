/**
 * Everything a cutover's history tells a reader of the Temporal server: the history itself and
 * every payload in it decoded with golive's codecs (payload bytes are not text in the history object).
 */
import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { dataConverter } from '../../workers/payload-codec';

function collectPayloads(node: unknown, found: Payload[]): void {
  if (typeof node !== 'object' || node === null || node instanceof Uint8Array) return;
  const candidate = node as Payload;
  if (candidate.data instanceof Uint8Array && typeof candidate.metadata === 'object') found.push(candidate);
  for (const child of Object.values(node)) collectPayloads(child, found);
}

export async function historyText(client: Client, workflowId: string): Promise<string> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  let payloads: Payload[] = [];
  collectPayloads(history, payloads);
  for (const codec of [...(dataConverter.payloadCodecs ?? [])].reverse()) payloads = await codec.decode(payloads);
  return [JSON.stringify(history), ...payloads.map((payload) => Buffer.from(payload.data ?? []).toString('utf8'))].join('\n');
}
