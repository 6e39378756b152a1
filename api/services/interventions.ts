// Interventions: every change is an Update on the case's workflow; lists and detail read the
// projection. Assessments open them (assessments.ts); the calendar and dashboard read them (calendar.ts).
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db, DbLike } from '../../db/client';
import { CODE_WIDTH, formatCode } from '../../db/counters';
import { teamOf } from '../../db/units';
import { followUpsOf, ownedByAny } from '../../db/follow-ups';
import {
  followUps,
  interventionActions,
  interventionAttributes,
  interventionCollaborators,
  interventionEvents,
  interventionFlags,
  interventionNeeds,
  interventionNotes,
  interventionRelations,
  interventions,
  organisationPartners,
  organisations,
  persons,
  users,
} from '../../db/schema';
import { t, type Locale } from '../../domain/i18n';
import {
  closeBlockers,
  policyFromSettings,
  type ActionKind,
  type ClosureReason,
  type InterventionStatus,
} from '../../domain/interventions';
import { searchTerms } from '../../domain/text';
import { type WorkingCalendar } from '../../domain/working-days';
import { followUpWorkflowId } from '../../workflows/followup.definitions';
import {
  addCollaboratorUpdate,
  addNoteUpdate,
  assignInterventionUpdate,
  changeStatusUpdate,
  coverNeedUpdate,
  deleteNoteUpdate,
  editNoteUpdate,
  interventionErrors,
  linkRelatedUpdate,
  raiseFlagUpdate,
  recordActionUpdate,
  removeCollaboratorUpdate,
  reopenInterventionUpdate,
  resolveFlagUpdate,
  setAttributeUpdate,
  unlinkRelatedUpdate,
  type InterventionUpdateResult,
} from '../../workflows/intervention.definitions';
import type { AppDeps, SessionUser } from '../context';
import { conflict, forbidden, invalidInput, notFound, toErrorResponse } from '../errors';
import { iso } from '../schemas';
import { followUpView } from './follow-up-view';
import type { TInterventionDetail, TInterventionListItem, TInterventionListQuery } from '../routes/interventions.schemas';
import { displayName } from './persons';
import { needNames } from './needs';
import { isRetriedCreation, keyedUpdateId, newId } from './request-ids';
import type { PersonDependent } from './person-dependents';
import { referralsOfIntervention, unresolvedReferrals } from './referrals';

type InterventionRow = typeof interventions.$inferSelect;

export interface InterventionAccess {
  row: InterventionRow;
  /** Of the case's organisation; otherwise a collaborator from a partner organisation. */
  member: boolean;
}

// ---- access -----------------------------------------------------------------------------------

/** Cases of the caller's organisation, plus those they collaborate on (SPEC §2). */
export const visibleTo = (user: SessionUser): SQL =>
  or(
    eq(interventions.organisationId, user.organisationId),
    inArray(
      interventions.id,
      sql`(SELECT ${interventionCollaborators.interventionId} FROM ${interventionCollaborators} WHERE ${interventionCollaborators.userId} = ${user.id} AND ${interventionCollaborators.removedAt} IS NULL)`,
    ),
  )!;

/** The case if the caller may see it; anything else (missing, another organisation's) is 404. */
export async function findIntervention(db: Db, user: SessionUser, id: string): Promise<InterventionAccess> {
  const [row] = await db.select().from(interventions).where(and(eq(interventions.id, id), visibleTo(user)));
  if (!row) throw notFound();
  return { row, member: row.organisationId === user.organisationId };
}

/** Managing the case (status, assignment, collaborators...) is for its own organisation. */
export function requireMember(access: InterventionAccess) {
  if (!access.member) throw forbidden({ reason: 'partner_collaborator' });
}

export async function organisationCalendar(db: DbLike, organisationId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  const calendar: WorkingCalendar = { timezone: org.timezone, holidays: org.settings.holidays ?? [] };
  return { org, calendar, policy: policyFromSettings(org.settings) };
}

/** One Update on the case's workflow, then the audit entry (in the person's activity too). */
export async function send<A extends { by: string }>(
  deps: AppDeps,
  user: SessionUser,
  access: InterventionAccess,
  def: UpdateDefinition<InterventionUpdateResult, [A], string>,
  args: Omit<A, 'by'>,
  audit: { action: string; details?: Record<string, unknown>; updateId?: string },
): Promise<InterventionUpdateResult> {
  const handle = deps.temporal.workflow.getHandle(access.row.workflowId);
  const updateId = audit.updateId ?? keyedUpdateId(deps, def.name, access.row.id);
  const state = await handle.executeUpdate(def, { args: [{ by: user.id, ...args } as A], updateId });
  await writeAudit(deps.db, {
    // A partner's professional acts in the intervention's organisation: its log records it.
    ...auditActor(user),
    organisationId: access.row.organisationId,
    action: `intervention.${audit.action}`,
    subjectType: 'intervention',
    subjectId: access.row.id,
    personId: access.row.personId,
    details: { code: access.row.code, ...audit.details, ...(access.member ? {} : { actorOrganisationId: user.organisationId, actorOrganisationName: user.organisationName }) },
  });
  return state;
}

