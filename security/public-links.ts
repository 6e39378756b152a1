// The token half of links for people without an account (db/public-links.ts keeps the rows):
// 32 random bytes in the URL, only their SHA-256 in the database.
import { randomBytes } from 'node:crypto';
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
