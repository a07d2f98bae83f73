/** Attestation keys, canonical form and MACs (pure): what the API signs is what a worker verifies. */
import { attest, canonicalJson, parseAttestationKeys, verifyAttestationWith } from '../../activities/attestation';

const secret = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const keys = parseAttestationKeys(`new:${secret(1)}, old:${secret(2)}`);
const message = { workflowId: 'cutover-1', message: 'decide', payload: { gate: 'go-no-go', decision: 'go', operator: 'dana', roles: ['cutover-lead'], source: 'api', expiresAt: '2026-01-01T00:00:00.000Z' } };

test('canonical JSON sorts keys at every level and drops undefined members', () => {
  expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: null }, z: undefined })).toBe('{"a":{"c":null,"d":[1,{"f":2}]},"b":1}');
});

test('the first key signs; any listed key verifies (rotation)', () => {
  const attestation = attest(keys, message);
  expect(attestation.keyId).toBe('new');
  expect(verifyAttestationWith(keys, message, attestation)).toEqual({ ok: true });
  const byOld = attest(keys.slice(1), message);
  expect(verifyAttestationWith(keys, message, byOld)).toEqual({ ok: true });
  expect(verifyAttestationWith(keys.slice(0, 1), message, byOld)).toMatchObject({ ok: false, reason: 'unknown-key' });
});

test('the MAC covers the cutover, the message name and every field, in any key order, not the attestation itself', () => {
  const attestation = attest(keys, message);
  const reordered = { ...message, payload: Object.fromEntries(Object.entries(message.payload).reverse()) };
  expect(verifyAttestationWith(keys, { ...reordered, payload: { ...reordered.payload, attestation } }, attestation)).toEqual({ ok: true });
  const changes = [
    { ...message, workflowId: 'cutover-2' },
    { ...message, message: 'pause' },
    { ...message, payload: { ...message.payload, roles: ['*'] } },
    { ...message, payload: { ...message.payload, source: 'cli' } },
    { ...message, payload: { ...message.payload, expiresAt: '2027-01-01T00:00:00.000Z' } },
    { ...message, payload: { ...message.payload, reason: 'added' } },
  ];
  for (const changed of changes) expect(verifyAttestationWith(keys, changed, attestation)).toMatchObject({ ok: false, reason: 'mismatch' });
});

test.each([
  ['', 'names no key'],
  ['k1', 'not <id>:<base64 secret>'],
  [`k1:${Buffer.alloc(8).toString('base64')}`, 'use at least 16'],
  [`k1:${secret(1)},k1:${secret(2)}`, 'appears twice'],
])('GOLIVE_ATTESTATION_KEYS=%j is refused (%s)', (text, problem) => {
  expect(() => parseAttestationKeys(text)).toThrow(problem);
});
