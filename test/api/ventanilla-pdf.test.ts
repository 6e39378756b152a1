import { createHash } from 'node:crypto';
import jsQR from 'jsqr';
import { PDFParse } from 'pdf-parse';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedDocuments } from '../../db/schema';
import { VERIFICATIONS_PER_MINUTE } from '../../api/routes/verify.routes';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';

const PUBLIC_URL = 'https://cauce.example.es';
let sys: TestSystem;
let sender: TestOrganisation;
let recipient: TestOrganisation;
let author: ApiClient;
let signer: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem({ publicUrl: PUBLIC_URL });
  sender = await createOrganisation(sys.database.db, { timezone: 'Europe/Madrid' });
  recipient = await createOrganisation(sys.database.db);
  author = sys.client();
  await author.login(sender.users.professional.email, TEST_PASSWORD);
  signer = sys.client();
  await signer.login(sender.users.signer.email, TEST_PASSWORD);
});
afterAll(async () => sys?.stop());

/** The PDF bytes of a route (the test client keeps only text). */
async function pdfBytes(path: string, client?: ApiClient) {
  const cookie = client ? (client as unknown as { cookies: Map<string, string> }).cookies : new Map();
  const res = await sys.app.request(path, { headers: { cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function readPdf(bytes: Uint8Array) {
  const parser = new PDFParse({ data: bytes.slice() });
  try {
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    const images = await parser.getImage({ imageBuffer: true });
    const qrCodes = images.pages.flatMap((p) => p.images).map((img) => {
      const png = PNG.sync.read(Buffer.from(img.data));
      return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
    });
    return { text, qrCodes };
  } finally {
    await parser.destroy();
  }
}

const longBody = Array.from({ length: 90 }, (_, i) => `Párrafo ${i + 1}: según el artículo 14 de la Ley 39/2015, solicitamos la remisión del expediente con toda la documentación. Ñandú, pingüino, è già così.`).join('\n');

describe('[ventanilla] the signed PDF and its public verification', () => {
  it('opens, has the letterhead, text over several pages, attachments, signature blocks, CSV, URL and a QR of the URL; its SHA-256 matches', async () => {
    const subject = `Remisión de expediente ${uniqueSuffix()}`;
    const { id, registryNumber } = (await author.post('/api/ventanilla', { recipientUnitId: recipient.unitId, subject, body: longBody })).body;
    await author.post(`/api/ventanilla/${id}/links`, { url: 'https://consigna.example.org/f/anexo-ii', label: 'Anexo II' });

    // Before signing: a preview marked as a draft, without any code.
    const preview = await pdfBytes(`/api/ventanilla/${id}/pdf`, author);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('x-cauce-document')).toBe('draft');
    const previewText = (await readPdf(preview.bytes)).text;
    expect(previewText).toContain('BORRADOR');
    expect(previewText).not.toContain('CAUCE-');

    await author.post(`/api/ventanilla/${id}/submit`, { signerId: sender.users.signer.id });
    // Awaiting signature: the block names who is to sign, without claiming it is signed, and a
    // signer without a job title gets no "Cargo" line.
    const awaiting = (await readPdf((await pdfBytes(`/api/ventanilla/${id}/pdf`, author)).bytes)).text;
    expect(awaiting).toContain(`Firma de: ${sender.users.signer.name} Pendiente de firma`);
    expect(awaiting).not.toContain('Firmado por');
    expect(awaiting).not.toContain('Cargo:');
    // A unit named as its organisation is named once.
    expect(awaiting).not.toContain(`${sender.name} (${sender.name})`);
    const signed = (await signer.post(`/api/ventanilla/${id}/sign`)).body;
    const code: string = signed.verificationCode;
    const url = `${PUBLIC_URL}/verificar/${code}`;
    expect(signed.verificationUrl).toBe(url);

    const { status, headers, bytes } = await pdfBytes(`/api/ventanilla/${id}/pdf`, author);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/pdf');
    expect(headers.get('x-cauce-document')).toBe('signed');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(signed.pdfSha256);
    const [stored] = await sys.database.db.select().from(signedDocuments).where(eq(signedDocuments.communicationId, id));
    expect(stored.sha256).toBe(signed.pdfSha256);

    const { text, qrCodes } = await readPdf(bytes);
    expect(text).toContain(sender.name);
    expect(text).toContain(registryNumber);
    expect(text).toContain(recipient.name);
    expect(text).toContain(subject);
    expect(text).toContain('Párrafo 90');
    expect(text).toContain('Ñandú, pingüino, è già così');
    expect(text).toContain('Anexo II: https://consigna.example.org/f/anexo-ii');
    expect(text).toContain(`Firmado por: ${sender.users.signer.name}`);
    expect(text).toMatch(/Fecha y hora de la firma: \d{1,2} de \w+ de \d{4}/);
    expect(text).toContain(code);
    expect(text).toContain(url);
    expect(text).not.toContain('BORRADOR');
    expect(qrCodes).toEqual([url]);

    // Public verification, without a session, in any typing of the code.
    const anonymous = sys.client();
    const verified = await anonymous.get(`/api/verify/${code.toLowerCase().replace(/-/g, ' ')}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      verificationCode: code,
      registryNumber,
      subject,
      sender: { organisation: sender.name, unit: sender.name },
      recipient: { organisation: recipient.name, unit: recipient.name },
      signers: [{ name: sender.users.signer.name, signedAt: signed.signers[0].signedAt }],
      sha256: signed.pdfSha256,
      pdfUrl: `/api/verify/${code}/pdf`,
    });
    const download = await pdfBytes(verified.body.pdfUrl);
    expect(download.status).toBe(200);
    expect(createHash('sha256').update(download.bytes).digest('hex')).toBe(signed.pdfSha256);
  });

  it('prints the signer’s job title from their profile under the signature', async () => {
    const org = await createOrganisation(sys.database.db);
    const writer = sys.client();
    await writer.login(org.users.professional.email, TEST_PASSWORD);
    const boss = sys.client();
    await boss.login(org.users.signer.email, TEST_PASSWORD);
    expect((await boss.patch('/api/profile', { jobTitle: 'Jefa de servicio' })).status).toBe(200);
    const { id } = (await writer.post('/api/ventanilla', { recipientUnitId: recipient.unitId, subject: 'Con cargo', body: 'Texto.' })).body;
    await writer.post(`/api/ventanilla/${id}/submit`, { signerId: org.users.signer.id });
    expect((await boss.post(`/api/ventanilla/${id}/sign`)).status).toBe(200);
    const { text } = await readPdf((await pdfBytes(`/api/ventanilla/${id}/pdf`, writer)).bytes);
    expect(text).toContain(`Firmado por: ${org.users.signer.name} Cargo: Jefa de servicio`);
  });

  it('unknown or malformed codes are 404, and probing is rate-limited', async () => {
    const anonymous = sys.client();
    expect((await anonymous.get('/api/verify/CAUCE-0000-0000-0000-0000')).status).toBe(404);
    expect((await anonymous.get('/api/verify/CAUCE-0000-0000-0000-0000/pdf')).status).toBe(404);
    expect((await anonymous.get('/api/verify/not-a-code')).status).toBe(404);
    const ip = { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
    const statuses: number[] = [];
    for (let i = 0; i <= VERIFICATIONS_PER_MINUTE; i++) statuses.push((await anonymous.request('GET', '/api/verify/CAUCE-0000-0000-0000-0001', undefined, ip)).status);
    expect(statuses.slice(0, VERIFICATIONS_PER_MINUTE).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
