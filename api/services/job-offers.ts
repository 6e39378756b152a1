// Job offers of a placement agency (issue 14). The offer's own data is edited here; its
// candidates' statuses and its closing are Updates on its workflow (`job-offer-<id>`), whose
// projection the lists read. The company sees the interested candidates' CVs through a share
// link (public_links, purpose cv_share): expiring, revocable, every view logged.
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db } from '../../db/client';
import { followUpsOf, ownedBy } from '../../db/follow-ups';
import { issuePublicLink, recordPublicLinkUse, resolvePublicLink } from '../../db/public-links';
import {
  followUps,
  jobOfferCandidates,
  jobOffers,
  jobOfferShares,
  jobOfferShareViews,
  organisations,
  personEmails,
  personPhones,
  persons,
  publicLinks,
  users,
} from '../../db/schema';
import { renderReferralSheetPdf } from '../../documents/job-offer-pdf';
import { cvPdf } from './cv';
import { isLocale, negotiateLocale, t, type Locale } from '../../domain/i18n';
import { policyFromSettings } from '../../domain/interventions';
import type { CandidateStatus, ContractType } from '../../domain/job-offers/offers';
import { DEFAULT_INTEREST_CHECK_WORKING_DAYS } from '../../domain/job-offers/offers';
import { effectiveSettings } from '../../domain/organisation-settings';
import { addCalendarDays, fromLocal, isoDate, toLocal, type WorkingCalendar } from '../../domain/working-days';
import { LINK_TOKEN_PATTERN, linkTokenHash, newLinkToken, signUnderLink, verifyUnderLink } from '../../security/public-links';

import type { jobOfferWorkflow } from '../../workflows/job-offer';
import {
  addCandidateUpdate,
  cancelOfferFollowUpUpdate,
  changeOfferTermsUpdate,
  closeOfferUpdate,
  completeOfferFollowUpUpdate,
  jobOfferWorkflowId,
  scheduleOfferFollowUpUpdate,
  setCandidateFavouriteUpdate,
  setCandidateStatusUpdate,
  type JobOfferInput,
  type JobOfferUpdateResult,
} from '../../workflows/job-offer.definitions';
import { businessKeyKey, kindKey, organisationKey, statusKey } from '../../workflows/search-attributes';
import { workflowKinds } from '../../workflows/workflow-kinds';
import type { AppDeps, SessionUser } from '../context';
import { ApiError, forbidden, notFound } from '../errors';
import { iso } from '../schemas';
import { followUpView } from './follow-up-view';
import type { TCreateJobOffer, TUpdateJobOffer } from '../routes/job-offers.schemas';
import { startBulkMessage } from './messages';
import type { PersonDependent } from './person-dependents';
import { displayName, findPersonRow } from './persons';
import { keyedUpdateId, newId } from './request-ids';

type OfferRow = typeof jobOffers.$inferSelect;

/** Who manages offers: professionals, supervisors and admins; anyone else (a signer, a reader) 403. */
const OFFER_ROLES = ['admin', 'supervisor', 'professional'];
export function requireOfferRole(user: SessionUser) {
  if (!user.roles.some((r) => OFFER_ROLES.includes(r))) throw new ApiError(403, 'forbidden', 'errors.job_offer_forbidden', {}, { reason: 'role' });
}

/** How long a CV link inside a share stays valid (never beyond the share itself). */
const CV_LINK_SECONDS = 3600;

async function findOffer(db: Db, user: SessionUser, id: string): Promise<OfferRow> {
  requireOfferRole(user);
  const [row] = await db.select().from(jobOffers).where(and(eq(jobOffers.id, id), eq(jobOffers.organisationId, user.organisationId)));
  if (!row) throw notFound();
  return row;
}

async function offerContext(db: Db, organisationId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  const calendar: WorkingCalendar = { timezone: org.timezone, holidays: org.settings.holidays ?? [] };
  const settings = effectiveSettings(org.settings);
  return { org, calendar, policy: policyFromSettings(org.settings), interestWorkingDays: settings.jobOfferInterestWorkingDays ?? DEFAULT_INTEREST_CHECK_WORKING_DAYS };
}

