/** The payload codecs: AES-256-GCM with key ids (rotation), compression first, plain payloads passed through, key parsing. */
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CodecKeysError, devCodecKeys, DEV_KEYS_FILE, newKeyEntry, parseCodecKeys } from '../../workers/codec-keys';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadDecryptError } from '../../workers/encryption-codec';
import { COMPRESS_THRESHOLD, CompressionCodec, payloadCodecs, payloadProtectionFromEnv, type PayloadProtection } from '../../workers/payload-codec';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const json = (value: unknown): Payload => defaultPayloadConverter.toPayload(value) as Payload;

/** What a worker or client does: encode through the codecs in order, decode in reverse. */
async function encode(protection: PayloadProtection, payloads: Payload[]): Promise<Payload[]> {
  for (const codec of payloadCodecs(protection)) payloads = await codec.encode(payloads);
  return payloads;
}
async function decode(protection: PayloadProtection, payloads: Payload[]): Promise<Payload[]> {
  for (const codec of payloadCodecs(protection).reverse()) payloads = await codec.decode(payloads);
  return payloads;
}

const oldKeys = parseCodecKeys(newKeyEntry('old'));

describe('encryption', () => {
  test('round trip: ciphertext with the key id in its metadata, the value back on decode', async () => {
    const [encrypted] = await encode(oldKeys, [json({ title: 'swap the DNIS routing' })]);
    expect(text(encrypted.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted.metadata?.[KEY_ID_METADATA])).toBe('old');
    expect(text(encrypted.data)).not.toContain('DNIS');
    const [decoded] = await decode(oldKeys, [encrypted]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ title: 'swap the DNIS routing' });
  });

  test('a fresh IV per payload: the same value never encrypts to the same bytes', async () => {
    const [a, b] = await encode(oldKeys, [json('same'), json('same')]);
    expect(Buffer.from(a.data as Uint8Array).equals(Buffer.from(b.data as Uint8Array))).toBe(false);
  });

  test('rotation: a new first key encrypts, the old one still decrypts what it encrypted', async () => {
    const [before] = await encode(oldKeys, [json('recorded before the rotation')]);
    const oldEntry = `old:${Buffer.from(oldKeys.byId.get('old') as Buffer).toString('base64')}`;
    const rotated = parseCodecKeys(`${newKeyEntry('new')},${oldEntry}`);
    const [after] = await encode(rotated, [json('recorded after')]);
    expect(text(after.metadata?.[KEY_ID_METADATA])).toBe('new');
    const decoded = await decode(rotated, [before, after]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(['recorded before the rotation', 'recorded after']);
  });

  test('tampered ciphertext does not authenticate', async () => {
    const [encrypted] = await encode(oldKeys, [json('go at 02:00')]);
    const data = Buffer.from(encrypted.data as Uint8Array);
    data[20] ^= 1;
    await expect(decode(oldKeys, [{ ...encrypted, data }])).rejects.toThrow(/"old" does not authenticate/);
  });

  test('a payload under a key id this process lacks names the id', async () => {
    const [encrypted] = await encode(parseCodecKeys(newKeyEntry('retired-2025')), [json('x')]);
    const failure = decode(oldKeys, [encrypted]);
    await expect(failure).rejects.toThrow(PayloadDecryptError);
    await expect(failure).rejects.toThrow(/key id "retired-2025", which GOLIVE_CODEC_KEYS does not hold \(it has: old\)/);
  });

  test('plain and gzip payloads (old histories, input typed in the Temporal UI) pass through decode unchanged', async () => {
    const plain = json({ typed: 'in the UI' });
    const gzipped = (await new CompressionCodec().encode([json('x'.repeat(COMPRESS_THRESHOLD))]))[0];
    const [first, second] = await decode(oldKeys, [plain, gzipped]);
    expect(first).toBe(plain);
    expect(defaultPayloadConverter.fromPayload(second)).toBe('x'.repeat(COMPRESS_THRESHOLD));
  });

  test('a large payload is compressed, then encrypted: the ciphertext is small, the value comes back', async () => {
    const big = { steps: Array.from({ length: 5000 }, (_, i) => ({ id: `step-${i}`, title: 'export the queue configuration' })) };
    const payload = json(big);
    expect(payload.data?.length).toBeGreaterThan(COMPRESS_THRESHOLD);
    const [encrypted] = await encode(oldKeys, [payload]);
    expect(text(encrypted.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(encrypted.data?.length).toBeLessThan((payload.data?.length ?? 0) / 5);
    const [decoded] = await decode(oldKeys, [encrypted]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(big);
  });

  test('plaintext (the explicit opt-out) only compresses, and names the missing keys when it meets ciphertext', async () => {
    const [encoded] = await encode('plaintext', [json('visible')]);
    expect(text(encoded.data)).toContain('visible');
    const [encrypted] = await encode(oldKeys, [json('x')]);
    await expect(decode('plaintext', [encrypted])).rejects.toThrow(/key id "old", but this process runs without GOLIVE_CODEC_KEYS/);
  });
});

describe('GOLIVE_CODEC_KEYS', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  test('the first key encrypts, every key decrypts; URL-safe base64 is accepted', () => {
    const keys = parseCodecKeys(`k2:${key}, k1:${Buffer.alloc(32, 9).toString('base64url')}`);
    expect(keys.encryptWith).toBe('k2');
    expect([...keys.byId.keys()]).toEqual(['k2', 'k1']);
  });

  test.each([
    ['no colon', key, /GOLIVE_CODEC_KEYS: entry 1 is not id:base64key/],
    ['a short key', `k1:${Buffer.alloc(16).toString('base64')}`, /GOLIVE_CODEC_KEYS: entry 1 \("k1"\): the key must be 32 bytes in base64.*got 16 bytes/],
    ['not base64', 'k1:this is not base64!', /entry 1 \("k1"\): the key must be 32 bytes/],
    ['a bad id', `k 1:${key}`, /entry 1: the key id must be/],
    ['an empty id', `:${key}`, /entry 1: the key id must be/],
    ['a repeated id', `k1:${key},k1:${key}`, /entry 2: key id "k1" is given twice/],
    ['an empty entry', `k1:${key},`, /entry 2 is not id:base64key/],
  ])('%s is refused, naming the variable, never the key', (_what, value, message) => {
    expect(() => parseCodecKeys(value)).toThrow(CodecKeysError);
    expect(() => parseCodecKeys(value)).toThrow(message);
    try {
      parseCodecKeys(value);
    } catch (err) {
      expect((err as Error).message).not.toContain(key);
    }
  });

  test('unset: a process refuses to start unless plaintext is explicitly allowed', () => {
    expect(() => payloadProtectionFromEnv({ env: {} })).toThrow(/GOLIVE_CODEC_KEYS is not set.*--plaintext-payloads/);
    expect(payloadProtectionFromEnv({ env: {}, allowPlaintext: true })).toBe('plaintext');
    expect(payloadProtectionFromEnv({ env: { GOLIVE_CODEC_KEYS: `k:${key}` }, allowPlaintext: true })).not.toBe('plaintext');
  });
});

describe('golive dev without GOLIVE_CODEC_KEYS', () => {
  const dirs: string[] = [];
  const dataDir = () => dirs[dirs.push(mkdtempSync(path.join(os.tmpdir(), 'golive-codec-'))) - 1];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('generates one key into the data dir (0600) and reuses it on restart', async () => {
    const dir = dataDir();
    const first = devCodecKeys(dir, {});
    const file = path.join(dir, DEV_KEYS_FILE);
    expect(first.origin).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [encrypted] = await encode(first.keys, [json('kept across restarts')]);
    const second = devCodecKeys(dir, {});
    expect(second.keys.encryptWith).toBe(first.keys.encryptWith);
    expect(defaultPayloadConverter.fromPayload((await decode(second.keys, [encrypted]))[0])).toBe('kept across restarts');
    expect(readFileSync(file, 'utf8')).toMatch(/^dev-[a-z0-9]+:[A-Za-z0-9+/]+=*\n$/);
  });

  test('GOLIVE_CODEC_KEYS wins over the file', () => {
    const dir = dataDir();
    expect(devCodecKeys(dir, { GOLIVE_CODEC_KEYS: newKeyEntry('prod') })).toMatchObject({ origin: 'GOLIVE_CODEC_KEYS', keys: { encryptWith: 'prod' } });
  });
});
