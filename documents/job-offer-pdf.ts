// The job offer's PDFs, in the reader's language: the referral sheet (ficha de derivación) that
// names the candidate and the offer, and the short CV the company reads through a share link
// (name and contact until the CV data of the person file prints a fuller one).
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { formatDay } from '../domain/dates';
import { t, type Locale } from '../domain/i18n';
import { winAnsiCleaner, wrapText } from './pdf-text';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.12, 0.12, 0.14);
const MUTED = rgb(0.4, 0.4, 0.45);

interface Sheet {
  organisationName: string;
  title: string;
  heading: string;
  rows: Array<[string, string]>;
  paragraphs: string[];
  date: Date;
}

async function renderSheet(s: Sheet): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(s.title);
  doc.setAuthor(s.organisationName);
  doc.setProducer('Cauce');
  doc.setCreator('Cauce');
  doc.setCreationDate(s.date);
  doc.setModificationDate(s.date);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const clean = winAnsiCleaner(regular);
  const width = A4[0] - 2 * MARGIN;
  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const ensure = (h: number) => {
    if (y - h < MARGIN) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  const lines = (text: string, size: number, font = regular, color = INK, indent = 0) => {
    for (const line of wrapText(clean(text), font, size, width - indent)) {
      ensure(size + 4);
      page.drawText(line, { x: MARGIN + indent, y, size, font, color });
      y -= size + 4;
    }
  };
  lines(s.organisationName, 9, bold, MUTED);
  y -= 12;
  lines(s.heading, 16, bold);
  y -= 8;
  for (const [label, value] of s.rows) {
    if (!value) continue;
    ensure(28);
    lines(label, 9, bold, MUTED);
    lines(value, 11);
    y -= 6;
  }
  y -= 6;
  for (const p of s.paragraphs) {
    lines(p, 10);
    y -= 6;
  }
  return doc.save();
}

export interface OfferForPdf {
  title: string;
  description: string;
  employerName: string;
  employerTaxId: string;
  employerContactName: string | null;
  employerEmail: string | null;
  employerPhone: string | null;
  province: string;
  municipality: string | null;
  contractType: string;
  salaryMin: number | null;
  salaryMax: number | null;
  startsOn: string | null;
  endsOn: string | null;
}

export interface ReferralSheetData {
  locale: Locale;
  timezone: string;
  organisationName: string;
  professionalName: string;
  candidateName: string;
  candidateDocument: string | null;
  offer: OfferForPdf;
  date: Date;
}

const salary = (min: number | null, max: number | null) => (min != null && max != null ? `${min} – ${max} €` : min != null ? `≥ ${min} €` : max != null ? `≤ ${max} €` : '');

export function renderReferralSheetPdf(d: ReferralSheetData): Promise<Uint8Array> {
  const tr = (key: string, params?: Record<string, string | number>) => t(d.locale, `job_offer.pdf.referral.${key}`, params, { timeZone: d.timezone });
  const o = d.offer;
  const day = (v: string | null) => (v ? formatDay(v, d.locale) : '…');
  return renderSheet({
    organisationName: d.organisationName,
    title: `${tr('title')} · ${d.candidateName}`,
    heading: tr('title'),
    date: d.date,
    rows: [
      [tr('candidate'), d.candidateName],
      [tr('document'), d.candidateDocument ?? ''],
      [tr('offer'), o.title],
      [tr('employer'), `${o.employerName} (${o.employerTaxId})`],
      [tr('contact'), [o.employerContactName, o.employerEmail, o.employerPhone].filter(Boolean).join(' · ')],
      [tr('place'), [o.municipality, o.province].filter(Boolean).join(', ')],
      [tr('contract'), `${t(d.locale, `job_offer.contract.${o.contractType}`)} (${o.contractType})`],
      [tr('salary'), salary(o.salaryMin, o.salaryMax)],
      [tr('dates'), o.startsOn || o.endsOn ? `${day(o.startsOn)} – ${day(o.endsOn)}` : ''],
      [tr('description'), o.description],
    ],
    paragraphs: [tr('issued', { organisation: d.organisationName, date: formatDay(d.date.toISOString(), d.locale) }), tr('professional', { name: d.professionalName })],
  });
}

export interface CvData {
  locale: Locale;
  organisationName: string;
  offerTitle: string;
  name: string;
  emails: string[];
  phones: string[];
  date: Date;
}

export function renderSharedCvPdf(d: CvData): Promise<Uint8Array> {
  const tr = (key: string, params?: Record<string, string | number>) => t(d.locale, `job_offer.pdf.cv.${key}`, params);
  return renderSheet({
    organisationName: d.organisationName,
    title: `${tr('title')} · ${d.name}`,
    heading: d.name,
    date: d.date,
    rows: [[tr('contact'), [...d.emails, ...d.phones].join(' · ')]],
    paragraphs: [tr('for_offer', { offer: d.offerTitle, organisation: d.organisationName })],
  });
}