/** The first instant after the end date in the organisation's zone: the offer closes then. */
export function offerClosesAt(endsOn: string | null | undefined, timezone: string): string | null {
  if (!endsOn) return null;
  const [year, month, day] = endsOn.split('-').map(Number);
  return addCalendarDays(fromLocal({ year, month, day, hour: 0, minute: 0, second: 0 }, timezone), 1, timezone).toISOString();
}

const today = (timezone: string) => isoDate(toLocal(new Date(), timezone));

export async function createJobOffer(deps: AppDeps, user: SessionUser, input: TCreateJobOffer) {
  requireOfferRole(user);
  const { db, temporal, config } = deps;
  const id = newId(deps, 'job-offer', user.organisationId);
  const [existing] = await db.select({ id: jobOffers.id }).from(jobOffers).where(eq(jobOffers.id, id));
  if (existing) return { id };
  const ctx = await offerContext(db, user.organisationId);
  const workflowId = jobOfferWorkflowId(id);
  await db.insert(jobOffers).values({
    id,
    organisationId: user.organisationId,
    own: input.own,
    employerName: input.employer.name,
    employerTaxId: input.employer.taxId,
    employerContactName: input.employer.contactName ?? null,
    employerEmail: input.employer.email ?? null,
    employerPhone: input.employer.phone ?? null,
    title: input.title,
    description: input.description ?? '',
    vacancies: input.vacancies,
    province: input.province,
    municipality: input.municipality ?? null,
    contractType: input.contractType,
    salaryMin: input.salaryMin ?? null,
    salaryMax: input.salaryMax ?? null,
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    criteria: input.criteria ?? {},
    searchFilters: input.searchFilters ?? {},
    workflowId,
    createdBy: user.id,
  });
  const workflowInput: JobOfferInput = {
    offerId: id,
    organisationId: user.organisationId,
    ownerId: user.id,
    title: input.title,
    vacancies: input.vacancies,
    closesAt: offerClosesAt(input.endsOn, ctx.calendar.timezone),
    createdBy: user.id,
    calendar: ctx.calendar,
    interestWorkingDays: ctx.interestWorkingDays,
    policy: ctx.policy,
  };
  try {
    await temporal.workflow.start<typeof jobOfferWorkflow>('jobOfferWorkflow', {
      workflowId,
      taskQueue: config.taskQueue,
      args: [workflowInput],
      // Ids only: Temporal shows this to admins and does not encrypt it.
      staticSummary: t('es', 'temporal.job_offer.summary', { id }),
      typedSearchAttributes: [
        { key: kindKey, value: workflowKinds.jobOffer.kind },
        { key: organisationKey, value: user.organisationId },
        { key: statusKey, value: 'open' },
        { key: businessKeyKey, value: input.employer.taxId },
      ],
    });
  } catch (err) {
    await db.delete(jobOffers).where(eq(jobOffers.id, id));
    throw err;
  }
  await writeAudit(db, { ...auditActor(user), action: 'job_offer.created', subjectType: 'job_offer', subjectId: id, details: { title: input.title, employerTaxId: input.employer.taxId } });
  return { id };
}

async function update<A>(deps: AppDeps, user: SessionUser, row: OfferRow, def: UpdateDefinition<JobOfferUpdateResult, [A], string>, args: A, audit: { action: string; personId?: string; details?: Record<string, unknown>; updateId?: string }) {
  const handle = deps.temporal.workflow.getHandle(row.workflowId);
  const result = await handle.executeUpdate(def, { args: [args], updateId: audit.updateId ?? keyedUpdateId(deps, def.name, row.id) }).catch(async (err: unknown) => {
    // The offer's workflow has ended (closed, nothing left to chase): the offer is closed, not missing.
    if (err instanceof WorkflowNotFoundError && (await handle.describe().then((d) => d.status.name !== 'RUNNING', () => false))) {
      throw new ApiError(409, 'job_offer_closed', 'errors.job_offer_closed', { reasonLabel: t('es', `job_offer.closed_reason.${row.closedReason}`) });
    }
    throw err;
  });
  await writeAudit(deps.db, { ...auditActor(user), action: `job_offer.${audit.action}`, subjectType: 'job_offer', subjectId: row.id, personId: audit.personId ?? null, details: audit.details ?? {} });
  return { id: row.id, status: result.status, closedReason: result.closedReason, placed: result.placed };
}

