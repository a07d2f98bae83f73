/**
 * Message attestation: the API proves that an operator message's `operator`, `roles` and `source`
 * are the ones its bearer token established, with an HMAC-SHA256 over the message that only the
 * API and the workers can compute (GOLIVE_ATTESTATION_KEYS). The workflow cannot hold the key, so
 * it asks the `verifyAttestation` activity; this module is shared by both ends.
 *
 *   GOLIVE_ATTESTATION_KEYS="k2:<base64>,k1:<base64>"   the first key signs, every key verifies
 *
 * Unset, a process uses a key of its own made at random: the API and worker of one process
 * (`golive dev`, the tests) agree, separate processes do not (their messages are refused).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Attestation } from '../workflows/message-schemas';
import { settingAs } from '../workers/settings';
import type { AttestationVerdict } from './contract';

export const ATTESTATION_KEYS_ENV = 'GOLIVE_ATTESTATION_KEYS' as const;
/** Bumped if the canonical form ever changes, so old and new MACs never collide. */
const DOMAIN = 'golive-attestation/v1';
const MIN_KEY_BYTES = 16;

export interface AttestationKey {
  id: string;
  secret: Buffer;
}

export class AttestationKeyError extends Error {}

/** `id:base64` entries, comma-separated; each secret at least 16 bytes, ids distinct. */
export function parseAttestationKeys(text: string, origin = ATTESTATION_KEYS_ENV): AttestationKey[] {
  const keys = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const match = /^([A-Za-z0-9._-]{1,64}):([A-Za-z0-9+/=_-]+)$/.exec(entry);
      if (!match) throw new AttestationKeyError(`${origin}: entry ${i + 1} is not <id>:<base64 secret>`);
      const secret = Buffer.from(match[2], 'base64');
      if (secret.length < MIN_KEY_BYTES) throw new AttestationKeyError(`${origin}: key ${match[1]} has ${secret.length} bytes; use at least ${MIN_KEY_BYTES} (openssl rand -base64 32)`);
      return { id: match[1], secret };
    });
  if (keys.length === 0) throw new AttestationKeyError(`${origin} names no key`);
  const ids = keys.map((key) => key.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new AttestationKeyError(`${origin}: key id ${repeated} appears twice`);
  return keys;
}

let processKeys: AttestationKey[] | undefined;

/** The keys of GOLIVE_ATTESTATION_KEYS, or this process's own random key when it is unset. */
export function attestationKeysFromEnv(env?: NodeJS.ProcessEnv): AttestationKey[] {
  const text = settingAs(ATTESTATION_KEYS_ENV, AttestationKeyError, env);
  if (text) return parseAttestationKeys(text);
  processKeys ??= [{ id: `process-${randomBytes(4).toString('hex')}`, secret: randomBytes(32) }];
  return processKeys;
}

export function attestationKeysConfigured(env?: NodeJS.ProcessEnv): boolean {
  return Boolean(settingAs(ATTESTATION_KEYS_ENV, AttestationKeyError, env));
}

/** JSON with object keys sorted at every level and undefined members left out (as JSON transport drops them). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a MAC covers: the cutover, the message name, and every payload field but the attestation itself. */
export interface AttestedMessage {
  workflowId: string;
  message: string;
  payload: Record<string, unknown>;
}

function macOf(secret: Buffer, { workflowId, message, payload }: AttestedMessage): string {
  const fields = Object.fromEntries(Object.entries(payload).filter(([key]) => key !== 'attestation'));
  return createHmac('sha256', secret).update(canonicalJson([DOMAIN, workflowId, message, fields])).digest('base64url');
}

/** The attestation the API adds to a message, with the first (current) key. */
export function attest(keys: readonly AttestationKey[], message: AttestedMessage): Attestation {
  return { keyId: keys[0].id, mac: macOf(keys[0].secret, message) };
}

export function verifyAttestationWith(keys: readonly AttestationKey[], message: AttestedMessage, attestation: Attestation): AttestationVerdict {
  const key = keys.find((k) => k.id === attestation.keyId);
  if (!key) {
    return { ok: false, reason: 'unknown-key', detail: `key ${attestation.keyId} is not one this worker holds (${keys.map((k) => k.id).join(', ')}); API and workers need the same ${ATTESTATION_KEYS_ENV}` };
  }
  const expected = Buffer.from(macOf(key.secret, message));
  const given = Buffer.from(attestation.mac);
  const ok = expected.length === given.length && timingSafeEqual(expected, given);
  return ok ? { ok: true } : { ok: false, reason: 'mismatch', detail: 'the attestation does not match this message (altered, or not made by the golive API)' };
}
