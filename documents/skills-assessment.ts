// What a skills assessment's PDFs print, read from its projection: the worker, the CPI, the
// operator, the phase's panels, the matching courses and the enrolment.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbLike } from '../db/client';
import { competences, organisations, persons, skillsAssessmentPhaseRows, skillsAssessments, users } from '../db/schema';
import { loadRankedCandidates } from '../db/training-catalogue';
import { isLocale, type Locale } from '../domain/i18n';
import { assessmentProfile, rankCourses, type Panels, type SkillsAssessmentDocument, type SkillsAssessmentPhase } from '../domain/skills-assessments';
import { renderSkillsAssessmentPdf, skillsAssessmentPdfName } from './skills-assessment-pdf';

export async function loadSkillsAssessmentContext(db: DbLike, assessmentId: string) {
  const [row] = await db
    .select({ a: skillsAssessments, p: persons, org: organisations })
    .from(skillsAssessments)
    .innerJoin(persons, eq(persons.id, skillsAssessments.personId))
    .innerJoin(organisations, eq(organisations.id, skillsAssessments.organisationId))
    .where(eq(skillsAssessments.id, assessmentId));
  if (!row) return null;
  const [[operator], phaseRows] = await Promise.all([
    db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, row.a.operatorId)),
    db.select().from(skillsAssessmentPhaseRows).where(eq(skillsAssessmentPhaseRows.assessmentId, assessmentId)),
  ]);
  const panels: Partial<Record<SkillsAssessmentPhase, Panels>> = Object.fromEntries(phaseRows.map((r) => [r.phase, r.panels]));
  const locale: Locale = isLocale(row.org.locale) ? row.org.locale : 'it';
  return {
    ...row,
    operatorName: operator?.name ?? '—',
    panels,
    phaseRows,
    locale,
    workerName: row.p.anonymous ? row.p.code : [row.p.firstName, row.p.lastName].filter(Boolean).join(' ') || row.p.code,
    fiscalCode: row.p.documentType === 'codice_fiscale' || (row.p.documentId && /^[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]$/i.test(row.p.documentId)) ? row.p.documentId : null,
  };
}
export type SkillsAssessmentContext = NonNullable<Awaited<ReturnType<typeof loadSkillsAssessmentContext>>>;

/** The courses that match the assessment so far (ranked, with providers in the worker's province). */
export async function matchingCourses(db: DbLike, ctx: Pick<SkillsAssessmentContext, 'a' | 'panels'>, limit = 20) {
  const profile = assessmentProfile(ctx.panels);
  return rankCourses(await loadRankedCandidates(db, ctx.a.organisationId, profile, limit), profile, limit);
}

export async function renderSkillsAssessmentDocument(db: DbLike, ctx: SkillsAssessmentContext, document: SkillsAssessmentDocument, locale: Locale = ctx.locale) {
  const phase: SkillsAssessmentPhase = document === 'contract' ? 'preliminary' : document;
  const panels = ctx.panels[phase] ?? {};
  const codes = Object.values(ctx.panels.investigative ?? {}).flatMap((p) => (Array.isArray(p.codes) ? p.codes : []));
  const names = codes.length
    ? await db.select({ code: competences.code, name: competences.name }).from(competences).where(and(eq(competences.organisationId, ctx.a.organisationId), inArray(competences.code, codes)))
    : [];
  const courses = document === 'repositioning' ? (await matchingCourses(db, ctx, 5)).map((c) => ({ title: c.title, score: c.score, providers: c.providers.map((p) => p.name) })) : [];
  const completedAt = ctx.phaseRows.find((r) => r.phase === phase)?.completedAt;
  const pdf = await renderSkillsAssessmentPdf({
    document,
    locale,
    timezone: ctx.org.timezone,
    organisationName: ctx.org.name,
    operatorName: ctx.operatorName,
    workerName: ctx.workerName,
    fiscalCode: ctx.fiscalCode,
    date: document === 'contract' ? ctx.a.createdAt : completedAt ?? new Date(),
    panels,
    competenceNames: Object.fromEntries(names.map((n) => [n.code, n.name])),
    courses,
    enrolment: ctx.a.enrolment ? { courseTitle: ctx.a.enrolment.courseTitle, providerName: ctx.a.enrolment.providerName, chosenAt: ctx.a.enrolment.chosenAt } : null,
  });
  return { pdf, filename: skillsAssessmentPdfName(document, locale) };
}
