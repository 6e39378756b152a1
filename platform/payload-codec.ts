// Workflow payloads carry what people wrote about people (case notes, actions, communications):
// special-category data under the GDPR. They are encrypted (AES-256-GCM) before they leave our
// processes, so Temporal's database, its backups and its Web UI hold ciphertext; the API's codec
// endpoint decrypts them for the Temporal UI. Search attributes are not payloads and are never
// encrypted: they hold ids and codes only.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
// A CommonJS package: its named exports are not visible to Node's ESM loader.
import proto from '@temporalio/proto';

const { temporal } = proto;

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

const text = new TextEncoder();
const fromText = new TextDecoder();

/**
 * `PAYLOAD_ENCRYPTION_KEYS=k2:<base64 of 32 bytes>,k1:<…>`: the first key encrypts, every key
 * decrypts, so a key is rotated by putting a new one first and keeping the old ones.
 */
export function parsePayloadKeys(spec: string): PayloadKey[] {
  const keys = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      const id = entry.slice(0, at);
      const key = Buffer.from(entry.slice(at + 1), 'base64');
      if (at < 1 || !/^[\w.-]{1,64}$/.test(id)) throw new Error(`payload key "${entry.slice(0, 12)}…" must be written id:base64`);
      if (key.length !== 32) throw new Error(`payload key "${id}" must be 32 bytes (base64), it is ${key.length}`);
      return { id, key };
    });
  if (!keys.length) throw new Error('no payload encryption key given');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('payload key ids must be unique');
  return keys;
}

/** A fresh key in the `id:base64` form, named by its creation date. */
export function newPayloadKeySpec(now = new Date()): string {
  return `k${now.toISOString().slice(0, 10).replaceAll('-', '')}:${randomBytes(32).toString('base64')}`;
}

/**
 * The key of a development data folder: made once and kept with the data it protects (a lost
 * key makes the running workflows unreadable). Production passes PAYLOAD_ENCRYPTION_KEYS.
 */
export function developmentPayloadKeys(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const spec = newPayloadKeySpec();
  writeFileSync(file, `${spec}\n`, { mode: 0o600 });
  return spec;
}

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly PayloadKey[]) {
    if (!keys.length) throw new Error('EncryptionCodec needs a key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys[0];
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: text.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text.encode(id) },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      // Histories written before encryption was switched on stay readable.
      if (!encoding || fromText.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
      const keyId = keyIdBytes ? fromText.decode(keyIdBytes) : '';
      const key = this.byId.get(keyId);
      if (!key) throw new Error(`payload encrypted with unknown key "${keyId}": add it to PAYLOAD_ENCRYPTION_KEYS`);
      const sealed = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain) as Payload;
    });
  }
}

/** The data converter every client and worker of Cauce uses (none without keys). */
export function cauceDataConverter(keySpec: string | undefined): DataConverter | undefined {
  return keySpec ? { payloadCodecs: [new EncryptionCodec(parsePayloadKeys(keySpec))] } : undefined;
}
