// Links for people without an account carry a random token; only its hash is stored, so a
// leaked table opens nothing.
import { createHash } from 'node:crypto';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The fingerprint of a signed document's bytes, printed on the verification page. */
export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
