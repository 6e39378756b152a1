// Skills assessments (bilanci delle competenze): every change is an Update on the assessment's
// workflow (its validators check order, readiness and who acts); lists, detail, course matching
// and documents read the projection. The signed contract scan is stored like ventanilla files.
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db } from '../../db/client';
import { importCatalogue, loadCourseCandidates, type CatalogueKind } from '../../db/training-catalogue';
import { readSpreadsheet } from '../../documents/spreadsheets';
import { appointments, competences, organisations, persons, skillsAssessmentFiles, skillsAssessmentPhaseRows, skillsAssessments, trainingCourseProviders, trainingCourses, trainingProviders, users } from '../../db/schema';
import { t, type Locale } from '../../domain/i18n';
import {
  canWorkOnAssessment,
  missingPanels,
  skillsAssessmentDocuments,
  skillsAssessmentPhases,
  skillsAssessmentPolicyFromSettings,
  type CourseMatch,
  type Panels,
  type SkillsAssessmentDocument,
  type SkillsAssessmentPhase,
} from '../../domain/skills-assessments';
import { toLocal, type WorkingCalendar } from '../../domain/working-days';
import { loadSkillsAssessmentContext, matchingCourses, renderSkillsAssessmentDocument } from '../../documents/skills-assessment';
import {
  chooseEnrolmentUpdate,
  completePhaseUpdate,
  savePanelsUpdate,
  skillsAssessmentErrors,
  skillsAssessmentWorkflowId,
  uploadContractUpdate,
  type SkillsAssessmentActor,
  type SkillsAssessmentInput,
  type SkillsAssessmentUpdateResult,
} from '../../workflows/skills-assessment.definitions';
import type { skillsAssessmentWorkflow } from '../../workflows/skills-assessment';
import { workflowKinds } from '../../workflows/workflow-kinds';
import type { AppDeps, SessionUser } from '../context';
import { ApiError, conflict, forbidden, notFound } from '../errors';
import { iso } from '../schemas';
import type { PersonDependent } from './person-dependents';
import { displayName } from './persons';
import { newId } from './request-ids';
import { recordSearchAttributes, startRecordWorkflow, updateRecordWorkflow } from './workflow-records';

type Row = typeof skillsAssessments.$inferSelect;

/** The signed scan: at most 10 MB, PDF, JPEG or PNG by its first bytes (not its name). */
export const CONTRACT_MAX_BYTES = 10 * 1024 * 1024;
export function contractMediaType(content: Uint8Array): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => content[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}

const STAFF_ROLES = ['admin', 'supervisor', 'professional'];
function requireStaff(user: SessionUser) {
  if (!user.roles.some((r) => STAFF_ROLES.includes(r))) throw forbidden({ reason: 'role' });
}
const actor = (user: SessionUser): SkillsAssessmentActor => ({ by: user.id, organisationId: user.organisationId, roles: user.roles });

/** The assessment if it is the caller's organisation's; anything else is 404. */
export async function findSkillsAssessment(db: Db, user: SessionUser, id: string): Promise<Row> {
  const [row] = await db.select().from(skillsAssessments).where(and(eq(skillsAssessments.id, id), eq(skillsAssessments.organisationId, user.organisationId)));
  if (!row) throw notFound();
  return row;
}

/** Refuses before anything is stored when the caller may not work on it (the workflow checks again). */
function requireWorker(user: SessionUser, row: Row) {
  const verdict = canWorkOnAssessment({ userId: user.id, organisationId: user.organisationId, roles: user.roles }, row);
  if (verdict !== 'ok') throw new ApiError(403, skillsAssessmentErrors.notOperator, `errors.${skillsAssessmentErrors.notOperator}`, {}, { operatorId: row.operatorId });
}

async function calendarOf(db: Db, organisationId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  const calendar: WorkingCalendar = { timezone: org.timezone, holidays: org.settings.holidays ?? [] };
  return { org, calendar, policy: skillsAssessmentPolicyFromSettings(org.settings) };
}

