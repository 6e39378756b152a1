// The CV of a person file, printed in the reader's language: identity and contact, education,
// courses, experience with its professional category, languages, licences, professional cards
// with their expiry, and availability.
import { rgb } from 'pdf-lib';
import { MARGIN, MUTED, PdfFlow, type FlowTextOptions } from './pdf-flow';
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
  /** A line under the name: the offer the CV is shared for, when a company reads it. */
  note?: string;
}

const ACCENT = rgb(0.05, 0.36, 0.42);

export const cvPdfName = (locale: Locale, personName: string) => `${t(locale, 'cv.pdf.file')}-${personName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.pdf`;

export async function renderCvPdf(data: CvPdfData): Promise<{ pdf: Uint8Array; filename: string }> {
  const tr = (key: string, params?: Record<string, string | number>) => t(data.locale, key, params, { timeZone: data.timezone });
  const day = (iso: string) => formatInstant(`${iso}T12:00:00Z`, data.locale, data.timezone, 'date');
  const title = tr('cv.pdf.title');
  // The organisation's name heads the first page only: a CV's later pages are the person's.
  const f = await PdfFlow.create({ title: `${title} · ${data.personName}`, author: data.organisationName, date: data.date, gap: 3 });
  const { bold } = f;
  const text = (value: string, o?: FlowTextOptions) => f.text(value, o);
  const section = (heading: string, lines: Array<{ main: string; detail?: string }>) => {
    f.ensure(60);
    f.y -= 8;
    text(heading.toUpperCase(), { font: bold, size: 11, color: ACCENT, gap: 4 });
    f.page.drawLine({ start: { x: MARGIN, y: f.y + 2 }, end: { x: MARGIN + f.width, y: f.y + 2 }, thickness: 0.5, color: ACCENT });
    f.y -= 4;
    if (!lines.length) text(tr('cv.pdf.none'), { color: MUTED, indent: 8 });
    for (const l of lines) {
      text(l.main, { font: bold, size: 10.5, indent: 8, gap: l.detail ? 0 : 4 });
      if (l.detail) text(l.detail, { indent: 8, color: MUTED, size: 9.5, gap: 5 });
    }
  };
  const join = (...parts: Array<string | number | null | undefined | false>) => parts.filter((p) => p !== null && p !== undefined && p !== false && p !== '').join(' · ');

  f.page.drawText(f.clean(data.organisationName), { x: MARGIN, y: f.y, size: 9, font: bold, color: MUTED });
  f.y -= 24;
  text(title, { font: bold, size: 18, gap: 2, color: ACCENT });
  text(data.personName, { font: bold, size: 14, gap: 6 });
  const contact = join(
    data.cv.documentId && `${tr('cv.pdf.document')}: ${data.cv.documentId}`,
    data.birthDate && `${tr('cv.pdf.birth_date')}: ${day(data.birthDate)}`,
    data.email,
    data.phone,
  );
  if (contact) text(contact, { color: MUTED, size: 9.5, gap: 6 });
  if (data.note) text(data.note, { size: 9.5, gap: 6 });

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

  const pdf = await f.save((page, pages) => `${title} · ${data.personName} · ${formatInstant(data.date, data.locale, data.timezone, 'date')} · ${tr('cv.pdf.page', { page, pages })}`);
  return { pdf, filename: cvPdfName(data.locale, data.personName) };
}
