// The communication as a PDF: letterhead, registry number, recipient, subject, body over as
// many pages as it needs, attachment list, one signature block per signer, and the secure
// verification code (CSV) with its URL and QR code on the last page and in every footer.
// A draft preview carries a "BORRADOR" watermark and no code.
import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { winAnsiCleaner, wrapText } from './pdf-text';
import QRCode from 'qrcode';
import { formatInstant } from '../domain/dates';
import { t, type Locale } from '../domain/i18n';

export interface CommunicationPdfData {
  locale: Locale;
  timezone: string;
  organisationName: string;
  senderUnitName: string;
  recipientUnitName: string;
  recipientOrganisationName: string;
  registryNumber: string;
  /** The date printed under the letterhead: signing time, or now for a preview. */
  date: Date;
  subject: string;
  body: string;
  attachments: Array<{ name: string; kind: 'file' | 'link'; size?: number | null; url?: string | null }>;
  signers: Array<{ name: string; role: string | null; signedAt: Date | null }>;
  /** Absent in a draft preview. */
  verification?: { code: string; url: string };
  draft: boolean;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER_H = 40;
const INK = rgb(0.12, 0.12, 0.14);
const MUTED = rgb(0.4, 0.4, 0.45);
const RULE = rgb(0.75, 0.75, 0.78);

export function formatSignatureTime(at: Date, locale: Locale, timezone: string): string {
  return formatInstant(at, locale, timezone, 'full');
}

/** "Registro (Ayuntamiento X)", but a unit named as its organisation is named once. */
function unitOf(unitName: string, organisationName: string): string {
  return unitName.trim() === organisationName.trim() ? organisationName : `${unitName} (${organisationName})`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function renderCommunicationPdf(data: CommunicationPdfData): Promise<Uint8Array> {
  const tr = (key: string, params?: Record<string, string | number>) => t(data.locale, `ventanilla.pdf.${key}`, params);
  const doc = await PDFDocument.create();
  // Fixed metadata: the same document renders to the same bytes.
  doc.setTitle(`${data.registryNumber} · ${data.subject}`);
  doc.setAuthor(`${data.organisationName} · ${data.senderUnitName}`);
  doc.setProducer('Cauce');
  doc.setCreator('Cauce');
  doc.setCreationDate(data.date);
  doc.setModificationDate(data.date);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const clean = winAnsiCleaner(regular);

  const width = A4[0] - 2 * MARGIN;
  let page!: PDFPage;
  let y = 0;
  const newPage = () => {
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
    if (doc.getPageCount() > 1) {
      page.drawText(clean(`${data.organisationName} · ${data.registryNumber}`), { x: MARGIN, y, size: 8, font: regular, color: MUTED });
      y -= 24;
    }
  };
  const ensure = (height: number) => {
    if (y - height < MARGIN + FOOTER_H) newPage();
  };
  const wrap = (text: string, font: PDFFont, size: number, maxWidth: number) => wrapText(clean(text), font, size, maxWidth);
  const paragraph = (text: string, options: { font?: PDFFont; size?: number; color?: typeof INK; indent?: number; gap?: number } = {}) => {
    const font = options.font ?? regular;
    const size = options.size ?? 11;
    const lineHeight = size * 1.4;
    const x = MARGIN + (options.indent ?? 0);
    for (const line of wrap(text, font, size, width - (options.indent ?? 0))) {
      ensure(lineHeight);
      page.drawText(line, { x, y: y - size, size, font, color: options.color ?? INK });
      y -= lineHeight;
    }
    y -= options.gap ?? 0;
  };
  const labelled = (label: string, value: string) => {
    const size = 10;
    const labelWidth = 110;
    const lines = wrap(value, regular, size, width - labelWidth);
    lines.forEach((line, i) => {
      ensure(size * 1.5);
      if (i === 0) page.drawText(clean(label), { x: MARGIN, y: y - size, size, font: bold, color: MUTED });
      page.drawText(line, { x: MARGIN + labelWidth, y: y - size, size, font: regular, color: INK });
      y -= size * 1.5;
    });
  };
  const rule = () => {
    page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.7, color: RULE });
    y -= 14;
  };

