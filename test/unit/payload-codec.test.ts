// Payload encryption: what reaches Temporal is ciphertext, keys rotate without losing history,
// and tampering or a missing key is refused rather than read as garbage.
import { describe, expect, it } from 'vitest';
import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, ENCRYPTED_ENCODING, newPayloadKeySpec, parsePayloadKeys } from '../../platform/payload-codec';

const note = { body: 'Vive con su hija; violencia de género denunciada en 2025', personId: 'p-1' };
const plain = (): Payload => defaultPayloadConverter.toPayload(note)!;
const text = (p: Payload) => Buffer.from(p.data!).toString('latin1');
const encoding = (p: Payload) => Buffer.from(p.metadata!.encoding!).toString();

describe('payload encryption codec', () => {
  const [k1] = parsePayloadKeys(newPayloadKeySpec());
  const [k2] = parsePayloadKeys(newPayloadKeySpec(new Date('2027-01-01')));

  it('encrypts: the stored payload shows neither the text nor its JSON, and decrypts back', async () => {
    const codec = new EncryptionCodec([k1]);
    const [sealed] = await codec.encode([plain()]);
    expect(encoding(sealed)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed)).not.toContain('violencia');
    expect(text(sealed)).not.toContain('json/plain');
    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual(note);
  });

  it('never encrypts the same payload twice the same way (random IV)', async () => {
    const codec = new EncryptionCodec([k1]);
    const [a, b] = await codec.encode([plain(), plain()]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('passes through payloads written before encryption was switched on', async () => {
    const [same] = await new EncryptionCodec([k1]).decode([plain()]);
    expect(defaultPayloadConverter.fromPayload(same)).toEqual(note);
  });

  it('rotates: the new key encrypts, the old one still decrypts what it wrote', async () => {
    const [old] = await new EncryptionCodec([k1]).encode([plain()]);
    const rotated = new EncryptionCodec([k2, k1]);
    const [fresh] = await rotated.encode([plain()]);
    expect(Buffer.from(fresh.metadata!['encryption-key-id']!).toString()).toBe(k2.id);
    const decoded = await rotated.decode([old, fresh]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([note, note]);
  });

  it('refuses a payload whose key is not configured, and one that was tampered with', async () => {
    const [sealed] = await new EncryptionCodec([k1]).encode([plain()]);
    await expect(new EncryptionCodec([k2]).decode([sealed])).rejects.toThrow(/unknown key/);
    const tampered = { ...sealed, data: Buffer.from(sealed.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(new EncryptionCodec([k1]).decode([tampered])).rejects.toThrow();
  });

  it('reads keys as id:base64 and refuses bad ones', () => {
    expect(parsePayloadKeys(`a:${Buffer.alloc(32, 1).toString('base64')}, b:${Buffer.alloc(32, 2).toString('base64')}`).map((k) => k.id)).toEqual(['a', 'b']);
    expect(() => parsePayloadKeys('nokey')).toThrow(/id:base64/);
    expect(() => parsePayloadKeys(`a:${Buffer.alloc(8).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parsePayloadKeys(`a:${Buffer.alloc(32).toString('base64')},a:${Buffer.alloc(32).toString('base64')}`)).toThrow(/unique/);
    expect(() => parsePayloadKeys('')).toThrow(/no payload/);
  });
});
