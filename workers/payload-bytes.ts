/** A whole payload (metadata and data) as bytes and back: what the compression and encryption codecs wrap. */
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const decoder = new TextDecoder();

export function payloadToBytes(payload: Payload): Uint8Array {
  return temporal.api.common.v1.Payload.encode(payload).finish();
}

export function payloadFromBytes(bytes: Uint8Array): Payload {
  const decoded = temporal.api.common.v1.Payload.decode(bytes);
  return { metadata: decoded.metadata ?? {}, data: decoded.data ?? new Uint8Array() };
}

/** Whether the payload's `encoding` metadata is exactly `encoding`. */
export function hasEncoding(payload: Payload, encoding: string): boolean {
  const value = payload.metadata?.encoding;
  return value !== undefined && value !== null && decoder.decode(value) === encoding;
}