/** A creation whose id the workflow already holds was this same request, retried: it is done. */
export async function creating(deps: AppDeps, sending: Promise<unknown>): Promise<void> {
  try {
    await sending;
  } catch (err) {
    if (!isRetriedCreation(deps, err, interventionErrors.duplicate)) throw err;
  }
}


// ---- lists ------------------------------------------------------------------------------------

export const assignee = alias(users, 'assignee');
export const listColumns = {
  i: interventions,
  personFirstName: persons.firstName,
  personLastName: persons.lastName,
  personAnonymous: persons.anonymous,
  personCode: persons.code,
  assigneeName: assignee.name,
};
type ListRow = { i: InterventionRow; personFirstName: string | null; personLastName: string | null; personAnonymous: boolean; personCode: string; assigneeName: string | null };

/**
 * Cases of other organisations the caller collaborates on: usually none, and then the list is a
 * plain organisation filter that its indexes serve.
 */
export async function collaboratingIds(db: Db, user: Pick<SessionUser, 'id' | 'organisationId'>): Promise<string[]> {
  const rows = await db
    .select({ id: interventionCollaborators.interventionId })
    .from(interventionCollaborators)
    .innerJoin(interventions, eq(interventions.id, interventionCollaborators.interventionId))
    .where(and(eq(interventionCollaborators.userId, user.id), isNull(interventionCollaborators.removedAt), ne(interventions.organisationId, user.organisationId)));
  return rows.map((r) => r.id);
}

export function interventionListConditions(user: Pick<SessionUser, 'id' | 'organisationId'>, f: Partial<TInterventionListQuery>, collaborating: string[]): SQL {
  const own = eq(interventions.organisationId, user.organisationId);
  const c: SQL[] = [collaborating.length ? or(own, inArray(interventions.id, collaborating))! : own];
  if (f.status) {
    const wanted = f.status.split(',');
    c.push(wanted.includes('active') ? ne(interventions.status, 'closed') : inArray(interventions.status, wanted as InterventionStatus[]));
  }
  if (f.assignee === 'me') c.push(eq(interventions.assigneeId, user.id));
  else if (f.assignee === 'unassigned') c.push(isNull(interventions.assigneeId));
  else if (f.assignee === 'assigned') c.push(isNotNull(interventions.assigneeId));
  else if (f.assignee) c.push(eq(interventions.assigneeId, f.assignee));
  if (f.personId) c.push(eq(interventions.personId, f.personId));
  if (f.needCode) c.push(f.needCode.length === 2 ? eq(interventions.groupCode, f.needCode) : eq(interventions.needCode, f.needCode));
  if (f.from) c.push(gte(interventions.openedAt, new Date(`${f.from}T00:00:00Z`)));
  if (f.to) c.push(lte(interventions.openedAt, new Date(`${f.to}T23:59:59.999Z`)));
  if (f.flagged === 'true') c.push(sql`${interventions.openFlags} > 0`);
  if (f.overdue === 'true') c.push(sql`${interventions.overdueFollowUps} > 0`);
  // Every word must match the case code or the person's name (the persons' accent-free search
  // text, served by its trigram index).
  for (const term of searchTerms(f.q ?? '')) {
    const byPerson = sql`${interventions.personId} IN (SELECT ${persons.id} FROM ${persons} WHERE ${persons.searchText} LIKE ${`%${term}%`})`;
    const code = /^int-?(\d*)$/.exec(term);
    if (code) c.push(caseCodeMatches(code[1]));
    else if (/^\d+$/.test(term)) c.push(or(sql`${interventions.code} LIKE ${`%${term}%`}`, byPerson)!);
    else c.push(byPerson);
  }
  return and(...c)!;
}

/**
 * A typed case code: "INT-0001" as a prefix of the stored code, and "INT-18" (written without the
 * leading zeros, as people say it) as the case INT-000018 itself.
 */
