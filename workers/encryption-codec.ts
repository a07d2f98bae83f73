/**
 * AES-256-GCM over whole payloads (metadata and data), so Temporal stores only ciphertext: plans,
 * status snapshots, step outputs, messages, memo (failure messages are not payloads). The key id travels in the metadata,
 * so after a rotation older payloads still decrypt with the key they name. A random 12-byte IV
 * per payload; the GCM tag (16 bytes) follows the ciphertext. Payloads this codec did not encode
 * (histories recorded before it, input typed in the Temporal UI) decode unchanged.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CodecKeys } from './codec-keys';
import { hasEncoding, payloadFromBytes, payloadToBytes } from './payload-bytes';

/** Temporal's convention for encrypted payloads (the UI and codec servers recognise it). */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class PayloadDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptError';
  }
}

export const isEncrypted = (payload: Payload): boolean => hasEncoding(payload, ENCRYPTED_ENCODING);

const keyIdOf = (payload: Payload): string => {
  const idBytes = payload.metadata?.[KEY_ID_METADATA];
  return idBytes ? decoder.decode(idBytes) : '';
};

/**
 * In a process run with --plaintext-payloads: encodes nothing, and names the problem when it meets
 * an encrypted payload (instead of the payload converter's "unknown encoding").
 */
export class NoKeysCodec implements PayloadCodec {
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads;
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    const encrypted = payloads.find(isEncrypted);
    if (encrypted) {
      throw new PayloadDecryptError(`payload encrypted with key id "${keyIdOf(encrypted)}", but this process runs without GOLIVE_CODEC_KEYS (--plaintext-payloads)`);
    }
    return payloads;
  }
}

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: CodecKeys) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keys.encryptWith;
    const key = this.keys.byId.get(keyId) as Buffer;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(CIPHER, key, iv);
      const plain = payloadToBytes(payload);
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: encoder.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: encoder.encode(keyId) }, data };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload));
  }

  private decrypt(payload: Payload): Payload {
    const keyId = keyIdOf(payload);
    const key = this.keys.byId.get(keyId);
    if (!key) {
      throw new PayloadDecryptError(
        `payload encrypted with key id "${keyId}", which GOLIVE_CODEC_KEYS does not hold (it has: ${[...this.keys.byId.keys()].join(', ')})`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptError(`payload encrypted with key id "${keyId}" is truncated`);
    const decipher = createDecipheriv(CIPHER, key, data.subarray(0, IV_BYTES));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptError(`payload encrypted with key id "${keyId}" does not authenticate: it was altered, or the key under that id changed`);
    }
    return payloadFromBytes(plain);
  }
}