export async function updateJobOffer(deps: AppDeps, user: SessionUser, id: string, input: TUpdateJobOffer) {
  const row = await findOffer(deps.db, user, id);
  const { status, employer, ...fields } = input;
  const set: Partial<typeof jobOffers.$inferInsert> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (set as Record<string, unknown>)[k] = v ?? null;
  if (fields.description === null) set.description = '';
  if (employer) {
    if (employer.name !== undefined) set.employerName = employer.name;
    if (employer.taxId !== undefined) set.employerTaxId = employer.taxId;
    if (employer.contactName !== undefined) set.employerContactName = employer.contactName ?? null;
    if (employer.email !== undefined) set.employerEmail = employer.email ?? null;
    if (employer.phone !== undefined) set.employerPhone = employer.phone ?? null;
  }
  const merged = { ...row, ...set };
  if (merged.salaryMin != null && merged.salaryMax != null && merged.salaryMin > merged.salaryMax) {
    throw new ApiError(400, 'invalid_input', 'errors.invalid_input', {}, { fields: [{ path: 'salaryMax', code: 'salary_range', message: 'salary_range' }] });
  }
  const termsChanged = (set.title !== undefined && set.title !== row.title) || (set.vacancies !== undefined && set.vacancies !== row.vacancies) || (input.endsOn !== undefined && (input.endsOn ?? null) !== row.endsOn);
  if ((termsChanged || status === 'closed') && row.status === 'closed') {
    throw new ApiError(409, 'job_offer_closed', 'errors.job_offer_closed', { reasonLabel: `@job_offer.closed_reason.${row.closedReason}` }, { reason: row.closedReason });
  }
  if (Object.keys(set).length) {
    await deps.db.update(jobOffers).set({ ...set, updatedAt: new Date() }).where(eq(jobOffers.id, row.id));
    await writeAudit(deps.db, { ...auditActor(user), action: 'job_offer.edited', subjectType: 'job_offer', subjectId: row.id, details: { fields: Object.keys(set) } });
  }
  if (termsChanged) {
    const { calendar } = await offerContext(deps.db, row.organisationId);
    await update(deps, user, row, changeOfferTermsUpdate, { by: user.id, title: merged.title, vacancies: merged.vacancies, closesAt: offerClosesAt(merged.endsOn, calendar.timezone) }, { action: 'terms_changed' });
  }
  if (status === 'closed') await update(deps, user, row, closeOfferUpdate, { by: user.id }, { action: 'closed' });
  return getJobOffer(deps.db, user, id);
}

// ---- candidates -------------------------------------------------------------------------------

export async function addCandidate(deps: AppDeps, user: SessionUser, id: string, input: { personId: string }) {
  const row = await findOffer(deps.db, user, id);
  const person = await findPersonRow(deps.db, user, input.personId);
  const result = await update(deps, user, row, addCandidateUpdate, { by: user.id, personId: person.id }, { action: 'candidate_added', personId: person.id, updateId: keyedUpdateId(deps, 'addCandidate', `${row.id}:${person.id}`) });
  return { ...result, personId: person.id };
}

export async function setCandidateStatus(deps: AppDeps, user: SessionUser, id: string, personId: string, input: { status: CandidateStatus; date?: string | null; contractType?: ContractType | null }) {
  const row = await findOffer(deps.db, user, id);
  const placedOn = input.status === 'placed' ? input.date ?? today(user.organisationTimezone) : null;
  const contractType = input.status === 'placed' ? input.contractType ?? row.contractType : null;
  const result = await update(
    deps,
    user,
    row,
    setCandidateStatusUpdate,
    { by: user.id, personId, status: input.status, ...(input.status === 'placed' ? { placedOn, contractType } : {}) },
    { action: `candidate_${input.status}`, personId, details: { status: input.status, ...(placedOn ? { placedOn, contractType } : {}) }, updateId: keyedUpdateId(deps, 'setCandidateStatus', `${row.id}:${personId}`) },
  );
  return { ...result, personId, candidateStatus: input.status, placedOn, contractType };
}

export async function setCandidateFavourite(deps: AppDeps, user: SessionUser, id: string, personId: string, favourite: boolean) {
  const row = await findOffer(deps.db, user, id);
  return update(deps, user, row, setCandidateFavouriteUpdate, { by: user.id, personId, favourite }, { action: 'candidate_favourite', personId, details: { favourite } });
}