function caseCodeMatches(digits: string) {
  const prefix = sql`${interventions.code} LIKE ${`INT-${digits}%`}`;
  if (!digits || digits.startsWith('0') || digits.length >= CODE_WIDTH) return prefix;
  return or(prefix, eq(interventions.code, formatCode('INT', Number(digits), CODE_WIDTH)))!;
}

function listOrder(sort: TInterventionListQuery['sort']) {
  switch (sort) {
    case 'opened':
      return [desc(interventions.openedAt), desc(interventions.id)];
    case 'code':
      return [asc(interventions.code)];
    case 'next_follow_up':
      return [sql`${interventions.nextFollowUpAt} ASC NULLS LAST`, desc(interventions.updatedAt)];
    case 'status':
      return [asc(interventions.status), desc(interventions.updatedAt)];
    default:
      return [desc(interventions.updatedAt), desc(interventions.id)];
  }
}

/** The two queries of a list page; the benchmark runs exactly these. */
export function interventionListQueries(db: Db, user: Pick<SessionUser, 'id' | 'organisationId'>, f: TInterventionListQuery, collaborating: string[]) {
  const where = interventionListConditions(user, f, collaborating);
  return {
    rows: db
      .select(listColumns)
      .from(interventions)
      .innerJoin(persons, eq(persons.id, interventions.personId))
      .leftJoin(assignee, eq(assignee.id, interventions.assigneeId))
      .where(where)
      .orderBy(...listOrder(f.sort))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    total: db.select({ total: count() }).from(interventions).where(where),
  };
}

export async function toListItems(db: Db, user: SessionUser, rows: ListRow[]): Promise<TInterventionListItem[]> {
  const names = new Map<string, string>();
  for (const orgId of new Set(rows.map((r) => r.i.organisationId))) {
    const found = await needNames(db, orgId, rows.filter((r) => r.i.organisationId === orgId).map((r) => r.i.needCode));
    for (const [code, n] of found) names.set(`${orgId}:${code}`, n.name);
  }
  return rows.map(({ i, ...p }) => ({
    id: i.id,
    code: i.code,
    personId: i.personId,
    personName: displayName({ anonymous: p.personAnonymous, firstName: p.personFirstName, lastName: p.personLastName, code: p.personCode }),
    personCode: p.personCode,
    needCode: i.needCode,
    needName: names.get(`${i.organisationId}:${i.needCode}`) ?? i.needCode,
    groupCode: i.groupCode,
    status: i.status,
    assigneeId: i.assigneeId,
    assigneeName: p.assigneeName,
    openedAt: iso(i.openedAt)!,
    closedAt: iso(i.closedAt),
    updatedAt: iso(i.updatedAt)!,
    lastActivityAt: iso(i.lastActivityAt)!,
    needsTotal: i.needsTotal,
    needsCovered: i.needsCovered,
    openFlags: i.openFlags,
    pendingFollowUps: i.pendingFollowUps,
    overdueFollowUps: i.overdueFollowUps,
    nextFollowUpAt: iso(i.nextFollowUpAt),
    collaborating: i.organisationId !== user.organisationId,
  }));
}

export async function listInterventions(db: Db, user: SessionUser, f: TInterventionListQuery) {
  const q = interventionListQueries(db, user, f, await collaboratingIds(db, user));
  const [rows, [{ total }]] = await Promise.all([q.rows, q.total]);
  return { items: await toListItems(db, user, rows), total };
}

/** One case as a list row, e.g. after a change. */
export async function interventionRow(db: Db, user: SessionUser, id: string): Promise<TInterventionListItem> {
  const [row] = await db
    .select(listColumns)
    .from(interventions)
    .innerJoin(persons, eq(persons.id, interventions.personId))
    .leftJoin(assignee, eq(assignee.id, interventions.assigneeId))
    .where(and(eq(interventions.id, id), visibleTo(user)));
  if (!row) throw notFound();
  return (await toListItems(db, user, [row]))[0];
}

// ---- detail -----------------------------------------------------------------------------------

