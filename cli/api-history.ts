/**
 * A cutover's history fetched through the golive API (`GET …/history`, payloads as Temporal stores
 * them, encrypted) and decoded through the API's codec endpoint (`POST /codec/decode`, the same
 * token): the CLI replays or rehearses it without holding GOLIVE_CODEC_KEYS.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { payloadFromWire, payloadToWire, type WirePayload } from '../api/codec-wire';
import { ApiError } from '../api/errors';
import { decodeHistoryPayloads } from '../workers/history-payloads';
import { historyRuns, type History } from '../workers/history-document';
import { callApi, type ApiTarget } from './api-client';

/** The codec endpoint takes at most 1,000 payloads and 8 MB a request; stay well under both. */
const BATCH_PAYLOADS = 500;
const BATCH_BYTES = 2 * 1024 * 1024;

function batches(payloads: Payload[]): Payload[][] {
  const out: Payload[][] = [];
  let current: Payload[] = [];
  let bytes = 0;
  for (const payload of payloads) {
    const size = payload.data?.length ?? 0;
    if (current.length > 0 && (current.length >= BATCH_PAYLOADS || bytes + size > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(payload);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Decodes through the API's /codec/decode; encoding is never needed here. */
export class ApiDecodeCodec implements PayloadCodec {
  constructor(private readonly target: ApiTarget) {}

  async encode(): Promise<Payload[]> {
    throw new Error('ApiDecodeCodec only decodes');
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    const decoded: Payload[] = [];
    for (const batch of batches(payloads)) decoded.push(...(await this.post(batch)));
    return decoded;
  }

  private async post(batch: Payload[]): Promise<Payload[]> {
    const token = this.target.token ?? process.env.GOLIVE_TOKEN;
    let response: Response;
    try {
      response = await fetch(new URL('/codec/decode', this.target.api), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-golive-source': 'cli', ...(token && { authorization: `Bearer ${token}` }) },
        body: JSON.stringify({ payloads: batch.map(payloadToWire) }),
      });
    } catch (err) {
      throw new ApiError(0, 'unreachable', `cannot reach the golive API at ${this.target.api} (${(err as Error).message})`);
    }
    const body = (await response.json().catch(() => ({}))) as { payloads?: WirePayload[]; error?: { code: string; message: string } };
    if (!response.ok || !Array.isArray(body.payloads)) {
      throw new ApiError(response.status, body.error?.code ?? 'codec-failed', `decoding the history's payloads: ${body.error?.message ?? `HTTP ${response.status}`}`);
    }
    return body.payloads.map(payloadFromWire);
  }
}

/** The cutover's runs, oldest first, every payload decoded. */
export async function fetchDecodedHistory(target: ApiTarget, id: string): Promise<History[]> {
  const runs = historyRuns(await callApi<unknown>(target, 'GET', `/cutovers/${encodeURIComponent(id)}/history`));
  const codec = new ApiDecodeCodec(target);
  for (const run of runs) await decodeHistoryPayloads(run, [codec]);
  return runs;
}
