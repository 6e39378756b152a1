// The documents of a skills assessment, in the worker's language (Italian first): the contract to
// print and sign, the investigative summary (everything entered), the repositioning document
// (project, plan, feedback, the courses that match) and the enrolment receipt.
import { MUTED, PdfFlow, type FlowTextOptions } from './pdf-flow';
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

export const skillsAssessmentPdfName = (document: SkillsAssessmentDocument, locale: Locale) => `${t(locale, `skills_assessment.pdf.file.${document}`)}.pdf`;

export async function renderSkillsAssessmentPdf(data: SkillsAssessmentPdfData): Promise<Uint8Array> {
  const tr = (key: string, params?: Record<string, string | number>) => t(data.locale, `skills_assessment.pdf.${key}`, params, { timeZone: data.timezone });
  const title = tr(`title.${data.document}`);
  const f = await PdfFlow.create({ title: `${title} · ${data.workerName}`, author: data.organisationName, date: data.date, header: data.organisationName });
  const { bold } = f;
  const text = (value: string, o?: FlowTextOptions) => f.text(value, o);
  const heading = (value: string) => {
    f.ensure(40);
    f.y -= 6;
    text(value, { font: bold, size: 12, gap: 2 });
  };
  const field = (label: string, value: string) => text(`${label}: ${value || '—'}`, { indent: 8 });

  text(title, { font: bold, size: 16, gap: 10 });
  field(tr('worker'), data.workerName);
  field(tr('fiscal_code'), data.fiscalCode ?? '—');
  field(tr('cpi'), data.organisationName);
  field(tr('operator'), data.operatorName);
  field(tr('date'), formatInstant(data.date, data.locale, data.timezone, 'date'));
  f.y -= 8;

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
      f.y -= 30;
      f.ensure(80);
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

  return f.save((page, pages) => `${title} · ${data.workerName} · ${tr('page', { page, pages })}`);
}