export async function getIntervention(deps: AppDeps, user: SessionUser, id: string, locale: Locale): Promise<TInterventionDetail> {
  const { db, config } = deps;
  const access = await findIntervention(db, user, id);
  const i = access.row;
  const [[person], needRows, actionRows, noteRows, flagRows, attributeRows, collaboratorRows, followUpRows, eventRows, outgoing, incoming] = await Promise.all([
    db.select().from(persons).where(eq(persons.id, i.personId)),
    db.select().from(interventionNeeds).where(and(eq(interventionNeeds.interventionId, i.id), isNull(interventionNeeds.removedAt))).orderBy(asc(interventionNeeds.addedAt), asc(interventionNeeds.code)),
    db.select().from(interventionActions).where(eq(interventionActions.interventionId, i.id)).orderBy(desc(interventionActions.date), desc(interventionActions.createdAt)),
    db.select().from(interventionNotes).where(and(eq(interventionNotes.interventionId, i.id), isNull(interventionNotes.deletedAt))).orderBy(desc(interventionNotes.createdAt)),
    db.select().from(interventionFlags).where(eq(interventionFlags.interventionId, i.id)).orderBy(desc(interventionFlags.raisedAt)),
    db.select().from(interventionAttributes).where(and(eq(interventionAttributes.interventionId, i.id), sql`${interventionAttributes.value} IS NOT NULL`)).orderBy(asc(interventionAttributes.key)),
    db
      .select({ c: interventionCollaborators, organisationName: organisations.name })
      .from(interventionCollaborators)
      .leftJoin(organisations, eq(organisations.id, interventionCollaborators.userOrganisationId))
      .where(and(eq(interventionCollaborators.interventionId, i.id), isNull(interventionCollaborators.removedAt))),
    followUpsOf(db, { type: 'intervention', id: i.id }),
    db.select().from(interventionEvents).where(eq(interventionEvents.interventionId, i.id)).orderBy(desc(interventionEvents.seq)),
    db.select().from(interventionRelations).where(and(eq(interventionRelations.interventionId, i.id), isNull(interventionRelations.removedAt))),
    db.select().from(interventionRelations).where(and(eq(interventionRelations.relatedId, i.id), isNull(interventionRelations.removedAt))),
  ]);
  const relatedIds = [...outgoing.map((r) => r.relatedId), ...incoming.map((r) => r.interventionId)];
  const relatedRows = relatedIds.length
    ? await db.select(listColumns).from(interventions).innerJoin(persons, eq(persons.id, interventions.personId)).leftJoin(assignee, eq(assignee.id, interventions.assigneeId)).where(inArray(interventions.id, relatedIds))
    : [];
  const relatedItems = await toListItems(db, user, relatedRows);

  const userIds = new Set<string>([i.openedBy, ...(i.assigneeId ? [i.assigneeId] : [])]);
  needRows.forEach((n) => n.coveredBy && userIds.add(n.coveredBy));
  actionRows.forEach((a) => userIds.add(a.authorId));
  noteRows.forEach((n) => userIds.add(n.authorId));
  flagRows.forEach((f) => (userIds.add(f.raisedBy), f.resolvedBy && userIds.add(f.resolvedBy)));
  collaboratorRows.forEach((c) => userIds.add(c.c.userId));
  followUpRows.forEach((f) => (userIds.add(f.createdBy), f.finishedBy && userIds.add(f.finishedBy)));
  eventRows.forEach((e) => e.actorId && userIds.add(e.actorId));
  const people = new Map((await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...userIds]))).map((u) => [u.id, u.name]));
  const nameOf = (uid: string | null) => (uid ? people.get(uid) ?? null : null);
  const codes = await needNames(db, i.organisationId, [i.needCode, i.groupCode, ...needRows.map((n) => n.code)]);

  const [item] = await toListItems(db, user, [
    { i, personFirstName: person.firstName, personLastName: person.lastName, personAnonymous: person.anonymous, personCode: person.code, assigneeName: nameOf(i.assigneeId) },
  ]);
  const followUpsOut = followUpRows.map((f) => ({
    ...followUpView(f),
    createdByName: nameOf(f.createdBy),
    createdAt: iso(f.createdAt)!,
    finishedByName: nameOf(f.finishedBy),
    workflowId: f.workflowId,
  }));
  const blockers = closeBlockers({ followUps: followUpsOut.map((f) => ({ id: f.id, status: f.status, dueAt: f.dueAt, note: f.note })) });
  const closed = i.status === 'closed';
  const { collaborating: _c, ...listItem } = item;
  return {
    ...listItem,
    groupName: codes.get(i.groupCode)?.name ?? i.groupCode,
    closureReason: i.closureReason as ClosureReason | null,
    closureReasonLabel: i.closureReason ? t(locale, `intervention.closure.${i.closureReason}`) : null,
    closureNote: i.closureNote,
    openedBy: i.openedBy,
    openedByName: nameOf(i.openedBy),
    needs: needRows.map((n) => ({
      code: n.code,
      name: codes.get(n.code)?.name ?? n.code,
      active: codes.get(n.code)?.active ?? false,
      covered: n.covered,
      coveredAt: iso(n.coveredAt),
      coveredBy: n.coveredBy,
      coveredByName: nameOf(n.coveredBy),
      note: n.coverNote,
      addedAt: iso(n.addedAt)!,
      assessmentId: n.assessmentId,
    })),
    actions: actionRows.map((a) => ({
      id: a.id,
      date: a.date,
      kind: a.kind,
      kindLabel: t(locale, `intervention.action_kind.${a.kind}`),
      description: a.description,
      authorId: a.authorId,
      authorName: nameOf(a.authorId),
      createdAt: iso(a.createdAt)!,
    })),
    followUps: followUpsOut,
    notes: noteRows.map((n) => ({ id: n.id, body: n.body, authorId: n.authorId, authorName: nameOf(n.authorId), createdAt: iso(n.createdAt)!, editedAt: iso(n.editedAt), mine: n.authorId === user.id })),
    flags: flagRows.map((f) => ({
      id: f.id,
      message: f.message,
      raisedBy: f.raisedBy,
      raisedByName: nameOf(f.raisedBy),
      raisedAt: iso(f.raisedAt)!,
      resolvedBy: f.resolvedBy,
      resolvedByName: nameOf(f.resolvedBy),
      resolvedAt: iso(f.resolvedAt),
      resolution: f.resolution,
    })),
    attributes: attributeRows.map((a) => ({ key: a.key, value: a.value!, updatedBy: a.updatedBy, updatedAt: iso(a.updatedAt)! })),
    collaborators: collaboratorRows.map(({ c, organisationName }) => ({
      userId: c.userId,
      name: nameOf(c.userId),
      organisationId: c.userOrganisationId,
      organisationName,
      partner: c.userOrganisationId !== i.organisationId,
      addedAt: iso(c.addedAt)!,
    })),
    related: [
      ...outgoing.map((r) => ({ r, otherId: r.relatedId, direction: 'outgoing' as const })),
      ...incoming.map((r) => ({ r, otherId: r.interventionId, direction: 'incoming' as const })),
    ].flatMap(({ r, otherId, direction }) => {
      const other = relatedItems.find((x) => x.id === otherId);
      return other
        ? [{ interventionId: other.id, code: other.code, personId: other.personId, personName: other.personName, needCode: other.needCode, needName: other.needName, status: other.status, note: r.note, direction }]
        : [];
    }),
    referrals: await referralsOfIntervention(db, i.id),
    history: eventRows.map((e) => ({
      seq: e.seq,
      at: iso(e.at)!,
      actorId: e.actorId,
      actorName: nameOf(e.actorId),
      action: e.action,
      label: t(locale, `intervention.history.${e.action}`),
      note: e.note,
      details: e.details,
    })),
    closable: { ok: !closed && blockers.length === 0, blockers },
    can: {
      edit: !closed,
      manage: access.member && !closed,
      reopen: closed && access.member && user.permissions.includes('interventions.reopen'),
      assignOthers: access.member && user.permissions.includes('interventions.assign_others'),
      assignTo: await assignableTo(deps.db, user, access.member && !closed),
      bulk: user.permissions.includes('interventions.bulk'),
    },
    workflowId: i.workflowId,
    temporalUrl: user.permissions.includes('workflows.inspect')
      ? `${config.temporalUiUrl}/namespaces/${config.temporalNamespace}/workflows/${encodeURIComponent(i.workflowId)}`
      : null,
  };
}