  newPage();
  // Letterhead: the sender organisation and unit.
  paragraph(data.organisationName, { font: bold, size: 15 });
  paragraph(data.senderUnitName, { size: 11, color: MUTED, gap: 4 });
  rule();
  labelled(tr('registry'), data.registryNumber);
  labelled(tr('date'), formatSignatureTime(data.date, data.locale, data.timezone));
  labelled(tr('from'), unitOf(data.senderUnitName, data.organisationName));
  labelled(tr('to'), unitOf(data.recipientUnitName, data.recipientOrganisationName));
  y -= 6;
  labelled(tr('subject'), data.subject);
  y -= 6;
  rule();
  paragraph(data.body, { size: 11, gap: 10 });

  if (data.attachments.length) {
    ensure(40);
    paragraph(tr('attachments'), { font: bold, size: 11, gap: 2 });
    for (const a of data.attachments) {
      const detail = a.kind === 'link' ? `${a.name}: ${a.url ?? ''}` : `${a.name}${a.size ? ` (${formatSize(a.size)})` : ''}`;
      paragraph(`• ${detail}`, { size: 10, indent: 10 });
    }
    y -= 10;
  }

  // One block per signer, kept whole on a page.
  ensure(30);
  paragraph(tr('signatures'), { font: bold, size: 11, gap: 4 });
  for (const s of data.signers) {
    const blockHeight = 62;
    ensure(blockHeight + 8);
    const top = y;
    page.drawRectangle({ x: MARGIN, y: top - blockHeight, width, height: blockHeight, borderColor: RULE, borderWidth: 0.8 });
    // A signer without a job title has no "Cargo" line; an unsigned block does not claim a signature.
    const lines = [
      { text: tr(s.signedAt ? 'signed_by' : 'to_be_signed_by', { name: s.name }), font: bold },
      ...(s.role ? [{ text: tr('role', { role: s.role }), font: regular }] : []),
      {
        text: s.signedAt ? tr('signed_at', { at: formatSignatureTime(s.signedAt, data.locale, data.timezone) }) : tr('pending_signature'),
        font: regular,
      },
    ];
    let ly = top - 16;
    for (const line of lines) {
      page.drawText(clean(line.text), { x: MARGIN + 10, y: ly, size: 10, font: line.font, color: INK });
      ly -= 14;
    }
    if (data.verification) {
      page.drawText(clean(`CSV: ${data.verification.code}`), { x: MARGIN + 10, y: ly, size: 8, font: regular, color: MUTED });
    }
    y = top - blockHeight - 8;
  }

  if (data.verification) {
    const qrSize = 92;
    ensure(qrSize + 20);
    const png = await QRCode.toBuffer(data.verification.url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 256 });
    const qr = await doc.embedPng(png);
    const top = y - 6;
    page.drawImage(qr, { x: MARGIN, y: top - qrSize, width: qrSize, height: qrSize });
    const textX = MARGIN + qrSize + 14;
    const textWidth = width - qrSize - 14;
    let ty = top - 12;
    page.drawText(clean(tr('csv_label')), { x: textX, y: ty, size: 9, font: bold, color: MUTED });
    ty -= 16;
    page.drawText(data.verification.code, { x: textX, y: ty, size: 13, font: bold, color: INK });
    ty -= 18;
    for (const line of wrap(tr('verify_at', { url: data.verification.url }), regular, 9, textWidth)) {
      page.drawText(line, { x: textX, y: ty, size: 9, font: regular, color: INK });
      ty -= 12;
    }
    y = top - qrSize - 10;
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const footer = data.verification
      ? tr('footer_signed', { code: data.verification.code, url: data.verification.url, page: i + 1, pages: pages.length })
      : tr('footer_draft', { page: i + 1, pages: pages.length });
    const lines = wrap(footer, regular, 7.5, width);
    lines.forEach((line, j) => p.drawText(line, { x: MARGIN, y: MARGIN - 10 - j * 10, size: 7.5, font: regular, color: MUTED }));
    if (data.draft) {
      const mark = clean(tr('watermark'));
      const size = 110;
      p.drawText(mark, {
        x: A4[0] / 2 - (bold.widthOfTextAtSize(mark, size) * Math.SQRT1_2) / 2,
        y: A4[1] / 2 - (bold.widthOfTextAtSize(mark, size) * Math.SQRT1_2) / 2,
        size,
        font: bold,
        rotate: degrees(45),
        color: rgb(0.85, 0.2, 0.2),
        opacity: 0.18,
      });
    }
  });
  return doc.save();
}
