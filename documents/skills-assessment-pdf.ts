// The documents of a skills assessment, in the worker's language (Italian first): the contract to
// print and sign, the investigative summary (everything entered), the repositioning document
// (project, plan, feedback, the courses that match) and the enrolment receipt.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { winAnsiCleaner, wrapText } from './pdf-text';
import { formatInstant } from '../domain/dates';
import { t, type Locale } from '../domain/i18n';
import type { Panels, SkillsAssessmentDocument } from '../domain/skills-assessments';
import { skillsAssessmentPanels } from '../domain/skills-assessments';

export interface SkillsAssessmentPdfData {
  document: SkillsAssessmentDocument;
  locale: Locale;
  timezone: string;
  organisationName: string;
  operatorName: string;
  workerName: string;
  /** The codice fiscale when the person file has one. */
  fiscalCode: string | null;
  date: Date;
  /** The panels of the phase the document is about. */
  panels: Panels;
  /** Competence codes → names, to print names rather than codes. */
  competenceNames: Record<string, string>;
  courses: Array<{ title: string; score: number; providers: string[] }>;
  enrolment: { courseTitle: string; providerName: string; chosenAt: string } | null;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER_H = 36;
const INK = rgb(0.12, 0.12, 0.14);
const MUTED = rgb(0.4, 0.4, 0.45);

export const skillsAssessmentPdfName = (document: SkillsAssessmentDocument, locale: Locale) => `${t(locale, `skills_assessment.pdf.file.${document}`)}.pdf`;

export async function renderSkillsAssessmentPdf(data: SkillsAssessmentPdfData): Promise<Uint8Array> {
  const tr = (key: string, params?: Record<string, string | number>) => t(data.locale, `skills_assessment.pdf.${key}`, params, { timeZone: data.timezone });
  const doc = await PDFDocument.create();
  const title = tr(`title.${data.document}`);
  doc.setTitle(`${title} · ${data.workerName}`);
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
    page.drawText(clean(data.organisationName), { x: MARGIN, y, size: 9, font: bold, color: MUTED });
    y -= 24;
  };
  const ensure = (height: number) => {
    if (y - height < MARGIN + FOOTER_H) newPage();
  };
  const wrap = (text: string, font: PDFFont, size: number, maxWidth: number) => wrapText(clean(text), font, size, maxWidth);
  const text = (value: string, o: { font?: PDFFont; size?: number; indent?: number; gap?: number; color?: typeof INK } = {}) => {
    const font = o.font ?? regular;
    const size = o.size ?? 10.5;
    for (const line of wrap(value, font, size, width - (o.indent ?? 0))) {
      ensure(size * 1.45);
      page.drawText(line, { x: MARGIN + (o.indent ?? 0), y: y - size, size, font, color: o.color ?? INK });
      y -= size * 1.45;
    }
    y -= o.gap ?? 4;
  };
  const heading = (value: string) => {
    ensure(40);
    y -= 6;
    text(value, { font: bold, size: 12, gap: 2 });
  };
  const field = (label: string, value: string) => text(`${label}: ${value || '—'}`, { indent: 8 });

  newPage();
  text(title, { font: bold, size: 16, gap: 10 });
  field(tr('worker'), data.workerName);
  field(tr('fiscal_code'), data.fiscalCode ?? '—');
  field(tr('cpi'), data.organisationName);
  field(tr('operator'), data.operatorName);
  field(tr('date'), formatInstant(data.date, data.locale, data.timezone, 'date'));
  y -= 8;

  const valueOf = (key: string, v: unknown): string => {
    if (Array.isArray(v)) return v.map((x) => (key === 'codes' ? (data.competenceNames[x] ? `${x} · ${data.competenceNames[x]}` : x) : String(x))).join('\n');
    if (typeof v === 'boolean') return tr(v ? 'yes' : 'no');
    return v === null || v === undefined ? '' : String(v);
  };
  const printPanels = (phase: 'preliminary' | 'investigative' | 'repositioning' | 'enrolment') => {
    for (const panel of skillsAssessmentPanels[phase].panels) {
      heading(t(data.locale, `skills_assessment.panel.${panel}`));
      const content = data.panels[panel] ?? {};
      const entries = Object.entries(content).filter(([, v]) => valueOf('', v).trim() !== '');
      if (!entries.length) text(tr('empty'), { color: MUTED, indent: 8 });
      for (const [key, v] of entries) {
        const label = t(data.locale, `skills_assessment.field.${key}`);
        text(`${label === `skills_assessment.field.${key}` ? key : label}:`, { font: bold, size: 10, indent: 8, gap: 0 });
        text(valueOf(key, v), { indent: 16 });
      }
    }
  };

  switch (data.document) {
    case 'contract': {
      text(tr('contract.intro', { worker: data.workerName, organisation: data.organisationName }), { gap: 8 });
      for (let i = 1; i <= 7; i++) text(`${i}. ${tr(`contract.clause${i}`)}`, { gap: 6 });
      y -= 30;
      ensure(80);
      text(tr('contract.place_date'), { gap: 30 });
      text(`${tr('contract.signature_worker')}: ______________________________`, { gap: 24 });
      text(`${tr('contract.signature_operator')}: ______________________________`);
      break;
    }
    case 'investigative':
      text(tr('investigative.intro'), { gap: 8 });
      printPanels('investigative');
      break;
    case 'repositioning':
      text(tr('repositioning.intro'), { gap: 8 });
      printPanels('repositioning');
      heading(tr('repositioning.courses'));
      if (!data.courses.length) text(tr('repositioning.no_courses'), { color: MUTED, indent: 8 });
      for (const c of data.courses) text(`• ${c.title} (${tr('score', { score: c.score })}) — ${c.providers.join(', ')}`, { indent: 8 });
      break;
    case 'enrolment':
      text(tr('enrolment.intro', { worker: data.workerName }), { gap: 8 });
      if (data.enrolment) {
        field(tr('enrolment.course'), data.enrolment.courseTitle);
        field(tr('enrolment.provider'), data.enrolment.providerName);
        field(tr('enrolment.chosen_at'), formatInstant(data.enrolment.chosenAt, data.locale, data.timezone, 'date'));
      }
      printPanels('enrolment');
      break;
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    p.drawText(clean(`${title} · ${data.workerName} · ${tr('page', { page: i + 1, pages: pages.length })}`), { x: MARGIN, y: MARGIN - 20, size: 8, font: regular, color: MUTED });
  });
  return doc.save();
}
