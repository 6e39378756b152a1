// The token half of links for people without an account (db/public-links.ts keeps the rows):
// 32 random bytes in the URL, only their SHA-256 in the database.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hashToken } from './tokens';

/** A new link token and the hash to store for it. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

/** What a link's token is stored as; a malformed token hashes to nothing stored (404). */
export const linkTokenHash = (token: string) => hashToken(token);

/** Tokens we issue: 43 base64url characters. Anything else is not looked up. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A short-lived link under a public link (a CV inside a company's share): the link's own token
 * keys an HMAC of what it opens and until when, so a copied URL stops working at `expiresAt` and
 * cannot be bent to another subject. Verified with the token the request carries.
 */
export function signUnderLink(token: string, subject: string, expiresAt: number): string {
  return createHmac('sha256', token).update(`${subject}.${expiresAt}`).digest('base64url');
}

export function verifyUnderLink(token: string, subject: string, expiresAt: number, signature: string, now = Date.now()): boolean {
  if (!Number.isSafeInteger(expiresAt) || expiresAt * 1000 <= now) return false;
  const expected = Buffer.from(signUnderLink(token, subject, expiresAt));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