// ---- changes ----------------------------------------------------------------------------------

export async function recordAction(deps: AppDeps, user: SessionUser, id: string, input: { date: string; kind: ActionKind; description: string }) {
  const access = await findIntervention(deps.db, user, id);
  const actionId = newId(deps, 'action', access.row.id);
  await creating(deps, send(deps, user, access, recordActionUpdate, { id: actionId, ...input }, { action: 'action_recorded', details: { actionId, kind: input.kind, date: input.date }, updateId: `action-${actionId}` }));
  return { id: actionId };
}

export async function coverNeed(deps: AppDeps, user: SessionUser, id: string, code: string, note: string | null | undefined) {
  const access = await findIntervention(deps.db, user, id);
  const [need] = await deps.db.select().from(interventionNeeds).where(and(eq(interventionNeeds.interventionId, id), eq(interventionNeeds.code, code), isNull(interventionNeeds.removedAt)));
  if (!need) throw notFound();
  return send(deps, user, access, coverNeedUpdate, { code, note: note ?? null }, { action: 'need_covered', details: { need: code } });
}

export async function changeStatus(
  deps: AppDeps,
  user: SessionUser,
  id: string,
  input: { status: 'in_progress' | 'pending' | 'closed'; reason?: ClosureReason | null; note?: string | null },
  access?: InterventionAccess,
) {
  access ??= await findIntervention(deps.db, user, id);
  requireMember(access);
  // Leaving "closed" is a reopening, whatever route asks for it.
  if (access.row.status === 'closed' && input.status !== 'closed') return reopen(deps, user, id, { note: input.note }, access);
  // The referrals' half of the close rule: their status is the referral workflows', not this one's.
  if (input.status === 'closed') {
    const open = await unresolvedReferrals(deps.db, id);
    if (open.length) {
      const blockers = open.map((r) => ({ type: 'referral' as const, id: r.id, label: `${r.resourceName} (${r.status})` }));
      throw conflict('close_blocked', 'errors.close_blocked_referrals', { count: open.length, list: blockers.map((b) => b.label).join('; ') }, { count: open.length, blockers });
    }
  }
  return send(deps, user, access, changeStatusUpdate, { status: input.status, reason: input.reason ?? null, note: input.note ?? null }, {
    action: input.status === 'closed' ? 'closed' : 'status_changed',
    details: { status: input.status, reason: input.reason ?? undefined },
  });
}

