/**
 * Everything readable in a workflow history as Temporal stores it: every string, every byte
 * field as UTF-8 and, when it is gzip, unzipped too (golive's compression is not protection).
 * A test that finds no plan text here has shown that Temporal holds only ciphertext.
 */
import type { Client } from '@temporalio/client';
import type { PayloadCodec, Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { gunzipSync } from 'node:zlib';
import { payloadFromBytes } from '../../workers/payload-bytes';

type History = temporal.api.history.v1.IHistory;

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

/** All the text in `value`, walked recursively (Long and other objects through their fields). */
export function clearText(value: unknown, out: string[] = []): string {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(bytesText(value));
  else if (Array.isArray(value)) value.forEach((item) => clearText(item, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([key, item]) => (out.push(key), clearText(item, out)));
  return out.join('\n');
}

const isPayload = (value: object): value is Payload => 'data' in value && 'metadata' in value && (value as Payload).data instanceof Uint8Array;

/** A copy of the history with every payload decoded through `codecs` (what a client with the keys reads). */
export async function decodedHistory(history: History, codecs: readonly PayloadCodec[]): Promise<unknown> {
  const walk = async (value: unknown): Promise<unknown> => {
    if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return Promise.all(value.map(walk));
    if (isPayload(value)) {
      let payloads = [value];
      for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
      return payloads[0];
    }
    return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await walk(item)])));
  };
  return walk(history);
}

/** Everything a reader with golive's keys finds in a cutover's history: all of it, payloads decoded. */
export async function historyText(client: Client, workflowId: string): Promise<string> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return clearText(await decodedHistory(history, client.options.loadedDataConverter.payloadCodecs));
}