// ---- reading ----------------------------------------------------------------------------------

const candidateCount = sql<number>`(SELECT count(*)::int FROM ${jobOfferCandidates} WHERE ${jobOfferCandidates.offerId} = ${jobOffers.id})`;

function toItem(o: OfferRow, candidates: number) {
  return {
    id: o.id,
    title: o.title,
    own: o.own,
    employer: { name: o.employerName, taxId: o.employerTaxId, contactName: o.employerContactName, email: o.employerEmail, phone: o.employerPhone },
    vacancies: o.vacancies,
    placed: o.placedCount,
    candidates,
    province: o.province,
    municipality: o.municipality,
    contractType: o.contractType,
    salaryMin: o.salaryMin,
    salaryMax: o.salaryMax,
    startsOn: o.startsOn,
    endsOn: o.endsOn,
    status: o.status,
    closedReason: o.closedReason,
    closedAt: iso(o.closedAt),
    createdBy: o.createdBy,
    createdAt: iso(o.createdAt)!,
  };
}

export async function listJobOffers(db: Db, user: SessionUser, f: { status?: 'open' | 'closed'; q?: string; page: number; pageSize: number }) {
  requireOfferRole(user);
  const conditions: SQL[] = [eq(jobOffers.organisationId, user.organisationId)];
  if (f.status) conditions.push(eq(jobOffers.status, f.status));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conditions.push(or(ilike(jobOffers.title, like), ilike(jobOffers.employerName, like), ilike(jobOffers.employerTaxId, like))!);
  }
  const where = and(...conditions)!;
  const [rows, [{ total }]] = await Promise.all([
    db.select({ o: jobOffers, candidates: candidateCount }).from(jobOffers).where(where).orderBy(desc(jobOffers.createdAt), desc(jobOffers.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(jobOffers).where(where),
  ]);
  return { items: rows.map((r) => toItem(r.o, r.candidates)), total };
}

export async function getJobOffer(db: Db, user: SessionUser, id: string) {
  const row = await findOffer(db, user, id);
  const [candidates, shares, fus] = await Promise.all([
    db.select({ c: jobOfferCandidates, p: persons }).from(jobOfferCandidates).innerJoin(persons, eq(persons.id, jobOfferCandidates.personId)).where(eq(jobOfferCandidates.offerId, id)).orderBy(asc(jobOfferCandidates.addedAt)),
    db
      .select({
        s: jobOfferShares,
        l: publicLinks,
        views: sql<number>`(SELECT count(*)::int FROM ${jobOfferShareViews} WHERE ${jobOfferShareViews.shareId} = ${jobOfferShares.id})`,
        lastViewedAt: sql<Date | null>`(SELECT max(${jobOfferShareViews.viewedAt}) FROM ${jobOfferShareViews} WHERE ${jobOfferShareViews.shareId} = ${jobOfferShares.id})`,
      })
      .from(jobOfferShares)
      .innerJoin(publicLinks, eq(publicLinks.tokenHash, jobOfferShares.tokenHash))
      .where(eq(jobOfferShares.offerId, id))
      .orderBy(desc(jobOfferShares.createdAt)),
    followUpsOf(db, { type: 'job_offer', id }),
  ]);
  return {
    ...toItem(row, candidates.length),
    description: row.description,
    criteria: row.criteria,
    searchFilters: row.searchFilters,
    candidateList: candidates.map(({ c, p }) => ({
      personId: c.personId,
      name: displayName(p),
      code: p.code,
      status: c.status,
      favourite: c.favourite,
      statusAt: iso(c.statusAt)!,
      statusBy: c.statusBy,
      placedOn: c.placedOn,
      contractType: c.contractType,
      interestRemindedAt: iso(c.interestRemindedAt),
      history: c.history,
    })),
    shares: shares.map(({ s, l, views, lastViewedAt }) => ({
      id: s.id,
      issuedTo: l.issuedTo,
      expiresAt: iso(l.expiresAt)!,
      revokedAt: iso(l.revokedAt),
      views,
      lastViewedAt: lastViewedAt ? new Date(lastViewedAt).toISOString() : null,
      createdAt: iso(s.createdAt)!,
    })),
    followUps: fus.map(followUpView),
    workflowId: row.workflowId,
  };
}

/** The caller's open offers, for "Mi menú". */
export async function myActiveOffers(db: Db, user: SessionUser) {
  requireOfferRole(user);
  const rows = await db
    .select({ o: jobOffers, candidates: candidateCount })
    .from(jobOffers)
    .where(and(eq(jobOffers.organisationId, user.organisationId), eq(jobOffers.status, 'open')))
    .orderBy(desc(jobOffers.createdAt))
    .limit(20);
  return { items: rows.map((r) => toItem(r.o, r.candidates)), total: rows.length };
}

// ---- the referral sheet -----------------------------------------------------------------------

export async function referralSheet(db: Db, user: SessionUser, id: string, personId: string, locale: Locale) {
  const row = await findOffer(db, user, id);
  const [c] = await db
    .select({ p: persons })
    .from(jobOfferCandidates)
    .innerJoin(persons, eq(persons.id, jobOfferCandidates.personId))
    .where(and(eq(jobOfferCandidates.offerId, row.id), eq(jobOfferCandidates.personId, personId)));
  if (!c) throw notFound();
  const [org] = await db.select().from(organisations).where(eq(organisations.id, row.organisationId));
  const [professional] = await db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
  const pdf = await renderReferralSheetPdf({
    locale,
    timezone: org.timezone,
    organisationName: org.name,
    professionalName: professional?.name ?? user.name,
    candidateName: displayName(c.p),
    candidateDocument: c.p.documentId,
    offer: row,
    date: new Date(),
  });
  await writeAudit(db, { ...auditActor(user), action: 'job_offer.referral_sheet_printed', subjectType: 'job_offer', subjectId: row.id, personId });
  return { pdf, filename: `${t(locale, 'job_offer.pdf.referral.title')} - ${displayName(c.p)}.pdf` };
}

// ---- messages to candidates -------------------------------------------------------------------

export async function messageCandidates(
  deps: AppDeps,
  user: SessionUser,
  id: string,
  input: { audience: 'all' | 'placed' | 'favourites' | 'one'; personId?: string; channel: 'email' | 'sms'; subject?: string; body: string },
) {
  const row = await findOffer(deps.db, user, id);
  const conditions: SQL[] = [eq(jobOfferCandidates.offerId, row.id)];
  if (input.audience === 'placed') conditions.push(eq(jobOfferCandidates.status, 'placed'));
  if (input.audience === 'favourites') conditions.push(eq(jobOfferCandidates.favourite, true));
  if (input.audience === 'one') conditions.push(eq(jobOfferCandidates.personId, input.personId!));
  const rows = await deps.db.select({ personId: jobOfferCandidates.personId }).from(jobOfferCandidates).where(and(...conditions));
  if (!rows.length) {
    if (input.audience === 'one') throw notFound();
    throw new ApiError(422, 'no_candidates', 'errors.no_candidates');
  }
  // The bulk messaging workflow: throttled, tracked per recipient, in the persons' message history.
  const started = await startBulkMessage(deps, user, { personIds: rows.map((r) => r.personId), channel: input.channel, subject: input.subject, body: input.body } as Parameters<typeof startBulkMessage>[2]);
  await writeAudit(deps.db, { ...auditActor(user), action: 'job_offer.candidates_messaged', subjectType: 'job_offer', subjectId: row.id, details: { audience: input.audience, channel: input.channel, bulkId: started.id, total: started.total } });
  return started;
}

// ---- follow-ups -------------------------------------------------------------------------------

function dueInstant(dueAt: string, timezone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueAt)) return new Date(dueAt);
  const [year, month, day] = dueAt.split('-').map(Number);
  return fromLocal({ year, month, day, hour: 9, minute: 0, second: 0 }, timezone);
}