export async function reopen(deps: AppDeps, user: SessionUser, id: string, input: { note?: string | null }, access?: InterventionAccess) {
  access ??= await findIntervention(deps.db, user, id);
  requireMember(access);
  if (!user.permissions.includes('interventions.reopen')) throw forbidden({ permission: 'interventions.reopen' });
  // At most one open case per person and need: reopening must not make a second one.
  const [other] = await deps.db
    .select({ code: interventions.code })
    .from(interventions)
    .where(and(eq(interventions.personId, access.row.personId), eq(interventions.needCode, access.row.needCode), ne(interventions.status, 'closed'), ne(interventions.id, id)));
  if (other) throw conflict('open_intervention_exists', 'errors.open_intervention_exists', { code: other.code }, { code: other.code });
  return send(deps, user, access, reopenInterventionUpdate, { note: input.note ?? null }, { action: 'reopened' });
}

/** The assignee must be an active user of the case's organisation. */
async function requireStaff(db: Db, organisationId: string, userId: string, field: string) {
  const [u] = await db.select().from(users).where(and(eq(users.id, userId), eq(users.organisationId, organisationId), eq(users.status, 'active')));
  if (!u) throw invalidInput([{ path: field, message: 'Not an active user of this organisation' }]);
  return u;
}

/**
 * Anyone, with interventions.assign_others; a colleague of one's own unit (equipo), with
 * interventions.assign_team (professionals' default). Releasing someone else's case is "others".
 */
async function mayAssignTo(db: Db, user: SessionUser, userId: string | null): Promise<boolean> {
  if (user.permissions.includes('interventions.assign_others')) return true;
  if (!userId || !user.permissions.includes('interventions.assign_team')) return false;
  return (await teamOf(db, user.id)).includes(userId);
}

/** Whom the caller may hand the case to: null = anyone of the organisation. */
async function assignableTo(db: Db, user: SessionUser, member: boolean): Promise<string[] | null> {
  if (!member) return [];
  if (user.permissions.includes('interventions.assign_others')) return null;
  return user.permissions.includes('interventions.assign_team') ? [user.id, ...(await teamOf(db, user.id))] : [user.id];
}

export async function assign(deps: AppDeps, user: SessionUser, id: string, userId: string | null, access?: InterventionAccess) {
  access ??= await findIntervention(deps.db, user, id);
  requireMember(access);
  const others = userId !== user.id && !(userId === null && access.row.assigneeId === user.id);
  if (others && !(await mayAssignTo(deps.db, user, userId))) throw forbidden({ permission: 'interventions.assign_others' });
  if (userId) await requireStaff(deps.db, access.row.organisationId, userId, 'userId');
  return send(deps, user, access, assignInterventionUpdate, { assigneeId: userId }, { action: 'assigned', details: { assigneeId: userId } });
}

export async function addNote(deps: AppDeps, user: SessionUser, id: string, body: string) {
  const access = await findIntervention(deps.db, user, id);
  const noteId = newId(deps, 'note', access.row.id);
  await creating(deps, send(deps, user, access, addNoteUpdate, { id: noteId, body }, { action: 'note_added', details: { noteId }, updateId: `note-${noteId}` }));
  return { id: noteId };
}

async function requireNote(db: Db, interventionId: string, noteId: string) {
  const [row] = await db.select({ id: interventionNotes.id }).from(interventionNotes).where(and(eq(interventionNotes.id, noteId), eq(interventionNotes.interventionId, interventionId), isNull(interventionNotes.deletedAt)));
  if (!row) throw notFound();
}