/** The readiness refusal names the empty panels in the reader's language. */
function localizeRefusal(err: unknown, locale: Locale): never {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === skillsAssessmentErrors.notReady) {
    const details = (err.cause.details?.[0] ?? {}) as { phase: SkillsAssessmentPhase; panels: string };
    const missing = details.panels.split(',').filter(Boolean);
    throw conflict(
      skillsAssessmentErrors.notReady,
      'errors.phase_not_ready',
      { phaseLabel: `@skills_assessment.phase.${details.phase}`, missing: missing.map((m) => t(locale, `skills_assessment.panel.${m}`)).join(', ') },
      { phase: details.phase, missing },
    );
  }
  throw err;
}

async function update<A>(deps: AppDeps, user: SessionUser, row: Row, def: UpdateDefinition<SkillsAssessmentUpdateResult, [A], string>, args: A, audit: { action: string; details?: Record<string, unknown> }, locale: Locale) {
  // A complete assessment's workflow has ended: say why rather than "closed".
  if (row.status === 'complete') throw conflict(skillsAssessmentErrors.assessmentComplete, 'errors.assessment_complete');
  const result = await updateRecordWorkflow(deps, user, 'skills_assessment', row, def, args, audit, (err) => localizeRefusal(err, locale));
  return { id: row.id, phase: result.phase, status: result.status };
}

// ---- creating -----------------------------------------------------------------------------------

/**
 * A bilancio starts from an appointment of the worker's (issue 13): the operator's own, or a
 * colleague's on its day ("today's of a colleague"). Another CPI's → 404; a cancelled or no-show
 * appointment, or one of another person → 422.
 */
async function checkStartingAppointment(db: Db, user: SessionUser, personId: string, appointmentId: string, timezone: string) {
  const [a] = await db
    .select({ personId: appointments.personId, operatorId: appointments.operatorId, status: appointments.status, startsAt: appointments.startsAt })
    .from(appointments)
    .where(and(eq(appointments.id, appointmentId), eq(appointments.organisationId, user.organisationId)));
  if (!a) throw new ApiError(404, 'appointment_not_found', 'errors.not_found');
  if (a.personId !== personId || a.status === 'cancelled' || a.status === 'no_show') throw new ApiError(422, 'appointment_not_usable', 'errors.appointment_not_usable');
  const dayOf = (d: Date) => { const l = toLocal(d, timezone); return `${l.year}-${l.month}-${l.day}`; };
  if (a.operatorId !== user.id && dayOf(a.startsAt) !== dayOf(new Date())) throw new ApiError(403, 'appointment_of_colleague', 'errors.appointment_of_colleague');
}

export async function createSkillsAssessment(deps: AppDeps, user: SessionUser, input: { personId: string; appointmentId?: string | null }) {
  const { db } = deps;
  requireStaff(user);
  const [person] = await db.select().from(persons).where(and(eq(persons.id, input.personId), eq(persons.organisationId, user.organisationId)));
  if (!person) throw new ApiError(404, 'person_not_found', 'errors.not_found');
  const id = newId(deps, 'skills-assessment', person.id);
  const [existing] = await db.select().from(skillsAssessments).where(eq(skillsAssessments.id, id));
  if (existing) return { id, phase: existing.phase };
  const { calendar, policy } = await calendarOf(db, user.organisationId);
  const workflowId = skillsAssessmentWorkflowId(id);
  const appointmentId = input.appointmentId ?? null;
  if (appointmentId) {
    await checkStartingAppointment(db, user, person.id, appointmentId, calendar.timezone);
    // An appointment starts one bilancio: "Avvia bilancio" pressed again opens the one it started.
    const [started] = await db
      .select({ id: skillsAssessments.id, phase: skillsAssessments.phase })
      .from(skillsAssessments)
      .where(and(eq(skillsAssessments.organisationId, user.organisationId), eq(skillsAssessments.appointmentId, appointmentId)));
    if (started) return started;
  }
  await db.insert(skillsAssessments).values({ id, organisationId: user.organisationId, personId: person.id, appointmentId, operatorId: user.id, workflowId, createdBy: user.id });
  const workflowInput: SkillsAssessmentInput = { assessmentId: id, organisationId: user.organisationId, personId: person.id, appointmentId, operatorId: user.id, createdBy: user.id, calendar, policy };
  const record = { id, organisationId: user.organisationId, workflowId, personId: person.id };
  await startRecordWorkflow<typeof skillsAssessmentWorkflow>(deps, user, 'skills_assessment', record, workflowKinds.skillsAssessment.type, {
    args: [workflowInput],
    // Ids and codes only: Temporal shows this to admins and does not encrypt it.
    staticSummary: t('es', 'temporal.skills_assessment.summary', { id }),
    typedSearchAttributes: recordSearchAttributes({ kind: workflowKinds.skillsAssessment.kind, organisationId: user.organisationId, personId: person.id, status: 'preliminary', assigneeId: user.id, businessKey: person.code }),
  }, () => db.delete(skillsAssessments).where(eq(skillsAssessments.id, id)), { action: 'created', details: { appointmentId } });
  return { id, phase: 'preliminary' as const };
}

