/**
 * The AES-256 keys of the payload codec. `GOLIVE_CODEC_KEYS` is a comma-separated list of
 * `id:base64key` (each key exactly 32 bytes): the first encrypts, every one decrypts, so a key is
 * rotated by putting a new one first and keeping the old ones until no history needs them.
 * `golive dev` without the variable keeps one generated key in its data dir (see devCodecKeys).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { settingAs } from './settings';

export const CODEC_KEYS_ENV = 'GOLIVE_CODEC_KEYS' as const;
/** The file in `golive dev`'s data dir holding its generated key, in the variable's format. */
export const DEV_KEYS_FILE = 'codec-keys';
export const KEY_BYTES = 32;

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

export interface CodecKeys {
  /** The id written into every payload this process encrypts. */
  readonly encryptWith: string;
  readonly byId: ReadonlyMap<string, Buffer>;
}

export class CodecKeysError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodecKeysError';
  }
}

/** Parses the variable's format; errors name `origin` and the entry, never a key's bytes. */
export function parseCodecKeys(text: string, origin: string = CODEC_KEYS_ENV): CodecKeys {
  const entries = text.split(',').map((entry) => entry.trim());
  const byId = new Map<string, Buffer>();
  entries.forEach((entry, i) => {
    const where = `${origin}: entry ${i + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new CodecKeysError(`${where} is not id:base64key (keys are separated by commas)`);
    const id = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (!KEY_ID.test(id)) throw new CodecKeysError(`${where}: the key id must be 1-64 of A-Z a-z 0-9 . _ -`);
    if (byId.has(id)) throw new CodecKeysError(`${where}: key id "${id}" is given twice`);
    // Node's base64 decoder also takes the URL-safe alphabet; anything else would be silently skipped.
    const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
    if (key.length !== KEY_BYTES) {
      throw new CodecKeysError(`${where} ("${id}"): the key must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32), got ${key.length} bytes`);
    }
    byId.set(id, key);
  });
  return { encryptWith: entries[0].slice(0, entries[0].indexOf(':')), byId };
}

/** The keys of GOLIVE_CODEC_KEYS, or undefined when it is unset or blank. */
export function codecKeysFromEnv(env?: NodeJS.ProcessEnv): CodecKeys | undefined {
  const text = settingAs(CODEC_KEYS_ENV, CodecKeysError, env);
  return text ? parseCodecKeys(text) : undefined;
}

/** A new `id:base64key` entry (a fresh random key). */
export function newKeyEntry(id: string): string {
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

/**
 * `golive dev`'s keys: GOLIVE_CODEC_KEYS when set; else `<dataDir>/codec-keys`, written once
 * (mode 0600) with a generated key and read again on every restart, so the SQLite history the
 * data dir keeps stays readable. Losing that file makes the encrypted history unreadable.
 */
export function devCodecKeys(dataDir: string, env?: NodeJS.ProcessEnv): { keys: CodecKeys; origin: string } {
  const fromEnv = codecKeysFromEnv(env);
  if (fromEnv) return { keys: fromEnv, origin: CODEC_KEYS_ENV };
  const file = path.join(dataDir, DEV_KEYS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new CodecKeysError(`cannot read ${file}: ${(err as Error).message}`);
    text = newKeyEntry(`dev-${Date.now().toString(36)}`);
    // 'wx': two golive dev processes racing on one data dir never overwrite each other's key.
    writeFileSync(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return { keys: parseCodecKeys(text.trim(), file), origin: file };
}
