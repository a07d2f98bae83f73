/**
 * The payload codecs every golive process uses (worker, API, CLI paths, tests, replay), built in
 * one place (createDataConverter): payloads over a threshold are gzip-compressed, then every
 * payload is encrypted (workers/encryption-codec.ts) unless encryption was explicitly turned off.
 *
 * Compression keeps a plan of thousands of steps, and the record a long run carries across
 * continue-as-new, far below Temporal's 2 MB payload limit. Decoding passes through anything a
 * codec did not encode (payloads typed in the Temporal UI, histories recorded before it existed).
 */
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CODEC_KEYS_ENV, codecKeysFromEnv, CodecKeysError, type CodecKeys } from './codec-keys';
import { EncryptionCodec, NoKeysCodec } from './encryption-codec';
import { hasEncoding, payloadFromBytes, payloadToBytes } from './payload-bytes';

export const COMPRESSED_ENCODING = 'binary/golive-gzip';
/** Payloads at least this large (bytes of data) are compressed. */
export const COMPRESS_THRESHOLD = 32 * 1024;

const encoder = new TextEncoder();

export class CompressionCodec implements PayloadCodec {
  constructor(private readonly thresholdBytes = COMPRESS_THRESHOLD) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if ((payload.data?.length ?? 0) < this.thresholdBytes) return payload;
      return { metadata: { encoding: encoder.encode(COMPRESSED_ENCODING) }, data: gzipSync(payloadToBytes(payload)) };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) =>
      hasEncoding(payload, COMPRESSED_ENCODING) ? payloadFromBytes(gunzipSync(payload.data ?? new Uint8Array())) : payload,
    );
  }
}

/** Encrypt with these keys, or `plaintext`: only compress (an explicit opt-out, see payloadProtectionFromEnv). */
export type PayloadProtection = CodecKeys | 'plaintext';

/** Compression first, then encryption (Temporal encodes through codecs in order, decodes in reverse). */
export function payloadCodecs(protection: PayloadProtection): PayloadCodec[] {
  const compression = new CompressionCodec();
  return [compression, protection === 'plaintext' ? new NoKeysCodec() : new EncryptionCodec(protection)];
}

/**
 * The data converter of every golive client and worker. Failures keep Temporal's default converter:
 * their message and stack stay readable in history (secrets in them are scrubbed by the activities).
 * Encrypting those too needs a failureConverterPath compiled into every workflow bundle.
 */
export function createDataConverter(protection: PayloadProtection): DataConverter {
  return { payloadCodecs: payloadCodecs(protection) };
}

/**
 * GOLIVE_CODEC_KEYS, required: without it payloads would reach Temporal in clear, which a process
 * accepts only when told so (`allowPlaintext`: `golive worker|api --plaintext-payloads`).
 */
export function payloadProtectionFromEnv(options: { allowPlaintext?: boolean; env?: NodeJS.ProcessEnv } = {}): PayloadProtection {
  const keys = codecKeysFromEnv(options.env);
  if (keys) return keys;
  if (options.allowPlaintext) return 'plaintext';
  throw new CodecKeysError(
    `${CODEC_KEYS_ENV} is not set: golive encrypts every payload it sends to Temporal. Set it to id:base64key ` +
      `(a key: openssl rand -base64 32), or pass --plaintext-payloads to store plans and outputs in clear`,
  );
}