// ---- reading --------------------------------------------------------------------------------------

const documentUrl = (id: string, d: SkillsAssessmentDocument) => `/api/skills-assessments/${id}/documents/${d}.pdf`;

export async function listSkillsAssessments(db: Db, user: SessionUser, q: { status?: 'in_progress' | 'complete'; operatorId?: string; personId?: string; page?: number; pageSize?: number }) {
  requireStaff(user);
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 50, 200);
  const where: SQL[] = [eq(skillsAssessments.organisationId, user.organisationId)];
  if (q.status) where.push(eq(skillsAssessments.status, q.status));
  if (q.operatorId) where.push(eq(skillsAssessments.operatorId, q.operatorId === 'me' ? user.id : q.operatorId));
  if (q.personId) where.push(eq(skillsAssessments.personId, q.personId));
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ a: skillsAssessments, p: persons, operatorName: users.name })
      .from(skillsAssessments)
      .innerJoin(persons, eq(persons.id, skillsAssessments.personId))
      .innerJoin(users, eq(users.id, skillsAssessments.operatorId))
      .where(cond)
      .orderBy(desc(skillsAssessments.updatedAt), desc(skillsAssessments.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(skillsAssessments).where(cond),
  ]);
  return { items: rows.map((r) => listItem(r.a, displayName(r.p), r.operatorName)), total };
}

function listItem(a: Row, personName: string, operatorName: string) {
  return {
    id: a.id,
    personId: a.personId,
    personName,
    operatorId: a.operatorId,
    operatorName,
    appointmentId: a.appointmentId,
    phase: a.phase,
    status: a.status,
    lastSavedAt: iso(a.lastSavedAt),
    completedAt: iso(a.completedAt),
    createdAt: iso(a.createdAt)!,
  };
}

