// With the organisation's certificate configured, the signed PDF carries a PAdES signature a PDF
// reader shows; without one it is signed by its verification code alone, as before.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateFolder } from '../../platform/certificates';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let withCertificate: TestOrganisation;
let without: TestOrganisation;
const dir = mkdtempSync(join(tmpdir(), 'cauce-certs-'));

/** A self-signed certificate as an organisation would get one (FNMT, Camerfirma…), in PKCS#12. */
function selfSignedP12(commonName: string, passphrase: string): Buffer {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const attrs = [{ name: 'commonName', value: commonName }, { name: 'countryName', value: 'ES' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], passphrase, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

beforeAll(async () => {
  sys = await startTestSystem({ certificates: certificateFolder(dir) });
  withCertificate = await createOrganisation(sys.database.db);
  without = await createOrganisation(sys.database.db);
  writeFileSync(join(dir, `${withCertificate.id}.p12`), selfSignedP12(withCertificate.name, 'clave-del-certificado'));
  writeFileSync(join(dir, `${withCertificate.id}.pass`), 'clave-del-certificado\n');
});
afterAll(async () => sys?.stop());

async function signedPdf(org: TestOrganisation, recipient: TestOrganisation): Promise<Buffer> {
  const author: ApiClient = sys.client();
  await author.login(org.users.professional.email, TEST_PASSWORD);
  const signer: ApiClient = sys.client();
  await signer.login(org.users.signer.email, TEST_PASSWORD);
  const { id } = (await author.post('/api/ventanilla', { recipientUnitId: recipient.unitId, subject: `Firma ${uniqueSuffix()}`, body: 'Texto.' })).body;
  await author.post(`/api/ventanilla/${id}/submit`, { signerId: org.users.signer.id });
  expect((await signer.post(`/api/ventanilla/${id}/sign`)).status).toBe(200);
  const cookie = [...(author as unknown as { cookies: Map<string, string> }).cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await sys.app.request(`/api/ventanilla/${id}/pdf`, { headers: { cookie } });
  expect(res.headers.get('x-cauce-document')).toBe('signed');
  return Buffer.from(await res.arrayBuffer());
}

describe('[ventanilla] PAdES signature with the organisation’s certificate', () => {
  it('a reader finds a CAdES-detached signature by the organisation over the whole file, and openssl verifies it', async () => {
    const pdf = await signedPdf(withCertificate, without);
    const text = pdf.toString('latin1');
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    const [, a, b, c, d] = /\/ByteRange \[\s*(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(text)!.map(Number);
    // The signed ranges cover the whole file but the signature itself.
    expect(a).toBe(0);
    expect(c + d).toBe(pdf.length);
    const contents = pdf.subarray(b + 1, c - 1).toString('latin1').replace(/0+$/, '');
    const signature = Buffer.from(contents.length % 2 ? `${contents}0` : contents, 'hex');
    const work = mkdtempSync(join(tmpdir(), 'cauce-pades-'));
    writeFileSync(join(work, 'sig.der'), signature);
    writeFileSync(join(work, 'content.bin'), Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]));
    // -noverify: the test certificate is self-signed; the signature over the bytes is still checked.
    const out = execFileSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', join(work, 'sig.der'), '-binary', '-content', join(work, 'content.bin'), '-noverify', '-out', '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.toString()).toBe('');
    const signerName = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(work, 'sig.der')]).toString();
    expect(signerName).toContain(withCertificate.name);
    // A byte changed in the signed range fails verification.
    const tampered = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
    tampered[200] ^= 1;
    writeFileSync(join(work, 'content.bin'), tampered);
    expect(() => execFileSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', join(work, 'sig.der'), '-binary', '-content', join(work, 'content.bin'), '-noverify', '-out', '/dev/null'], { stdio: 'pipe' })).toThrow();
  });

  it('an organisation without a certificate gets the PDF signed by its verification code only', async () => {
    const pdf = await signedPdf(without, withCertificate);
    expect(pdf.toString('latin1')).not.toContain('/ByteRange');
  });
});
