/**
 * A fetched workflow history with every payload decoded in place through golive's codecs
 * (decrypted, decompressed): what a replay fixture or a rehearsal needs, readable without keys.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

const isPayload = (value: object): value is Payload =>
  'data' in value && 'metadata' in value && (value as Payload).data instanceof Uint8Array && typeof (value as Payload).metadata === 'object';

/** Decodes every payload of `history` in place (iteratively: histories are deep and long). */
export async function decodeHistoryPayloads(history: temporal.api.history.v1.IHistory, codecs: readonly PayloadCodec[]): Promise<void> {
  const found: Payload[] = [];
  const stack: unknown[] = [history];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || node instanceof Uint8Array) continue;
    if (isPayload(node)) found.push(node);
    else for (const child of Object.values(node)) stack.push(child);
  }
  let decoded: Payload[] = found.map((payload) => ({ metadata: payload.metadata, data: payload.data }));
  for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
  found.forEach((payload, i) => {
    payload.metadata = decoded[i].metadata;
    payload.data = decoded[i].data;
  });
}