async function requireFollowUp(db: Db, offerId: string, followUpId: string) {
  const [row] = await db.select({ id: followUps.id }).from(followUps).where(and(eq(followUps.id, followUpId), ownedBy({ type: 'job_offer', id: offerId })));
  if (!row) throw notFound();
}

export async function scheduleOfferFollowUp(deps: AppDeps, user: SessionUser, id: string, input: { dueAt: string; note?: string }) {
  const row = await findOffer(deps.db, user, id);
  const { calendar, policy } = await offerContext(deps.db, row.organisationId);
  const followUpId = newId(deps, 'followup', row.id);
  const dueAt = dueInstant(input.dueAt, calendar.timezone).toISOString();
  await update(deps, user, row, scheduleOfferFollowUpUpdate, { by: user.id, id: followUpId, dueAt, note: input.note ?? '', calendar, policy }, {
    action: 'follow_up_scheduled',
    details: { followUpId, dueAt },
    updateId: `followup-${followUpId}`,
  });
  return { id: followUpId };
}

export async function completeOfferFollowUp(deps: AppDeps, user: SessionUser, id: string, followUpId: string, input: { outcome: string; notes?: string | null }) {
  const row = await findOffer(deps.db, user, id);
  await requireFollowUp(deps.db, id, followUpId);
  return update(deps, user, row, completeOfferFollowUpUpdate, { by: user.id, id: followUpId, outcome: input.outcome, notes: input.notes ?? null }, { action: 'follow_up_completed', details: { followUpId } });
}

