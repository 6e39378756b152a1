// Organisations' signing certificates, kept out of the database: a folder holds
// `<organisationId>.p12` and `<organisationId>.pass` (its passphrase), readable only by the
// service. An organisation without files signs with the verification code alone, as before.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** An organisation's signing certificate: the PKCS#12 file and its passphrase. */
export interface SigningCertificate {
  p12: Buffer;
  passphrase: string;
}

export interface CertificateStore {
  forOrganisation(organisationId: string): Promise<SigningCertificate | null>;
}

export const noCertificates: CertificateStore = { forOrganisation: async () => null };

export function certificateFolder(dir: string | undefined): CertificateStore {
  if (!dir) return noCertificates;
  return {
    async forOrganisation(organisationId) {
      // Ids are UUIDs; anything else never reaches the file system.
      if (!/^[\w-]+$/.test(organisationId)) return null;
      try {
        const [p12, passphrase] = await Promise.all([readFile(join(dir, `${organisationId}.p12`)), readFile(join(dir, `${organisationId}.pass`), 'utf8')]);
        return { p12, passphrase: passphrase.trim() };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}
