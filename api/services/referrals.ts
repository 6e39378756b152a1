// Referrals (derivaciones): every change is an Update on the referral's workflow; lists, detail,
// the report and the FHIR view read the projection. The receiving service answers through its
// public link (db/public-links.ts) or, when it is a partner organisation, in the app.
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../../db/client';
import { followUpsOf, ownedBy, ownedByAny } from '../../db/follow-ups';
import { recordPublicLinkUse, resolvePublicLink } from '../../db/public-links';
import {
  communicationAttachments,
  followUps,
  interventions,
  needs,
  organisations,
  personEmails,
  personPhones,
  persons,
  referralEvents,
  referrals,
  resources,
  users,
} from '../../db/schema';
import { t, type Locale } from '../../domain/i18n';
import {
  consentFileName,
  fhirServiceRequestStatus,
  fhirTaskStatus,
  isResolvedReferral,
  referralPolicyFromSettings,
  referralStatuses,
  unresolvedReferralStatuses,
  type ReferralAnswerChannel,
  type ReferralAnswerStatus,
  type ReferralChannel,
  type ReferralDecision,
  type ReferralStatus,
  type ConsentFileType,
} from '../../domain/referrals';
import { isWorkingDay, toLocal, addCalendarDays, type WorkingCalendar } from '../../domain/working-days';
import { messagingSettingsOf } from '../../platform/messages';
import { LINK_TOKEN_PATTERN, linkTokenHash } from '../../security/public-links';
import { followUpWorkflowId } from '../../workflows/followup.definitions';
import {
  answerReferralUpdate,
  attachReferralConsentFileUpdate,
  cancelReferralFollowUpUpdate,
  completeReferralFollowUpUpdate,
  referralErrors,
  referralWorkflowId,
  scheduleReferralFollowUpUpdate,
  sendReferralUpdate,
  type ReferralInput,
  type ReferralUpdateResult,
} from '../../workflows/referral.definitions';
import type { referralWorkflow } from '../../workflows/referral';
import { workflowKinds } from '../../workflows/workflow-kinds';
import type { AppDeps, SessionUser } from '../context';
import { ApiError, conflict, forbidden, notFound } from '../errors';
import { iso } from '../schemas';
import { followUpView } from './follow-up-view';
import type { TReferralListQuery } from '../routes/referrals.schemas';
import { findIntervention, requireMember } from './interventions';
import type { PersonDependent } from './person-dependents';
import { displayName } from './persons';
import { isRetriedCreation, keyedUpdateId, newId } from './request-ids';
import { recordSearchAttributes, startRecordWorkflow, updateRecordWorkflow } from './workflow-records';

type ReferralRow = typeof referrals.$inferSelect;
const unprocessable = (code: string, params: Record<string, string | number> = {}) => new ApiError(422, code, `errors.${code}`, params);

// ---- access -----------------------------------------------------------------------------------

/** Roles that work cases; a signer-only account signs communications and refers nobody. */
const STAFF_ROLES = ['admin', 'supervisor', 'professional'];
export function requireStaff(user: SessionUser) {
  if (!user.roles.some((r) => STAFF_ROLES.includes(r))) throw forbidden({ reason: 'role' });
}
/** The referral report: supervisors and admins. */
export function requireSupervision(user: SessionUser) {
  if (!user.roles.some((r) => r === 'admin' || r === 'supervisor')) throw forbidden({ reason: 'role' });
}

/** The referral if the caller's organisation made it; anything else (another organisation's) is 404. */
export async function findReferral(db: Db, user: SessionUser, id: string): Promise<ReferralRow> {
  const [row] = await db.select().from(referrals).where(and(eq(referrals.id, id), eq(referrals.organisationId, user.organisationId)));
  if (!row) throw notFound();
  return row;
}

/** A referral received by the caller's (partner) organisation, once sent. */
async function findReceived(db: Db, user: SessionUser, id: string): Promise<ReferralRow> {
  const [row] = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, id), eq(referrals.receivingOrganisationId, user.organisationId), sql`${referrals.status} <> 'draft'`));
  if (!row) throw notFound();
  return row;
}

async function calendarOf(db: Db, organisationId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  const calendar: WorkingCalendar = { timezone: org.timezone, holidays: org.settings.holidays ?? [] };
  return { org, calendar, policy: referralPolicyFromSettings(org.settings) };
}

/** One Update on the referral's workflow, then the audit entry (in the person's activity too). */
async function update<A>(
  deps: AppDeps,
  user: SessionUser,
  row: ReferralRow,
  def: UpdateDefinition<ReferralUpdateResult, [A], string>,
  args: A,
  audit: { action: string; details?: Record<string, unknown>; updateId?: string },
): Promise<ReferralUpdateResult> {
  const crossOrganisation = user.organisationId === row.organisationId ? {} : { actorOrganisationId: user.organisationId };
  return updateRecordWorkflow(deps, user, 'referral', row, def, args, { ...audit, details: { interventionId: row.interventionId, ...audit.details, ...crossOrganisation } });
}