export async function cancelOfferFollowUp(deps: AppDeps, user: SessionUser, id: string, followUpId: string, input: { reason?: string | null }) {
  const row = await findOffer(deps.db, user, id);
  await requireFollowUp(deps.db, id, followUpId);
  return update(deps, user, row, cancelOfferFollowUpUpdate, { by: user.id, id: followUpId, reason: input.reason ?? null }, { action: 'follow_up_cancelled', details: { followUpId } });
}

// ---- sharing with the company -----------------------------------------------------------------

export async function shareJobOffer(deps: AppDeps, user: SessionUser, id: string, input: { expiresInDays: number; issuedTo?: string | null }, locale: Locale) {
  const row = await findOffer(deps.db, user, id);
  const { token, tokenHash } = newLinkToken();
  const expiresAt = addCalendarDays(new Date(), input.expiresInDays, user.organisationTimezone);
  const shareId = newId(deps, 'job-offer-share', row.id);
  await deps.db.transaction(async (tx) => {
    await issuePublicLink(tx, { tokenHash, organisationId: row.organisationId, purpose: 'cv_share', subjectType: 'job_offer', subjectId: row.id, issuedTo: input.issuedTo ?? row.employerName, locale, expiresAt, createdBy: user.id });
    await tx.insert(jobOfferShares).values({ id: shareId, offerId: row.id, organisationId: row.organisationId, tokenHash, createdBy: user.id });
  });
  return { id: shareId, url: `${deps.config.publicUrl}/empresa/ofertas/${token}`, token, expiresAt: expiresAt.toISOString() };
}

export async function revokeShare(deps: AppDeps, user: SessionUser, id: string, shareId: string) {
  const row = await findOffer(deps.db, user, id);
  const [share] = await deps.db.select().from(jobOfferShares).where(and(eq(jobOfferShares.id, shareId), eq(jobOfferShares.offerId, row.id)));
  if (!share) throw notFound();
  await deps.db.update(publicLinks).set({ revokedAt: new Date(), revokedReason: 'revoked' }).where(and(eq(publicLinks.tokenHash, share.tokenHash), sql`${publicLinks.revokedAt} IS NULL`));
  await writeAudit(deps.db, { ...auditActor(user), action: 'job_offer.share_revoked', subjectType: 'job_offer', subjectId: row.id, details: { shareId } });
}

/** The share of this token, or the refusal: 404 unknown, 410 revoked or expired. */
async function linkedShare(db: Db, token: string) {
  if (!LINK_TOKEN_PATTERN.test(token)) throw notFound();
  const resolved = await resolvePublicLink(db, linkTokenHash(token), 'cv_share');
  if (!resolved.ok) {
    if (resolved.reason === 'unknown') throw notFound();
    throw new ApiError(410, `link_${resolved.reason}`, 'errors.link_gone', { reasonLabel: `@link.gone.${resolved.reason === 'resolved' ? 'revoked' : resolved.reason}` }, { reason: resolved.reason });
  }
  const [share] = await db.select().from(jobOfferShares).where(eq(jobOfferShares.tokenHash, resolved.link.tokenHash));
  const [offer] = share ? await db.select().from(jobOffers).where(eq(jobOffers.id, share.offerId)) : [];
  if (!share || !offer) throw notFound();
  return { link: resolved.link, share, offer };
}

interface Visit {
  ip?: string | null;
  userAgent?: string | null;
}