export async function getSkillsAssessment(db: Db, user: SessionUser, id: string) {
  requireStaff(user);
  const a = await findSkillsAssessment(db, user, id);
  const [[p], [op], phaseRows, [file]] = await Promise.all([
    db.select().from(persons).where(eq(persons.id, a.personId)),
    db.select({ name: users.name }).from(users).where(eq(users.id, a.operatorId)),
    db.select().from(skillsAssessmentPhaseRows).where(eq(skillsAssessmentPhaseRows.assessmentId, id)),
    a.contractFileId
      ? db.select({ name: skillsAssessmentFiles.name, mediaType: skillsAssessmentFiles.mediaType, size: skillsAssessmentFiles.size, createdAt: skillsAssessmentFiles.createdAt }).from(skillsAssessmentFiles).where(eq(skillsAssessmentFiles.id, a.contractFileId))
      : Promise.resolve([]),
  ]);
  const byPhase = new Map(phaseRows.map((r) => [r.phase, r]));
  const phases = skillsAssessmentPhases.map((phase) => {
    const r = byPhase.get(phase);
    const panels = (r?.panels ?? {}) as Panels;
    // Before the first projection lands, the current phase is the one being worked on.
    return { phase, status: r?.status ?? (phase === a.phase && a.status !== 'complete' ? 'in_progress' : 'pending'), completedAt: iso(r?.completedAt), savedAt: iso(r?.savedAt), panels, missingPanels: missingPanels(phase, panels) };
  });
  const complete = (phase: SkillsAssessmentPhase) => byPhase.get(phase)?.status === 'complete';
  return {
    ...listItem(a, displayName(p), op?.name ?? '—'),
    phases,
    contract: file ? { name: file.name, mediaType: file.mediaType, size: file.size, uploadedAt: iso(file.createdAt)! } : null,
    enrolment: a.enrolment ?? null,
    nextReminderAt: iso(a.nextReminderAt),
    reminders: a.reminders,
    documents: skillsAssessmentDocuments.map((d) => ({ document: d, available: d === 'contract' || complete(d), url: documentUrl(id, d) })),
    canWork: canWorkOnAssessment({ userId: user.id, organisationId: user.organisationId, roles: user.roles }, a) === 'ok',
  };
}

// ---- changing -------------------------------------------------------------------------------------

export async function savePanels(deps: AppDeps, user: SessionUser, id: string, phase: SkillsAssessmentPhase, panels: Panels, locale: Locale) {
  requireStaff(user);
  const row = await findSkillsAssessment(deps.db, user, id);
  return update(deps, user, row, savePanelsUpdate, { ...actor(user), phase, panels }, { action: 'panels_saved', details: { phase, panels: Object.keys(panels) } }, locale);
}

export async function completePhase(deps: AppDeps, user: SessionUser, id: string, phase: SkillsAssessmentPhase, locale: Locale) {
  requireStaff(user);
  const row = await findSkillsAssessment(deps.db, user, id);
  return update(deps, user, row, completePhaseUpdate, { ...actor(user), phase }, { action: 'phase_completed', details: { phase } }, locale);
}

export async function uploadContract(deps: AppDeps, user: SessionUser, id: string, file: { name: string; content: Buffer }, locale: Locale) {
  requireStaff(user);
  const row = await findSkillsAssessment(deps.db, user, id);
  requireWorker(user, row);
  if (row.status === 'complete') throw conflict(skillsAssessmentErrors.assessmentComplete, 'errors.assessment_complete');
  const mediaType = contractMediaType(file.content);
  if (!mediaType) {
    throw new ApiError(400, 'contract_type_not_allowed', 'errors.contract_type_not_allowed', { name: file.name }, { fields: [{ path: 'file', message: 'type_not_allowed' }], allowed: ['application/pdf', 'image/jpeg', 'image/png'] });
  }
  const fileId = newId(deps, 'skills-assessment-file', id);
  await deps.db
    .insert(skillsAssessmentFiles)
    .values({ id: fileId, assessmentId: id, organisationId: row.organisationId, kind: 'signed_contract', name: file.name, mediaType, size: file.content.byteLength, sha256: createHash('sha256').update(file.content).digest('hex'), content: file.content, createdBy: user.id })
    .onConflictDoNothing();
  try {
    return await update(deps, user, row, uploadContractUpdate, { ...actor(user), fileId, name: file.name, mediaType, size: file.content.byteLength }, { action: 'contract_uploaded', details: { fileId, mediaType, size: file.content.byteLength } }, locale);
  } catch (err) {
    // Refused (out of order, complete): the file the workflow did not take is not kept.
    if (err instanceof WorkflowUpdateFailedError || err instanceof ApiError) await deps.db.delete(skillsAssessmentFiles).where(eq(skillsAssessmentFiles.id, fileId));
    throw err;
  }
}

export async function contractScan(db: Db, user: SessionUser, id: string) {
  requireStaff(user);
  const row = await findSkillsAssessment(db, user, id);
  if (!row.contractFileId) throw notFound();
  const [file] = await db.select().from(skillsAssessmentFiles).where(eq(skillsAssessmentFiles.id, row.contractFileId));
  if (!file) throw notFound();
  return file;
}

