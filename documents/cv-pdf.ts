// The CV of a person file, printed in the reader's language: identity and contact, education,
// courses, experience with its professional category, languages, licences, professional cards
// with their expiry, and availability.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { winAnsiCleaner, wrapText } from './pdf-text';
import { formatInstant } from '../domain/dates';
import { t, type Locale } from '../domain/i18n';

/** The CV as the API gives it (api/routes/cv.schemas.ts, ZCv): only what is printed. */
export interface CvPdfContent {
  documentId: string | null;
  availability: { workingTime: string | null; shifts: string[]; travel: boolean };
  education: Array<{ level: string; title: string; centre: string | null; year: number | null }>;
  courses: Array<{ name: string; hours: number | null; centre: string | null; year: number | null }>;
  experience: Array<{ employer: string; occupation: string; category: string | null; startDate: string | null; endDate: string | null }>;
  languages: Array<{ language: string; level: string }>;
  drivingLicences: string[];
  cards: Array<{ name: string; expiresOn: string | null }>;
}

export interface CvPdfData {
  cv: CvPdfContent;
  locale: Locale;
  timezone: string;
  organisationName: string;
  personName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  date: Date;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER_H = 36;
const INK = rgb(0.12, 0.12, 0.14);
const MUTED = rgb(0.4, 0.4, 0.45);
const ACCENT = rgb(0.05, 0.36, 0.42);

export const cvPdfName = (locale: Locale, personName: string) => `${t(locale, 'cv.pdf.file')}-${personName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.pdf`;

export async function renderCvPdf(data: CvPdfData): Promise<{ pdf: Uint8Array; filename: string }> {
  const tr = (key: string, params?: Record<string, string | number>) => t(data.locale, key, params, { timeZone: data.timezone });
  const day = (iso: string) => formatInstant(`${iso}T12:00:00Z`, data.locale, data.timezone, 'date');
  const doc = await PDFDocument.create();
  const title = tr('cv.pdf.title');
  doc.setTitle(`${title} · ${data.personName}`);
  doc.setAuthor(data.organisationName);
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
  };
  const text = (value: string, o: { font?: PDFFont; size?: number; indent?: number; gap?: number; color?: typeof INK } = {}) => {
    const font = o.font ?? regular;
    const size = o.size ?? 10.5;
    for (const line of wrapText(clean(value), font, size, width - (o.indent ?? 0))) {
      if (y - size * 1.45 < MARGIN + FOOTER_H) newPage();
      page.drawText(line, { x: MARGIN + (o.indent ?? 0), y: y - size, size, font, color: o.color ?? INK });
      y -= size * 1.45;
    }
    y -= o.gap ?? 3;
  };
  const section = (heading: string, lines: Array<{ main: string; detail?: string }>) => {
    if (y - 60 < MARGIN + FOOTER_H) newPage();
    y -= 8;
    text(heading.toUpperCase(), { font: bold, size: 11, color: ACCENT, gap: 4 });
    page.drawLine({ start: { x: MARGIN, y: y + 2 }, end: { x: MARGIN + width, y: y + 2 }, thickness: 0.5, color: ACCENT });
    y -= 4;
    if (!lines.length) text(tr('cv.pdf.none'), { color: MUTED, indent: 8 });
    for (const l of lines) {
      text(l.main, { font: bold, size: 10.5, indent: 8, gap: l.detail ? 0 : 4 });
      if (l.detail) text(l.detail, { indent: 8, color: MUTED, size: 9.5, gap: 5 });
    }
  };
  const join = (...parts: Array<string | number | null | undefined | false>) => parts.filter((p) => p !== null && p !== undefined && p !== false && p !== '').join(' · ');

  newPage();
  page.drawText(clean(data.organisationName), { x: MARGIN, y, size: 9, font: bold, color: MUTED });
  y -= 24;
  text(title, { font: bold, size: 18, gap: 2, color: ACCENT });
  text(data.personName, { font: bold, size: 14, gap: 6 });
  const contact = join(
    data.cv.documentId && `${tr('cv.pdf.document')}: ${data.cv.documentId}`,
    data.birthDate && `${tr('cv.pdf.birth_date')}: ${day(data.birthDate)}`,
    data.email,
    data.phone,
  );
  if (contact) text(contact, { color: MUTED, size: 9.5, gap: 6 });

  const { cv } = data;
  section(tr('cv.pdf.experience'), cv.experience.map((e) => ({
    main: join(e.occupation, e.employer),
    detail: join(e.category && tr(`cv.category.${e.category}`), (e.startDate || e.endDate) && `${e.startDate ? day(e.startDate) : '…'} – ${e.endDate ? day(e.endDate) : tr('cv.pdf.present')}`),
  })));
  section(tr('cv.pdf.education'), cv.education.map((e) => ({ main: e.title, detail: join(tr(`cv.level.${e.level}`), e.centre, e.year) })));
  section(tr('cv.pdf.courses'), cv.courses.map((c) => ({ main: c.name, detail: join(c.hours && tr('cv.pdf.hours', { hours: c.hours }), c.centre, c.year) })));
  section(tr('cv.pdf.languages'), cv.languages.map((l) => ({ main: `${l.language}: ${l.level === 'native' ? tr('cv.language_level.native') : l.level}` })));
  section(tr('cv.pdf.cards'), cv.cards.map((c) => ({ main: c.name, detail: c.expiresOn ? tr('cv.pdf.expires', { date: day(c.expiresOn) }) : tr('cv.pdf.no_expiry') })));
  section(tr('cv.pdf.licences'), cv.drivingLicences.length ? [{ main: cv.drivingLicences.join(', ') }] : []);
  const a = cv.availability;
  section(tr('cv.pdf.availability'), [
    ...(a.workingTime || a.shifts.length ? [{ main: join(a.workingTime && tr(`cv.working_time.${a.workingTime}`), ...a.shifts.map((s) => tr(`cv.shift.${s}`))) }] : []),
    { main: `${tr('cv.pdf.travel')}: ${tr(a.travel ? 'cv.pdf.yes' : 'cv.pdf.no')}` },
  ]);

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    p.drawText(clean(`${title} · ${data.personName} · ${formatInstant(data.date, data.locale, data.timezone, 'date')} · ${tr('cv.pdf.page', { page: i + 1, pages: pages.length })}`), { x: MARGIN, y: MARGIN - 20, size: 8, font: regular, color: MUTED });
  });
  return { pdf: await doc.save(), filename: cvPdfName(data.locale, data.personName) };
}