// ---- creating and sending ---------------------------------------------------------------------

export async function createReferral(deps: AppDeps, user: SessionUser, interventionId: string, input: { resourceId: string; note?: string | null }) {
  const { db } = deps;
  requireStaff(user);
  const access = await findIntervention(db, user, interventionId);
  requireMember(access);
  const i = access.row;
  if (i.status === 'closed') throw conflict('intervention_closed', 'errors.intervention_closed', { code: i.code }, { code: i.code });
  const [resource] = await db.select().from(resources).where(and(eq(resources.id, input.resourceId), eq(resources.organisationId, i.organisationId)));
  if (!resource) throw new ApiError(404, 'resource_not_found', 'errors.resource_not_found');
  if (!resource.active) throw conflict('resource_inactive', 'errors.resource_inactive');
  const id = newId(deps, 'referral', i.id);
  const [existing] = await db.select().from(referrals).where(eq(referrals.id, id));
  if (existing) return { id, status: existing.status };
  const { calendar, policy } = await calendarOf(db, i.organisationId);
  const workflowId = referralWorkflowId(id);
  const assigneeId = i.assigneeId ?? user.id;
  await db.insert(referrals).values({
    id,
    organisationId: i.organisationId,
    interventionId: i.id,
    personId: i.personId,
    resourceId: resource.id,
    resourceName: resource.name,
    receivingOrganisationId: resource.partnerOrganisationId,
    note: input.note ?? null,
    assigneeId,
    createdBy: user.id,
    workflowId,
  });
  const workflowInput: ReferralInput = {
    referralId: id,
    organisationId: i.organisationId,
    interventionId: i.id,
    personId: i.personId,
    resourceId: resource.id,
    resourceName: resource.name,
    code: i.code,
    assigneeId,
    createdBy: user.id,
    note: input.note ?? null,
    calendar,
    policy,
  };
  const record = { id, organisationId: i.organisationId, workflowId, personId: i.personId };
  await startRecordWorkflow<typeof referralWorkflow>(deps, user, 'referral', record, 'referralWorkflow', {
    args: [workflowInput],
    // Codes only: Temporal shows this to admins and does not encrypt it.
    staticSummary: t('es', 'temporal.referral.summary', { id, code: i.code }),
    typedSearchAttributes: recordSearchAttributes({ kind: workflowKinds.referral.kind, organisationId: i.organisationId, personId: i.personId, status: 'draft', assigneeId, businessKey: i.code }),
  }, () => db.delete(referrals).where(eq(referrals.id, id)), { action: 'created', details: { interventionId: i.id, resourceId: resource.id } });
  return { id, status: 'draft' as const };
}

/** The person file's address for a channel: the primary one, else the first. */
async function personAddress(db: Db, personId: string, channel: ReferralChannel): Promise<string | null> {
  if (channel === 'email') {
    const [row] = await db.select({ a: personEmails.address }).from(personEmails).where(eq(personEmails.personId, personId)).orderBy(desc(personEmails.isPrimary), asc(personEmails.createdAt)).limit(1);
    return row?.a ?? null;
  }
  const [row] = await db.select({ a: personPhones.number }).from(personPhones).where(eq(personPhones.personId, personId)).orderBy(desc(personPhones.isPrimary), asc(personPhones.createdAt)).limit(1);
  return row?.a ?? null;
}

export async function sendReferral(
  deps: AppDeps,
  user: SessionUser,
  id: string,
  input: { channels: ReferralChannel[]; consent?: { given: boolean; method: 'verbal' | 'written' } | null; email?: string | null; phone?: string | null },
) {
  const { db } = deps;
  requireStaff(user);
  const row = await findReferral(db, user, id);
  if (row.status !== 'draft') {
    throw conflict(referralErrors.transitionNotAllowed, 'errors.transition_not_allowed', { statusLabel: `@referral.status.${row.status}`, toLabel: '@referral.status.sent' }, { from: row.status, to: 'sent' });
  }
  if (!input.consent?.given) throw unprocessable(referralErrors.consentRequired);
  const channels = [...new Set(input.channels)];
  const email = channels.includes('email') ? input.email ?? (await personAddress(db, row.personId, 'email')) : null;
  const phone = channels.includes('sms') ? input.phone ?? (await personAddress(db, row.personId, 'sms')) : null;
  if (channels.includes('email') && !email) throw unprocessable(referralErrors.missingEmail);
  if (channels.includes('sms') && !phone) throw unprocessable(referralErrors.missingPhone);
  if (channels.includes('sms') && !(await messagingSettingsOf(db, row.organisationId)).smsEnabled) throw unprocessable('sms_disabled');
  const [resource] = await db.select({ email: resources.email }).from(resources).where(eq(resources.id, row.resourceId));
  const { calendar, policy } = await calendarOf(db, row.organisationId);
  const result = await update(deps, user, row, sendReferralUpdate, {
    by: user.id,
    channels,
    consent: { given: true, method: input.consent.method },
    email,
    phone,
    serviceEmail: resource?.email ?? null,
    calendar,
    policy,
  }, { action: 'sent', details: { channels, consent: input.consent.method } });
  return { id, status: result.status };
}

