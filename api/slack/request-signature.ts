/**
 * Slack's request signing (v0): `X-Slack-Signature` is `v0=` + hex HMAC-SHA256, keyed with the
 * app's signing secret, of `v0:<X-Slack-Request-Timestamp>:<raw body>`. A request older or newer
 * than five minutes is refused whatever its signature, so a captured one cannot be sent later. Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's own window for the timestamp. */
export const SLACK_TIMESTAMP_WINDOW_MS = 5 * 60_000;

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

export function slackSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;
}

export function verifySlackSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: Buffer,
  nowMs: number,
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, reason: 'the request has no X-Slack-Signature or X-Slack-Request-Timestamp header' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'X-Slack-Request-Timestamp is not a Unix time in seconds' };
  const seconds = Number(timestamp);
  if (Math.abs(nowMs - seconds * 1000) > SLACK_TIMESTAMP_WINDOW_MS) return { ok: false, reason: 'the request timestamp is more than 5 minutes from now' };
  const expected = Buffer.from(slackSignature(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  // Constant time; the length check first, as timingSafeEqual demands equal lengths (the length is public).
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'the request signature does not match' };
  return { ok: true, timestamp: seconds };
}