export async function editNote(deps: AppDeps, user: SessionUser, id: string, noteId: string, body: string) {
  const access = await findIntervention(deps.db, user, id);
  await requireNote(deps.db, id, noteId);
  return send(deps, user, access, editNoteUpdate, { id: noteId, body }, { action: 'note_edited', details: { noteId } });
}

export async function deleteNote(deps: AppDeps, user: SessionUser, id: string, noteId: string) {
  const access = await findIntervention(deps.db, user, id);
  await requireNote(deps.db, id, noteId);
  return send(deps, user, access, deleteNoteUpdate, { id: noteId }, { action: 'note_deleted', details: { noteId } });
}

export async function raiseFlag(deps: AppDeps, user: SessionUser, id: string, message: string, access?: InterventionAccess) {
  access ??= await findIntervention(deps.db, user, id);
  const flagId = newId(deps, 'flag', access.row.id);
  await creating(deps, send(deps, user, access, raiseFlagUpdate, { id: flagId, message }, { action: 'flag_raised', details: { flagId, message }, updateId: `flag-${flagId}` }));
  return { id: flagId };
}

export async function resolveFlag(deps: AppDeps, user: SessionUser, id: string, flagId: string, message: string) {
  const access = await findIntervention(deps.db, user, id);
  const [flag] = await deps.db.select({ id: interventionFlags.id }).from(interventionFlags).where(and(eq(interventionFlags.id, flagId), eq(interventionFlags.interventionId, id)));
  if (!flag) throw notFound();
  return send(deps, user, access, resolveFlagUpdate, { id: flagId, message }, { action: 'flag_resolved', details: { flagId, message } });
}

export async function setAttribute(deps: AppDeps, user: SessionUser, id: string, key: string, value: string | null) {
  const access = await findIntervention(deps.db, user, id);
  requireMember(access);
  if (value === null) {
    const [row] = await deps.db.select().from(interventionAttributes).where(and(eq(interventionAttributes.interventionId, id), eq(interventionAttributes.key, key), sql`${interventionAttributes.value} IS NOT NULL`));
    if (!row) throw notFound();
  }
  return send(deps, user, access, setAttributeUpdate, { key, value }, { action: value === null ? 'attribute_removed' : 'attribute_set', details: { key, value } });
}

export async function addCollaborator(deps: AppDeps, user: SessionUser, id: string, userId: string) {
  const { db } = deps;
  const access = await findIntervention(db, user, id);
  requireMember(access);
  const [target] = await db.select().from(users).where(and(eq(users.id, userId), eq(users.status, 'active')));
  const own = target?.organisationId === access.row.organisationId;
  const partner =
    target && !own
      ? (await db.select().from(organisationPartners).where(and(eq(organisationPartners.organisationId, access.row.organisationId), eq(organisationPartners.partnerId, target.organisationId)))).length > 0
      : false;
  if (!target || (!own && !partner)) {
    throw invalidInput([{ path: 'userId', message: 'Not an active user of this organisation or of a partner organisation' }]);
  }
  return send(deps, user, access, addCollaboratorUpdate, { userId, organisationId: target.organisationId }, { action: 'collaborator_added', details: { userId, partner } });
}

export async function removeCollaborator(deps: AppDeps, user: SessionUser, id: string, userId: string) {
  const access = await findIntervention(deps.db, user, id);
  requireMember(access);
  return send(deps, user, access, removeCollaboratorUpdate, { userId }, { action: 'collaborator_removed', details: { userId } });
}

export async function linkRelated(deps: AppDeps, user: SessionUser, id: string, input: { interventionId: string; note?: string | null }) {
  const access = await findIntervention(deps.db, user, id);
  requireMember(access);
  const [other] = await deps.db.select().from(interventions).where(and(eq(interventions.id, input.interventionId), eq(interventions.organisationId, access.row.organisationId)));
  if (!other) throw invalidInput([{ path: 'interventionId', message: 'No such intervention in this organisation' }]);
  return send(deps, user, access, linkRelatedUpdate, { interventionId: other.id, note: input.note ?? null }, { action: 'related_added', details: { relatedId: other.id, relatedCode: other.code } });
}

export async function unlinkRelated(deps: AppDeps, user: SessionUser, id: string, relatedId: string) {
  const access = await findIntervention(deps.db, user, id);
  requireMember(access);
  return send(deps, user, access, unlinkRelatedUpdate, { interventionId: relatedId }, { action: 'related_removed', details: { relatedId } });
}

// ---- bulk -------------------------------------------------------------------------------------

/** How many Updates a bulk change keeps in flight: enough to be quick, not to flood the worker. */
export const BULK_CONCURRENCY = 8;

