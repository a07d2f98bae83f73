/**
 * The payload codec every golive process uses (worker, API, CLI paths, tests, replay): payloads
 * over a threshold are gzip-compressed before they reach Temporal. A plan of thousands of steps,
 * and the record a long run carries across continue-as-new, stay far below Temporal's 2 MB
 * payload limit; small payloads (messages, acknowledgements, most plans) stay plain JSON, so the
 * Temporal UI shows them as they are. Decoding passes through anything this codec did not encode
 * (payloads typed in the Temporal UI, histories recorded before it existed).
 */
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { gunzipSync, gzipSync } from 'node:zlib';

export const COMPRESSED_ENCODING = 'binary/golive-gzip';
/** Payloads at least this large (bytes of data) are compressed. */
export const COMPRESS_THRESHOLD = 32 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class CompressionCodec implements PayloadCodec {
  constructor(private readonly thresholdBytes = COMPRESS_THRESHOLD) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if ((payload.data?.length ?? 0) < this.thresholdBytes) return payload;
      const whole = temporal.api.common.v1.Payload.encode(payload).finish();
      return { metadata: { encoding: encoder.encode(COMPRESSED_ENCODING) }, data: gzipSync(whole) };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      if (!encoding || decoder.decode(encoding) !== COMPRESSED_ENCODING) return payload;
      const decoded = temporal.api.common.v1.Payload.decode(gunzipSync(payload.data ?? new Uint8Array()));
      return { metadata: decoded.metadata ?? {}, data: decoded.data ?? new Uint8Array() };
    });
  }
}

/** The data converter of every golive client and worker. */
export const dataConverter: DataConverter = { payloadCodecs: [new CompressionCodec()] };
