// Follow-ups (seguimientos) of any case: the calendar reads them whatever their owner; an
// intervention schedules, completes and cancels its own through its workflow, which starts the
// follow-up workflow that chases them.
import { and, asc, eq, gte, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ownedBy } from '../../db/follow-ups';
import { followUps, interventions, needs, persons, referrals } from '../../db/schema';
import type { FollowUpOwner } from '../../domain/follow-ups';
import { fromLocal } from '../../domain/working-days';
import { cancelFollowUpUpdate, completeFollowUpUpdate, scheduleFollowUpUpdate } from '../../workflows/intervention.definitions';
import type { AppDeps, SessionUser } from '../context';
import { notFound } from '../errors';
import { iso } from '../schemas';
import { creating, findIntervention, organisationCalendar, send } from './interventions';
import { displayName } from './persons';
import { newId } from './request-ids';

// ---- reading, for every owner kind -------------------------------------------------------------

// Each owner kind joins what describes it (code, title, person); a kind not joined yet still
// shows, with its type and id.
// A referral's follow-up is described by its referral (the resource) and the referral's intervention.
const ownerReferral = and(eq(followUps.ownerType, 'referral'), eq(referrals.id, followUps.ownerId));
const ownerIntervention = or(
  and(eq(followUps.ownerType, 'intervention'), eq(interventions.id, followUps.ownerId)),
  and(eq(followUps.ownerType, 'referral'), eq(interventions.id, referrals.interventionId)),
);
const calendarColumns = {
  f: followUps,
  referralInterventionId: referrals.interventionId,
  resourceName: referrals.resourceName,
  code: interventions.code,
  needName: needs.name,
  firstName: persons.firstName,
  lastName: persons.lastName,
  anonymous: persons.anonymous,
  personCode: persons.code,
};
type CalendarRow = { f: typeof followUps.$inferSelect; referralInterventionId: string | null; resourceName: string | null; code: string | null; needName: string | null; firstName: string | null; lastName: string | null; anonymous: boolean | null; personCode: string | null };

function calendarItem(row: CalendarRow) {
  const { f } = row;
  return {
    type: 'follow_up' as const,
    id: f.id,
    dueAt: iso(f.dueAt)!,
    status: f.status,
    overdue: f.status === 'overdue',
    interventionId: f.ownerType === 'intervention' ? f.ownerId : row.referralInterventionId,
    code: row.code ?? '',
    personName: row.personCode ? displayName({ anonymous: row.anonymous ?? false, firstName: row.firstName, lastName: row.lastName, code: row.personCode }) : '',
    note: f.note,
    owner: {
      type: f.ownerType,
      id: f.ownerId,
      ...(row.code ? { code: row.code } : {}),
      ...(f.ownerType === 'referral' && row.resourceName ? { title: row.resourceName } : row.needName ? { title: row.needName } : {}),
    },
  };
}

/** Follow-ups the caller is reminded of (of the cases they hold), matching `where`, oldest first. */
async function assignedFollowUps(db: Db, user: SessionUser, where: SQL, limit: number) {
  const rows = await db
    .select(calendarColumns)
    .from(followUps)
    .leftJoin(referrals, ownerReferral)
    .leftJoin(interventions, ownerIntervention)
    .leftJoin(needs, and(eq(needs.organisationId, interventions.organisationId), eq(needs.code, interventions.needCode)))
    .leftJoin(persons, eq(persons.id, interventions.personId))
    .where(and(eq(followUps.assigneeId, user.id), where))
    .orderBy(asc(followUps.dueAt))
    .limit(limit);
  return rows.map(calendarItem);
}

/** The caller's follow-ups due in [from, to]. */
export const followUpsDueBetween = (db: Db, user: SessionUser, from: Date, to: Date) =>
  assignedFollowUps(db, user, and(gte(followUps.dueAt, from), lte(followUps.dueAt, to))!, 1000);

/** The caller's overdue follow-ups, for the Resumen. */
export const overdueFollowUps = (db: Db, user: SessionUser) => assignedFollowUps(db, user, eq(followUps.status, 'overdue'), 50);

/** A follow-up of this case, or 404 (another case's id is not found here). */
async function requireFollowUp(db: Db, owner: FollowUpOwner, followUpId: string) {
  const [row] = await db.select({ id: followUps.id }).from(followUps).where(and(eq(followUps.id, followUpId), ownedBy(owner)));
  if (!row) throw notFound();
}

// ---- an intervention's follow-ups --------------------------------------------------------------

/** A date alone means 09:00 in the organisation's zone, when the working day starts. */
function dueInstant(dueAt: string, timezone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueAt)) return new Date(dueAt);
  const [year, month, day] = dueAt.split('-').map(Number);
  return fromLocal({ year, month, day, hour: 9, minute: 0, second: 0 }, timezone);
}

export async function scheduleFollowUp(deps: AppDeps, user: SessionUser, id: string, input: { dueAt: string; note: string }) {
  const access = await findIntervention(deps.db, user, id);
  const { calendar, policy } = await organisationCalendar(deps.db, access.row.organisationId);
  const followUpId = newId(deps, 'followup', access.row.id);
  const dueAt = dueInstant(input.dueAt, calendar.timezone).toISOString();
  await creating(deps, send(deps, user, access, scheduleFollowUpUpdate, { id: followUpId, dueAt, note: input.note, calendar, policy }, {
    action: 'follow_up_scheduled',
    details: { followUpId, dueAt },
    updateId: `followup-${followUpId}`,
  }));
  return { id: followUpId };
}

export async function completeFollowUp(deps: AppDeps, user: SessionUser, id: string, followUpId: string, input: { outcome: string; notes?: string | null }) {
  const access = await findIntervention(deps.db, user, id);
  await requireFollowUp(deps.db, { type: 'intervention', id }, followUpId);
  return send(deps, user, access, completeFollowUpUpdate, { id: followUpId, outcome: input.outcome, notes: input.notes ?? null }, { action: 'follow_up_completed', details: { followUpId, outcome: input.outcome } });
}

export async function cancelFollowUp(deps: AppDeps, user: SessionUser, id: string, followUpId: string, input: { reason?: string | null }) {
  const access = await findIntervention(deps.db, user, id);
  await requireFollowUp(deps.db, { type: 'intervention', id }, followUpId);
  return send(deps, user, access, cancelFollowUpUpdate, { id: followUpId, reason: input.reason ?? null }, { action: 'follow_up_cancelled', details: { followUpId } });
}