export async function chooseEnrolment(deps: AppDeps, user: SessionUser, id: string, input: { courseId: string; providerId: string }, locale: Locale) {
  requireStaff(user);
  const row = await findSkillsAssessment(deps.db, user, id);
  const [course] = await deps.db.select().from(trainingCourses).where(and(eq(trainingCourses.id, input.courseId), eq(trainingCourses.organisationId, row.organisationId)));
  if (!course) throw new ApiError(422, 'course_not_found', 'errors.course_not_found', {}, { fields: [{ path: 'courseId', message: 'not_found' }] });
  const [provider] = await deps.db
    .select({ id: trainingProviders.id, name: trainingProviders.name })
    .from(trainingCourseProviders)
    .innerJoin(trainingProviders, eq(trainingProviders.id, trainingCourseProviders.providerId))
    .where(and(eq(trainingCourseProviders.courseId, course.id), eq(trainingCourseProviders.providerId, input.providerId)))
    .limit(1);
  if (!provider) throw new ApiError(422, 'provider_not_candidate', 'errors.provider_not_candidate', {}, { fields: [{ path: 'providerId', message: 'not_candidate' }] });
  return update(
    deps,
    user,
    row,
    chooseEnrolmentUpdate,
    { ...actor(user), courseId: course.id, courseTitle: course.title, providerId: provider.id, providerName: provider.name },
    { action: 'enrolment_chosen', details: { courseId: course.id, providerId: provider.id } },
    locale,
  );
}

// ---- courses and documents --------------------------------------------------------------------------

export function explainScore(m: CourseMatch, names: Record<string, string>, locale: Locale): string {
  const parts = [
    m.why.sharedCompetences.length
      ? t(locale, 'skills_assessment.why.competences', { count: m.why.sharedCompetences.length, list: m.why.sharedCompetences.map((c) => names[c] ?? c).join(', ') })
      : t(locale, 'skills_assessment.why.none'),
  ];
  if (m.why.sectorMatch && m.sector) parts.push(t(locale, 'skills_assessment.why.sector', { sector: m.sector }));
  if (m.why.provinceMatch && m.province) parts.push(t(locale, 'skills_assessment.why.province', { province: m.province }));
  return parts.join(' · ');
}

export async function assessmentCourses(db: Db, user: SessionUser, id: string, locale: Locale) {
  requireStaff(user);
  await findSkillsAssessment(db, user, id);
  const ctx = (await loadSkillsAssessmentContext(db, id))!;
  const matches = await matchingCourses(db, ctx, 20);
  const codes = [...new Set(matches.flatMap((m) => m.why.sharedCompetences))];
  const names = codes.length
    ? Object.fromEntries((await db.select({ code: competences.code, name: competences.name }).from(competences).where(and(eq(competences.organisationId, ctx.a.organisationId), inArray(competences.code, codes)))).map((r) => [r.code, r.name]))
    : {};
  return matches.map((m) => ({
    ...m,
    why: { ...m.why, sharedCompetences: m.why.sharedCompetences.map((code) => ({ code, name: names[code] ?? code })), text: explainScore(m, names, locale) },
  }));
}

export async function skillsAssessmentDocument(db: Db, user: SessionUser, id: string, document: SkillsAssessmentDocument) {
  requireStaff(user);
  await findSkillsAssessment(db, user, id);
  const ctx = (await loadSkillsAssessmentContext(db, id))!;
  if (document !== 'contract' && ctx.phaseRows.find((r) => r.phase === document)?.status !== 'complete') {
    throw conflict('document_not_ready', 'errors.document_not_ready', { phaseLabel: `@skills_assessment.phase.${document}` }, { document });
  }
  return renderSkillsAssessmentDocument(db, ctx, document);
}

// ---- person deletion --------------------------------------------------------------------------------