// ---- the signed written consent ---------------------------------------------------------------

/**
 * Attaches the signed written consent. The bytes go to the store ventanilla attachments use
 * (communication_attachments, owned by the referral); the workflow, which owns the consent,
 * records it through an Update whose validator refuses unless consent is written and has no file
 * yet (409 consent_not_written / consent_file_exists). A refusal removes what was stored.
 */
export async function attachConsentFile(deps: AppDeps, user: SessionUser, id: string, file: { name: string; mediaType: ConsentFileType; content: Buffer }) {
  const { db } = deps;
  requireStaff(user);
  const row = await findReferral(db, user, id);
  // The projection answers the common refusals before anything is stored; the validator decides.
  if (row.consent?.method !== 'written') {
    throw conflict(referralErrors.consentNotWritten, `errors.${referralErrors.consentNotWritten}`, {}, { method: row.consent?.method ?? 'none' });
  }
  if (row.consent.file) throw conflict(referralErrors.consentFileExists, `errors.${referralErrors.consentFileExists}`, { name: row.consent.file.name });
  const fileId = newId(deps, 'consent-file', id);
  const name = consentFileName(file.name, file.mediaType);
  // A retry (same Idempotency-Key) finds its file stored already: keep it, never remove it.
  const stored = await db
    .insert(communicationAttachments)
    .values({
      id: fileId,
      referralId: id,
      organisationId: row.organisationId,
      kind: 'file',
      name,
      mediaType: file.mediaType,
      size: file.content.byteLength,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
      createdBy: user.id,
    })
    .onConflictDoNothing()
    .returning({ id: communicationAttachments.id });
  const ref = { id: fileId, name, mediaType: file.mediaType, size: file.content.byteLength };
  try {
    await update(deps, user, row, attachReferralConsentFileUpdate, { by: user.id, file: ref }, { action: 'consent_file_attached', details: { fileId, name, size: ref.size } });
  } catch (err) {
    if (stored.length) await db.delete(communicationAttachments).where(eq(communicationAttachments.id, fileId));
    throw err;
  }
  // The Update answers once the projection is written: the row says who attached it and when.
  const attached = (await findReferral(db, user, id)).consent?.file;
  return { name, mediaType: file.mediaType, size: ref.size, attachedBy: attached?.attachedBy ?? user.id, attachedAt: attached?.attachedAt ?? new Date().toISOString() };
}

/** The signed consent's bytes: whoever sees the referral; 404 when it has none. */
export async function consentFile(db: Db, user: SessionUser, id: string) {
  const row = await findReferral(db, user, id);
  const fileId = row.consent?.file?.id;
  if (!fileId) throw notFound();
  const [a] = await db
    .select({ name: communicationAttachments.name, mediaType: communicationAttachments.mediaType, content: communicationAttachments.content })
    .from(communicationAttachments)
    .where(and(eq(communicationAttachments.id, fileId), eq(communicationAttachments.referralId, id)));
  if (!a?.content) throw notFound();
  return { name: a.name, mediaType: a.mediaType ?? 'application/octet-stream', content: a.content };
}

// ---- answers ----------------------------------------------------------------------------------

/** Staff record an answer they learnt (by phone, in person…); the history says who and how. */
export async function changeReferralStatus(deps: AppDeps, user: SessionUser, id: string, input: { status: ReferralAnswerStatus; reason?: string | null; note?: string | null; via?: ReferralAnswerChannel }) {
  requireStaff(user);
  const row = await findReferral(deps.db, user, id);
  const via = input.via ?? 'phone';
  const result = await update(deps, user, row, answerReferralUpdate, { by: user.id, status: input.status, reason: input.reason ?? null, note: input.note ?? null, via }, {
    action: 'status_changed',
    details: { status: input.status, via },
  });
  return { id, status: result.status };
}

