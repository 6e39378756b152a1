// Secure verification codes (CSV) of signed documents: 80 bits from the operating system's
// random source, never sequential, written in Crockford's base32 (no I, L, O or U) in groups
// of four, e.g. CAUCE-7Q2M-K9XD-4TNB-HC0R.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFICATION_CODE_BITS = 80;
const PREFIX = 'CAUCE';

export function generateVerificationCode(): string {
  const bytes = randomBytes(VERIFICATION_CODE_BITS / 8);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `${PREFIX}-${out.match(/.{4}/g)!.join('-')}`;
}

/**
 * What a person types, as stored: case, spaces and dashes do not matter, and the letters
 * people confuse with digits (O, I, L) read as the digits.
 */
export function normaliseVerificationCode(input: string): string | null {
  let raw = input.toUpperCase().replace(/[\s-]/g, '');
  if (raw.startsWith(PREFIX)) raw = raw.slice(PREFIX.length);
  raw = raw.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(raw)) return null;
  return `${PREFIX}-${raw.match(/.{4}/g)!.join('-')}`;
}