export const skillsAssessmentsPersonDependent: PersonDependent = {
  name: 'skillsAssessments',
  count: async (db, personId) => (await db.select({ n: count() }).from(skillsAssessments).where(eq(skillsAssessments.personId, personId)))[0].n,
  remove: async (db, personId, ctx) => {
    const rows = await db.select({ id: skillsAssessments.id, workflowId: skillsAssessments.workflowId }).from(skillsAssessments).where(eq(skillsAssessments.personId, personId));
    if (!rows.length) return;
    if (ctx?.temporal) {
      const client = ctx.temporal;
      await Promise.all(
        rows.map((r) =>
          client.workflow
            .getHandle(r.workflowId)
            .terminate('person deleted')
            .catch((err) => {
              if (!(err instanceof WorkflowNotFoundError)) throw err;
            }),
        ),
      );
    }
    await db.delete(skillsAssessments).where(eq(skillsAssessments.personId, personId));
  },
};

// ---- the competences repertoire and the training catalogue (admins import and edit) ----------------

export async function importTrainingCatalogue(db: Db, admin: SessionUser, kind: CatalogueKind, content: Buffer, locale: Locale) {
  const rows = await readSpreadsheet(content);
  if (!Array.isArray(rows)) throw new ApiError(400, 'import_unreadable', 'errors.import_unreadable', {}, { fields: [{ path: 'file', message: 'unreadable' }] });
  const { problems, imported } = await importCatalogue(db, admin.organisationId, kind, rows);
  if (problems.length) {
    const lines = problems.map((p) => ({ line: p.line, message: t(locale, p.key, p.params) }));
    throw new ApiError(400, 'import_invalid', 'errors.import_invalid', {}, { lines, fields: [{ path: 'file', message: lines.map((l) => l.message).join(' ') }] });
  }
  await writeAudit(db, { ...auditActor(admin), action: `training_catalogue.${kind}_imported`, subjectType: 'training_catalogue', subjectId: kind, details: { imported } });
  return { imported };
}

export async function listCompetences(db: Db, user: SessionUser) {
  requireStaff(user);
  const rows = await db.select().from(competences).where(eq(competences.organisationId, user.organisationId)).orderBy(asc(competences.code));
  return { items: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, sector: r.sector })), total: rows.length };
}

export async function listCourses(db: Db, user: SessionUser) {
  requireStaff(user);
  const courses = await loadCourseCandidates(db, user.organisationId);
  courses.sort((a, b) => a.code.localeCompare(b.code));
  return { items: courses.map((c) => ({ id: c.courseId, code: c.code, title: c.title, sector: c.sector, province: c.province, hours: c.hours, competenceCodes: c.competenceCodes, providers: c.providers })), total: courses.length };
}

export async function updateCompetence(db: Db, admin: SessionUser, id: string, input: { name?: string; sector?: string }) {
  const [row] = await db.update(competences).set({ ...input, updatedAt: new Date() }).where(and(eq(competences.id, id), eq(competences.organisationId, admin.organisationId))).returning();
  if (!row) throw notFound();
  await writeAudit(db, { ...auditActor(admin), action: 'training_catalogue.competence_updated', subjectType: 'competence', subjectId: id, details: input });
  return { id: row.id, code: row.code, name: row.name, sector: row.sector };
}

export async function updateCourse(db: Db, admin: SessionUser, id: string, input: { title?: string; sector?: string; competenceCodes?: string[]; hours?: number | null; province?: string }) {
  const [row] = await db
    .update(trainingCourses)
    .set({ ...input, ...(input.province === undefined ? {} : { province: input.province.toUpperCase() }), updatedAt: new Date() })
    .where(and(eq(trainingCourses.id, id), eq(trainingCourses.organisationId, admin.organisationId)))
    .returning();
  if (!row) throw notFound();
  await writeAudit(db, { ...auditActor(admin), action: 'training_catalogue.course_updated', subjectType: 'training_course', subjectId: id, details: input });
  return { id: row.id, code: row.code, title: row.title, sector: row.sector, province: row.province, hours: row.hours, competenceCodes: row.competenceCodes };
}