/** A partner organisation's user answers in the app ("Derivaciones recibidas"). */
export async function answerReceived(deps: AppDeps, user: SessionUser, id: string, input: { decision: ReferralDecision; reason?: string | null; note?: string | null }) {
  requireStaff(user);
  const row = await findReceived(deps.db, user, id);
  const result = await update(deps, user, row, answerReferralUpdate, {
    by: user.id,
    byLabel: user.organisationName,
    status: input.decision,
    reason: input.reason ?? null,
    note: input.note ?? null,
    via: 'in_app',
  }, { action: 'answered', details: { decision: input.decision, via: 'in_app' } });
  return { id, status: result.status };
}

const decisionsFor = (status: ReferralStatus): ReferralDecision[] => (status === 'sent' ? ['accepted', 'declined'] : status === 'accepted' ? ['completed', 'no_show'] : []);

/** The link's referral, or the refusal: 404 unknown, 410 revoked / expired / resolved. */
async function linkedReferral(db: Db, token: string) {
  if (!LINK_TOKEN_PATTERN.test(token)) throw notFound();
  const resolved = await resolvePublicLink(db, linkTokenHash(token), 'referral_answer');
  if (!resolved.ok) {
    if (resolved.reason === 'unknown') throw notFound();
    throw new ApiError(410, `link_${resolved.reason}`, 'errors.link_gone', { reasonLabel: `@link.gone.${resolved.reason}` }, { reason: resolved.reason });
  }
  const [row] = await db.select().from(referrals).where(eq(referrals.id, resolved.link.subjectId));
  if (!row) throw notFound();
  if (isResolvedReferral(row.status)) throw new ApiError(410, 'link_resolved', 'errors.link_gone', { reasonLabel: '@link.gone.resolved' }, { reason: 'resolved' });
  return { link: resolved.link, row };
}

export async function answerView(deps: AppDeps, token: string, ip?: string | null) {
  const { db } = deps;
  const { link, row } = await linkedReferral(db, token);
  const [[ctx], [assignee]] = await Promise.all([
    db
      .select({ org: organisations.name, firstName: persons.firstName, lastName: persons.lastName, anonymous: persons.anonymous, code: persons.code, need: needs.name, needCode: interventions.needCode })
      .from(referrals)
      .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
      .innerJoin(persons, eq(persons.id, referrals.personId))
      .innerJoin(interventions, eq(interventions.id, referrals.interventionId))
      .leftJoin(needs, and(eq(needs.organisationId, interventions.organisationId), eq(needs.code, interventions.needCode)))
      .where(eq(referrals.id, row.id)),
    db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, row.assigneeId)),
  ]);
  await recordPublicLinkUse(db, link, { action: 'viewed', ip, details: { status: row.status } });
  return {
    status: row.status,
    locale: link.locale,
    organisation: ctx.org,
    professional: { name: assignee?.name ?? null, email: assignee?.email ?? null },
    resource: row.resourceName,
    person: displayName(ctx),
    need: ctx.need ?? ctx.needCode,
    note: row.note,
    sentAt: iso(row.sentAt),
    decisions: decisionsFor(row.status),
  };
}

export async function answerByLink(deps: AppDeps, token: string, input: { decision: ReferralDecision; reason?: string | null; note?: string | null }, ip?: string | null) {
  const { db, temporal } = deps;
  const { link, row } = await linkedReferral(db, token);
  const handle = temporal.workflow.getHandle(row.workflowId);
  const result = await handle.executeUpdate(answerReferralUpdate, {
    args: [{ by: null, byLabel: row.resourceName, status: input.decision, reason: input.reason ?? null, note: input.note ?? null, via: 'link' }],
    updateId: keyedUpdateId(deps, 'answerReferral', row.id),
  });
  await recordPublicLinkUse(db, link, { action: 'answered', ip, details: { decision: input.decision } });
  return { id: row.id, status: result.status };
}

// ---- follow-ups -------------------------------------------------------------------------------

/** A date alone means 09:00 in the organisation's zone. */
function dueInstant(dueAt: string, timezone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueAt)) return new Date(dueAt);
  const day = new Date(`${dueAt}T09:00:00Z`);
  // 09:00 local: shift by the zone's offset at that moment.
  const local = toLocal(day, timezone);
  const offsetMs = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) - day.getTime();
  return new Date(day.getTime() - offsetMs);
}

async function requireFollowUp(db: Db, referralId: string, followUpId: string) {
  const [row] = await db.select({ id: followUps.id }).from(followUps).where(and(eq(followUps.id, followUpId), ownedBy({ type: 'referral', id: referralId })));
  if (!row) throw notFound();
}