async function logView(db: Db, share: typeof jobOfferShares.$inferSelect, link: Parameters<typeof recordPublicLinkUse>[1], what: 'offer' | 'cv', visit: Visit, personId: string | null = null) {
  await db.insert(jobOfferShareViews).values({ shareId: share.id, offerId: share.offerId, what, personId, ip: visit.ip ?? null, userAgent: visit.userAgent?.slice(0, 500) ?? null });
  await recordPublicLinkUse(db, link, { action: what === 'offer' ? 'viewed' : 'cv_viewed', ip: visit.ip, details: { shareId: share.id, ...(personId ? { personId } : {}) } });
}

const interestedCandidates = (db: Db, offerId: string) =>
  db
    .select({ p: persons })
    .from(jobOfferCandidates)
    .innerJoin(persons, eq(persons.id, jobOfferCandidates.personId))
    .where(and(eq(jobOfferCandidates.offerId, offerId), eq(jobOfferCandidates.status, 'interested')))
    .orderBy(asc(persons.lastName), asc(persons.firstName));

/** The company's page: the offer and the interested candidates, each with a signed CV link. */
export async function publicShareView(deps: AppDeps, token: string, visit: Visit) {
  const { db } = deps;
  const { link, share, offer } = await linkedShare(db, token);
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, offer.organisationId));
  const candidates = await interestedCandidates(db, offer.id);
  await logView(db, share, link, 'offer', visit);
  const exp = Math.floor(Math.min(Date.now() / 1000 + CV_LINK_SECONDS, link.expiresAt.getTime() / 1000));
  return {
    offer: { title: offer.title, description: offer.description, employer: offer.employerName, province: offer.province, municipality: offer.municipality, contractType: offer.contractType, vacancies: offer.vacancies },
    organisation: org.name,
    locale: link.locale,
    expiresAt: link.expiresAt.toISOString(),
    candidates: candidates.map(({ p }) => ({
      name: displayName(p),
      cvUrl: `/api/public/shares/${token}/candidates/${p.id}/cv.pdf?exp=${exp}&sig=${signUnderLink(token, p.id, exp)}`,
    })),
  };
}

/** One interested candidate's CV, through a signed link of the share (expired link or signature → 410/404). */
export async function publicCandidateCv(deps: AppDeps, token: string, personId: string, q: { exp: number; sig: string }, visit: Visit, acceptLanguage?: string | null) {
  const { db } = deps;
  const { link, share, offer } = await linkedShare(db, token);
  if (!verifyUnderLink(token, personId, q.exp, q.sig)) {
    if (q.exp * 1000 <= Date.now()) throw new ApiError(410, 'link_expired', 'errors.link_gone', { reasonLabel: '@link.gone.expired' }, { reason: 'expired' });
    throw notFound();
  }
  const [c] = await db
    .select({ p: persons })
    .from(jobOfferCandidates)
    .innerJoin(persons, eq(persons.id, jobOfferCandidates.personId))
    .where(and(eq(jobOfferCandidates.offerId, offer.id), eq(jobOfferCandidates.personId, personId), eq(jobOfferCandidates.status, 'interested')));
  // Only while they are interested: someone who withdrew is no longer shown.
  if (!c) throw notFound();
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, offer.organisationId));
  await logView(db, share, link, 'cv', visit, personId);
  const locale: Locale = acceptLanguage ? negotiateLocale(acceptLanguage, isLocale(link.locale) ? link.locale : 'es') : isLocale(link.locale) ? link.locale : 'es';
  // The person's own CV (cards, experience, education...), as a company may read it.
  const note = t(locale, 'job_offer.pdf.cv.for_offer', { offer: offer.title, organisation: org.name });
  return cvPdf(db, { organisationId: offer.organisationId }, c.p.id, locale, { note });
}

/** A person's candidacies go with them (rows cascade); their offers' follow-ups are not theirs. */
export const jobOffersPersonDependent: PersonDependent = {
  name: 'jobOfferCandidacies',
  count: async (db, personId) => (await db.select({ n: count() }).from(jobOfferCandidates).where(eq(jobOfferCandidates.personId, personId)))[0].n,
  remove: async (db, personId) => {
    await db.delete(jobOfferCandidates).where(eq(jobOfferCandidates.personId, personId));
  },
};
