/**
 * Everything readable in a workflow history as Temporal stores it: every string, every byte
 * field as UTF-8 and, when it is gzip, unzipped too (golive's compression is not protection).
 * A test that finds no plan text here has shown that Temporal holds only ciphertext.
 */
import type { Client } from '@temporalio/client';
import { gunzipSync } from 'node:zlib';
import { decodeHistoryPayloads } from '../../workers/history-payloads';
import { payloadFromBytes } from '../../workers/payload-bytes';

function bytesText(bytes: Uint8Array): string {
  const texts = [Buffer.from(bytes).toString('utf8')];
  try {
    const unzipped = gunzipSync(bytes);
    // golive's gzip wraps a whole payload (metadata and data).
    texts.push(unzipped.toString('utf8'), Buffer.from(payloadFromBytes(unzipped).data ?? new Uint8Array()).toString('utf8'));
  } catch {
    // not gzip
  }
  return texts.join('\n');
}

/**
 * All the text in `value`, walked recursively (Long and other objects through their fields), less
 * the fields named in `skip` (e.g. `searchAttributes`: plain text in visibility by design).
 */
export function clearText(value: unknown, out: string[] = [], skip: ReadonlySet<string> = new Set()): string {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(bytesText(value));
  else if (Array.isArray(value)) value.forEach((item) => clearText(item, out, skip));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (skip.has(key)) continue;
      out.push(key);
      clearText(item, out, skip);
    }
  }
  return out.join('\n');
}

/** Everything a reader with golive's keys finds in a cutover's history: all of it, payloads decoded. */
export async function historyText(client: Client, workflowId: string): Promise<string> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  await decodeHistoryPayloads(history, client.options.loadedDataConverter.payloadCodecs);
  return clearText(history);
}