export async function scheduleReferralFollowUp(deps: AppDeps, user: SessionUser, id: string, input: { dueAt: string; note?: string }) {
  requireStaff(user);
  const row = await findReferral(deps.db, user, id);
  const { calendar, policy } = await calendarOf(deps.db, row.organisationId);
  const followUpId = newId(deps, 'followup', row.id);
  const dueAt = dueInstant(input.dueAt, calendar.timezone).toISOString();
  try {
    await update(deps, user, row, scheduleReferralFollowUpUpdate, { by: user.id, id: followUpId, dueAt, note: input.note ?? '', calendar, policy }, {
      action: 'follow_up_scheduled',
      details: { followUpId, dueAt },
      updateId: `followup-${followUpId}`,
    });
  } catch (err) {
    if (!isRetriedCreation(deps, err, referralErrors.duplicate)) throw err;
  }
  return { id: followUpId };
}

export async function completeReferralFollowUp(deps: AppDeps, user: SessionUser, id: string, followUpId: string, input: { outcome: string; notes?: string | null }) {
  requireStaff(user);
  const row = await findReferral(deps.db, user, id);
  await requireFollowUp(deps.db, id, followUpId);
  const result = await update(deps, user, row, completeReferralFollowUpUpdate, { by: user.id, id: followUpId, outcome: input.outcome, notes: input.notes ?? null }, {
    action: 'follow_up_completed',
    details: { followUpId },
  });
  return { id, status: result.status };
}

export async function cancelReferralFollowUp(deps: AppDeps, user: SessionUser, id: string, followUpId: string, input: { reason?: string | null }) {
  requireStaff(user);
  const row = await findReferral(deps.db, user, id);
  await requireFollowUp(deps.db, id, followUpId);
  const result = await update(deps, user, row, cancelReferralFollowUpUpdate, { by: user.id, id: followUpId, reason: input.reason ?? null }, { action: 'follow_up_cancelled', details: { followUpId } });
  return { id, status: result.status };
}

// ---- lists and detail -------------------------------------------------------------------------

const assignee = alias(users, 'referral_assignee');
const listColumns = {
  r: referrals,
  interventionCode: interventions.code,
  firstName: persons.firstName,
  lastName: persons.lastName,
  anonymous: persons.anonymous,
  personCode: persons.code,
  assigneeName: assignee.name,
};
type ListRow = { r: ReferralRow; interventionCode: string; firstName: string | null; lastName: string | null; anonymous: boolean; personCode: string; assigneeName: string | null };

/** Unanswered past the answer delay (reminded, or its reminder due), or accepted with the outcome requested. */
const overdueCondition = sql`((${referrals.status} = 'sent' AND (${referrals.chases} > 0 OR ${referrals.nextChaseAt} <= now())) OR (${referrals.status} = 'accepted' AND (${referrals.nextChaseAt} IS NULL OR ${referrals.nextChaseAt} <= now())))`;
const isOverdue = (r: ReferralRow) =>
  (r.status === 'sent' && (r.chases > 0 || (r.nextChaseAt !== null && r.nextChaseAt <= new Date()))) ||
  (r.status === 'accepted' && (r.nextChaseAt === null || r.nextChaseAt <= new Date()));

