// A PAdES-style digital signature of a finished PDF with the organisation's certificate, so a
// PDF reader (Adobe Acrobat, Autofirma, Okular) shows who signed and that nothing changed since.
// @signpdf is the maintained library for this in Node: pdf-lib adds the signature field and its
// placeholder, the P12 signer makes the detached CMS (ETSI.CAdES.detached, the PAdES baseline).
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';

/** The PKCS#12 file and its passphrase (platform/certificates.ts finds an organisation's). */
export interface SigningCertificate {
  p12: Buffer;
  passphrase: string;
}

export interface SignatureInfo {
  /** Why it is signed, as a PDF reader shows it ("Comunicación REG-2026-000042"). */
  reason: string;
  /** The organisation that signs. */
  name: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
}

export async function signPdf(pdf: Uint8Array, certificate: SigningCertificate, info: SignatureInfo): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: info.reason,
    name: info.name,
    location: info.location,
    contactInfo: info.contactInfo,
    signingTime: info.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Cauce',
  });
  // The placeholder must stay a plain object for the byte range to be found: no object streams.
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  const signed = await new SignPdf().sign(prepared, new P12Signer(certificate.p12, { passphrase: certificate.passphrase }), info.signingTime);
  return new Uint8Array(signed);
}