/** The status and contract body one change would have had alone, reusing the API's own mapping. */
function describeFailure(err: unknown, locale: Locale, user: SessionUser): { status: number; error: { code: string; message: string; details?: unknown } } {
  let out = { status: 500, error: { code: 'internal_error', message: t(locale, 'errors.internal') } as { code: string; message: string; details?: unknown } };
  const capture = {
    get: (key: string) => (key === 'locale' ? locale : key === 'user' ? user : undefined),
    json: (body: { error: { code: string; message: string; details?: unknown } }, status: number) => {
      out = { status, error: body.error };
      return out;
    },
  };
  toErrorResponse(err, capture as never);
  return out;
}

export async function bulkChange(
  deps: AppDeps,
  user: SessionUser,
  locale: Locale,
  input: { ids: string[]; status?: 'in_progress' | 'pending' | 'closed'; reason?: ClosureReason | null; note?: string | null; assigneeId?: string | null; flag?: string },
) {
  const ids = [...new Set(input.ids)];
  const results = new Map<string, { id: string; code: string | null; ok: boolean; status: number; error?: { code: string; message: string; details?: unknown } }>();
  let next = 0;
  // One Update per case, a few at a time; each case succeeds or fails on its own.
  await Promise.all(
    Array.from({ length: Math.min(BULK_CONCURRENCY, ids.length) }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        let code: string | null = null;
        try {
          const access = await findIntervention(deps.db, user, id);
          code = access.row.code;
          if (input.assigneeId !== undefined) await assign(deps, user, id, input.assigneeId, access);
          if (input.status) await changeStatus(deps, user, id, { status: input.status, reason: input.reason, note: input.note }, access);
          if (input.flag) await raiseFlag(deps, user, id, input.flag, access);
          results.set(id, { id, code, ok: true, status: 200 });
        } catch (err) {
          results.set(id, { id, code, ok: false, ...describeFailure(err, locale, user) });
        }
      }
    }),
  );
  const ordered = ids.map((id) => results.get(id)!);
  const succeeded = ordered.filter((r) => r.ok).length;
  return { total: ids.length, succeeded, failed: ids.length - succeeded, results: ordered };
}

// ---- person deletion --------------------------------------------------------------------------

/**
 * Deleting a person removes their closed cases (and ends those workflows); it is refused while
 * any case is still open, so no live casework, follow-up or chase disappears silently.
 */
export const interventionsPersonDependent: PersonDependent = {
  name: 'interventions',
  count: async (db, personId) => (await db.select({ n: count() }).from(interventions).where(eq(interventions.personId, personId)))[0].n,
  breakdown: async (db, personId) => {
    const rows = await db.select({ id: interventions.id, status: interventions.status }).from(interventions).where(eq(interventions.personId, personId));
    const open = rows.filter((r) => r.status !== 'closed').length;
    const fus = rows.length ? (await db.select({ n: count() }).from(followUps).where(ownedByAny('intervention', rows.map((r) => r.id))))[0].n : 0;
    return { open, closed: rows.length - open, followUps: fus };
  },
  blocking: async (db, personId) =>
    (await db.select({ code: interventions.code, status: interventions.status }).from(interventions).where(eq(interventions.personId, personId)))
      .filter((r) => r.status !== 'closed')
      .map((r) => r.code),
  remove: async (db, personId, ctx) => {
    const rows = await db.select().from(interventions).where(eq(interventions.personId, personId));
    const open = rows.filter((r) => r.status !== 'closed');
    if (open.length) {
      const codes = open.map((r) => r.code).join(', ');
      throw conflict('person_has_open_interventions', 'errors.person_has_open_interventions', { codes }, { codes: open.map((r) => r.code) });
    }
    if (!rows.length) return;
    const ids = rows.map((r) => r.id);
    const fus = await db.select({ id: followUps.id }).from(followUps).where(ownedByAny('intervention', ids));
    if (ctx?.temporal) {
      const client = ctx.temporal;
      const workflowIds = [...rows.map((r) => r.workflowId), ...fus.map((f) => followUpWorkflowId(f.id))];
      await Promise.all(
        workflowIds.map((wid) =>
          client.workflow
            .getHandle(wid)
            .terminate('person deleted')
            .catch((err) => {
              // Already finished (archived case, chase run out): nothing to end.
              if (!(err instanceof WorkflowNotFoundError)) throw err;
            }),
        ),
      );
    }
    await db.delete(interventionRelations).where(inArray(interventionRelations.relatedId, ids));
    await db.delete(interventions).where(inArray(interventions.id, ids));
  },
};