function listItem({ r, ...p }: ListRow) {
  return {
    id: r.id,
    interventionId: r.interventionId,
    interventionCode: p.interventionCode,
    personId: r.personId,
    personName: displayName({ anonymous: p.anonymous, firstName: p.firstName, lastName: p.lastName, code: p.personCode }),
    resourceId: r.resourceId,
    resourceName: r.resourceName,
    status: r.status,
    assigneeId: r.assigneeId,
    assigneeName: p.assigneeName,
    sentAt: iso(r.sentAt),
    answeredAt: iso(r.answeredAt),
    resolvedAt: iso(r.resolvedAt),
    nextChaseAt: iso(r.nextChaseAt),
    chases: r.chases,
    pendingFollowUps: r.pendingFollowUps,
    overdue: isOverdue(r),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

const listQuery = (db: Db) =>
  db
    .select(listColumns)
    .from(referrals)
    .innerJoin(interventions, eq(interventions.id, referrals.interventionId))
    .innerJoin(persons, eq(persons.id, referrals.personId))
    .leftJoin(assignee, eq(assignee.id, referrals.assigneeId));

export async function listReferrals(db: Db, user: SessionUser, f: TReferralListQuery) {
  const c: SQL[] = [eq(referrals.organisationId, user.organisationId)];
  if (f.status) c.push(inArray(referrals.status, f.status.split(',') as ReferralStatus[]));
  if (f.awaitingAnswer === 'true') c.push(eq(referrals.status, 'sent'));
  if (f.awaitingAnswer === 'false') c.push(sql`${referrals.status} <> 'sent'`);
  if (f.overdue === 'true') c.push(overdueCondition);
  if (f.assignee) c.push(eq(referrals.assigneeId, f.assignee === 'me' ? user.id : f.assignee));
  if (f.interventionId) c.push(eq(referrals.interventionId, f.interventionId));
  if (f.personId) c.push(eq(referrals.personId, f.personId));
  if (f.resourceId) c.push(eq(referrals.resourceId, f.resourceId));
  const where = and(...c);
  const [rows, [{ total }]] = await Promise.all([
    listQuery(db).where(where).orderBy(desc(referrals.updatedAt), desc(referrals.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(referrals).where(where),
  ]);
  return { items: rows.map(listItem), total };
}

/** The intervention view's `referrals`. */
export async function referralsOfIntervention(db: Db, interventionId: string) {
  return (await listQuery(db).where(eq(referrals.interventionId, interventionId)).orderBy(asc(referrals.createdAt))).map(listItem);
}

/** What stops an intervention from closing on the referrals' side: each unresolved one. */
export async function unresolvedReferrals(db: Db, interventionId: string) {
  return db
    .select({ id: referrals.id, resourceName: referrals.resourceName, status: referrals.status })
    .from(referrals)
    .where(and(eq(referrals.interventionId, interventionId), inArray(referrals.status, [...unresolvedReferralStatuses])));
}

export async function getReferral(db: Db, user: SessionUser, id: string, locale: Locale) {
  const row = await findReferral(db, user, id);
  const [[listed], [resource], eventRows, followUpRows] = await Promise.all([
    listQuery(db).where(eq(referrals.id, id)),
    db.select().from(resources).where(eq(resources.id, row.resourceId)),
    db.select().from(referralEvents).where(eq(referralEvents.referralId, id)).orderBy(desc(referralEvents.seq)),
    followUpsOf(db, { type: 'referral', id }),
  ]);
  const userIds = [...new Set(eventRows.map((e) => e.actorId).filter((x): x is string => Boolean(x)))];
  const names = new Map(userIds.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))).map((u) => [u.id, u.name]) : []);
  return {
    ...listItem(listed),
    note: row.note,
    reason: row.reason,
    channels: row.channels,
    consent: row.consent
      ? {
          given: true,
          method: row.consent.method,
          recordedBy: row.consent.recordedBy,
          recordedAt: row.consent.recordedAt,
          file: row.consent.file
            ? { name: row.consent.file.name, mediaType: row.consent.file.mediaType as ConsentFileType, size: row.consent.file.size, attachedBy: row.consent.file.attachedBy, attachedAt: row.consent.file.attachedAt }
            : null,
        }
      : null,
    receivingOrganisationId: row.receivingOrganisationId,
    resource: { id: resource.id, name: resource.name, email: resource.email, phone: resource.phone, address: resource.address, languages: resource.languages },
    history: eventRows.map((e) => ({
      seq: e.seq,
      at: iso(e.at)!,
      action: e.action,
      actorId: e.actorId,
      actorName: e.actorId ? names.get(e.actorId) ?? null : e.actorLabel,
      note: e.note,
      details: { ...e.details, ...(typeof e.details.via === 'string' ? { viaLabel: t(locale, `referral.via.${e.details.via}`) } : {}) },
    })),
    followUps: followUpRows.map(followUpView),
    workflowId: row.workflowId,
  };
}

export async function listReceived(db: Db, user: SessionUser, f: { page: number; pageSize: number; status?: string }) {
  const professional = alias(users, 'referral_professional');
  const c: SQL[] = [eq(referrals.receivingOrganisationId, user.organisationId), sql`${referrals.status} <> 'draft'`];
  if (f.status) c.push(inArray(referrals.status, f.status.split(',') as ReferralStatus[]));
  const where = and(...c);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ r: referrals, org: organisations.name, pName: professional.name, pEmail: professional.email, p: persons, need: needs.name, needCode: interventions.needCode })
      .from(referrals)
      .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
      .innerJoin(persons, eq(persons.id, referrals.personId))
      .innerJoin(interventions, eq(interventions.id, referrals.interventionId))
      .leftJoin(needs, and(eq(needs.organisationId, interventions.organisationId), eq(needs.code, interventions.needCode)))
      .leftJoin(professional, eq(professional.id, referrals.assigneeId))
      .where(where)
      .orderBy(desc(referrals.sentAt))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(referrals).where(where),
  ]);
  return {
    items: rows.map((x) => ({
      id: x.r.id,
      status: x.r.status,
      resourceName: x.r.resourceName,
      fromOrganisation: x.org,
      professionalName: x.pName,
      professionalEmail: x.pEmail,
      personName: displayName(x.p),
      need: x.need ?? x.needCode,
      note: x.r.note,
      sentAt: iso(x.r.sentAt),
      answeredAt: iso(x.r.answeredAt),
    })),
    total,
  };
}

