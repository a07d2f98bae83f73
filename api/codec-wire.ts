/** Payloads as Temporal's remote codec protocol carries them: metadata values and data in base64. */
import type { Payload } from '@temporalio/common';

export interface WirePayload {
  metadata?: Record<string, string>;
  data?: string;
}

export const payloadFromWire = (p: WirePayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

export const payloadToWire = (p: Payload): WirePayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