// ---- FHIR -------------------------------------------------------------------------------------

/** HL7 FHIR R4: the referral as a ServiceRequest, its progress as a Task (closed-loop referral). */
export async function referralAsFhir(db: Db, user: SessionUser, id: string) {
  const row = await findReferral(db, user, id);
  const [[ctx], [assigneeRow], [org]] = await Promise.all([
    db
      .select({ p: persons, needCode: interventions.needCode, need: needs.name, code: interventions.code })
      .from(referrals)
      .innerJoin(persons, eq(persons.id, referrals.personId))
      .innerJoin(interventions, eq(interventions.id, referrals.interventionId))
      .leftJoin(needs, and(eq(needs.organisationId, interventions.organisationId), eq(needs.code, interventions.needCode)))
      .where(eq(referrals.id, id)),
    db.select({ name: users.name }).from(users).where(eq(users.id, row.assigneeId)),
    db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.organisationId)),
  ]);
  const subject = { reference: `Patient/${row.personId}`, display: displayName(ctx.p) };
  const performer = { reference: `Organization/${row.resourceId}`, display: row.resourceName };
  const serviceRequest = {
    resourceType: 'ServiceRequest',
    id: row.id,
    identifier: [{ system: 'urn:cauce:referral', value: row.id }],
    status: fhirServiceRequestStatus[row.status],
    intent: 'order',
    category: [{ coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }] }],
    code: { coding: [{ system: 'urn:cauce:needs', code: ctx.needCode, display: ctx.need ?? ctx.needCode }] },
    subject,
    authoredOn: iso(row.sentAt ?? row.createdAt),
    requester: { reference: `Practitioner/${row.assigneeId}`, display: assigneeRow?.name },
    performer: [performer],
    reasonCode: [{ text: ctx.need ?? ctx.needCode }],
    supportingInfo: [{ reference: `EpisodeOfCare/${row.interventionId}`, display: ctx.code }],
    ...(row.note ? { note: [{ text: row.note }] } : {}),
  };
  const task = {
    resourceType: 'Task',
    id: `${row.id}-task`,
    status: fhirTaskStatus[row.status],
    intent: 'order',
    focus: { reference: `ServiceRequest/${row.id}` },
    for: subject,
    authoredOn: iso(row.createdAt),
    lastModified: iso(row.updatedAt),
    requester: { reference: `Organization/${row.organisationId}`, display: org?.name },
    owner: performer,
    ...(row.reason ? { statusReason: { text: row.reason } } : {}),
    ...(row.status === 'no_show' ? { businessStatus: { text: 'no-show' } } : {}),
  };
  return { resourceType: 'Bundle' as const, type: 'collection' as const, entry: [{ resource: serviceRequest }, { resource: task }] };
}

// ---- report -----------------------------------------------------------------------------------

/** Whole working days from `a` to `b` in the organisation's calendar. */
function workingDaysBetween(a: Date, b: Date, calendar: WorkingCalendar): number {
  let n = 0;
  for (let d = addCalendarDays(a, 1, calendar.timezone); d <= b; d = addCalendarDays(d, 1, calendar.timezone)) {
    if (isWorkingDay(toLocal(d, calendar.timezone), calendar)) n++;
    if (n > 3660) break;
  }
  return n;
}
function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function referralReport(db: Db, user: SessionUser, f: { from?: string; to?: string }) {
  requireSupervision(user);
  const { calendar } = await calendarOf(db, user.organisationId);
  const c: SQL[] = [eq(referrals.organisationId, user.organisationId)];
  if (f.from) c.push(sql`${referrals.createdAt} >= ${`${f.from}T00:00:00Z`}`);
  if (f.to) c.push(sql`${referrals.createdAt} <= ${`${f.to}T23:59:59.999Z`}`);
  const rows = await db
    .select({ r: referrals, professional: users.name })
    .from(referrals)
    .leftJoin(users, eq(users.id, referrals.assigneeId))
    .where(and(...c));
  const summarise = (id: string | null, name: string, group: typeof rows) => {
    const byStatus = Object.fromEntries(referralStatuses.map((s) => [s, group.filter((g) => g.r.status === s).length]));
    const withOutcome = byStatus.completed + byStatus.no_show;
    const everAccepted = byStatus.accepted + withOutcome;
    return {
      id,
      name,
      total: group.length,
      byStatus,
      withOutcome,
      outcomeShare: everAccepted ? Math.round((withOutcome / everAccepted) * 1000) / 1000 : null,
      medianWorkingDaysToAnswer: median(group.filter((g) => g.r.sentAt && g.r.answeredAt).map((g) => workingDaysBetween(g.r.sentAt!, g.r.answeredAt!, calendar))),
      medianWorkingDaysToOutcome: median(
        group.filter((g) => g.r.sentAt && g.r.resolvedAt && (g.r.status === 'completed' || g.r.status === 'no_show')).map((g) => workingDaysBetween(g.r.sentAt!, g.r.resolvedAt!, calendar)),
      ),
    };
  };
  const groupBy = (key: (x: (typeof rows)[number]) => string, label: (x: (typeof rows)[number]) => string) => {
    const groups = new Map<string, typeof rows>();
    for (const x of rows) groups.set(key(x), [...(groups.get(key(x)) ?? []), x]);
    return [...groups.entries()].map(([k, g]) => summarise(k, label(g[0]), g)).sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  };
  return {
    overall: summarise(null, 'all', rows),
    byResource: groupBy((x) => x.r.resourceId, (x) => x.r.resourceName),
    byProfessional: groupBy((x) => x.r.assigneeId, (x) => x.professional ?? x.r.assigneeId),
  };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function referralReportCsv(report: Awaited<ReturnType<typeof referralReport>>): string {
  const header = ['scope', 'id', 'name', 'total', ...referralStatuses, 'with_outcome', 'outcome_share', 'median_working_days_to_answer', 'median_working_days_to_outcome'];
  const line = (scope: string, r: (typeof report)['overall']) =>
    [scope, r.id, r.name, r.total, ...referralStatuses.map((s) => r.byStatus[s]), r.withOutcome, r.outcomeShare, r.medianWorkingDaysToAnswer, r.medianWorkingDaysToOutcome].map(csvCell).join(',');
  return [header.join(','), line('overall', report.overall), ...report.byResource.map((r) => line('resource', r)), ...report.byProfessional.map((r) => line('professional', r))].join('\r\n') + '\r\n';
}

// ---- dashboard and person deletion ------------------------------------------------------------

/** The Resumen's referral counts for the organisation and for the caller. */
export async function referralCounts(db: Db, user: SessionUser) {
  const [counts] = await db
    .select({
      total: count(),
      awaitingAnswer: sql<number>`count(*) FILTER (WHERE ${referrals.status} = 'sent')`.mapWith(Number),
      accepted: sql<number>`count(*) FILTER (WHERE ${referrals.status} = 'accepted')`.mapWith(Number),
      overdue: sql<number>`count(*) FILTER (WHERE ${overdueCondition})`.mapWith(Number),
      resolved: sql<number>`count(*) FILTER (WHERE ${referrals.status} IN ('declined','completed','no_show','cancelled'))`.mapWith(Number),
      mine: sql<number>`count(*) FILTER (WHERE ${referrals.status} IN ('draft','sent','accepted') AND ${referrals.assigneeId} = ${user.id})`.mapWith(Number),
      mineOverdue: sql<number>`count(*) FILTER (WHERE ${overdueCondition} AND ${referrals.assigneeId} = ${user.id})`.mapWith(Number),
    })
    .from(referrals)
    .where(eq(referrals.organisationId, user.organisationId));
  return counts;
}

export const referralsPersonDependent: PersonDependent = {
  name: 'referrals',
  count: async (db, personId) => (await db.select({ n: count() }).from(referrals).where(eq(referrals.personId, personId)))[0].n,
  breakdown: async (db, personId) => {
    const ids = (await db.select({ id: referrals.id }).from(referrals).where(eq(referrals.personId, personId))).map((r) => r.id);
    const fus = ids.length ? (await db.select({ n: count() }).from(followUps).where(ownedByAny('referral', ids)))[0].n : 0;
    return { followUps: fus };
  },
  remove: async (db, personId, ctx) => {
    const rows = await db.select({ id: referrals.id, workflowId: referrals.workflowId }).from(referrals).where(eq(referrals.personId, personId));
    if (!rows.length) return;
    const ids = rows.map((r) => r.id);
    const fus = await db.select({ id: followUps.id }).from(followUps).where(ownedByAny('referral', ids));
    if (ctx?.temporal) {
      const client = ctx.temporal;
      await Promise.all(
        [...rows.map((r) => r.workflowId), ...fus.map((f) => followUpWorkflowId(f.id))].map((wid) =>
          client.workflow
            .getHandle(wid)
            .terminate('person deleted')
            .catch((err) => {
              if (!(err instanceof WorkflowNotFoundError)) throw err;
            }),
        ),
      );
    }
    await db.delete(followUps).where(ownedByAny('referral', ids));
    await db.delete(referrals).where(inArray(referrals.id, ids));
  },
};
