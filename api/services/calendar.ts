// The caller's calendar and the Resumen dashboard: counts, recent cases, overdue follow-ups.
import { and, asc, count, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { followUps, interventionEvents, interventions, persons } from '../../db/schema';
import type { SessionUser } from '../context';
import { iso } from '../schemas';
import { displayName } from './persons';
import { assignee, listColumns, toListItems, visibleTo } from './interventions';

function calendarItem(row: { f: typeof followUps.$inferSelect; code: string; firstName: string | null; lastName: string | null; anonymous: boolean; personCode: string }) {
  return {
    type: 'follow_up' as const,
    id: row.f.id,
    dueAt: iso(row.f.dueAt)!,
    status: row.f.status,
    overdue: row.f.status === 'overdue',
    interventionId: row.f.interventionId,
    code: row.code,
    personName: displayName({ anonymous: row.anonymous, firstName: row.firstName, lastName: row.lastName, code: row.personCode }),
    note: row.f.note,
  };
}

const calendarColumns = { f: followUps, code: interventions.code, firstName: persons.firstName, lastName: persons.lastName, anonymous: persons.anonymous, personCode: persons.code };

/** The caller's follow-ups (of the cases they hold) due in [from, to], oldest first. */
export async function calendar(db: Db, user: SessionUser, from: Date, to: Date) {
  const rows = await db
    .select(calendarColumns)
    .from(followUps)
    .innerJoin(interventions, eq(interventions.id, followUps.interventionId))
    .innerJoin(persons, eq(persons.id, interventions.personId))
    .where(and(eq(followUps.assigneeId, user.id), gte(followUps.dueAt, from), lte(followUps.dueAt, to)))
    .orderBy(asc(followUps.dueAt))
    .limit(1000);
  return { items: rows.map(calendarItem) };
}

export async function summary(db: Db, user: SessionUser) {
  const org = eq(interventions.organisationId, user.organisationId);
  const [counts] = await db
    .select({
      total: count(),
      unassigned: sql<number>`count(*) FILTER (WHERE ${interventions.status} <> 'closed' AND ${interventions.assigneeId} IS NULL)`.mapWith(Number),
      assigned: sql<number>`count(*) FILTER (WHERE ${interventions.status} <> 'closed' AND ${interventions.assigneeId} IS NOT NULL)`.mapWith(Number),
      closed: sql<number>`count(*) FILTER (WHERE ${interventions.status} = 'closed')`.mapWith(Number),
      open: sql<number>`count(*) FILTER (WHERE ${interventions.status} = 'open')`.mapWith(Number),
      inProgress: sql<number>`count(*) FILTER (WHERE ${interventions.status} = 'in_progress')`.mapWith(Number),
      pending: sql<number>`count(*) FILTER (WHERE ${interventions.status} = 'pending')`.mapWith(Number),
      mine: sql<number>`count(*) FILTER (WHERE ${interventions.status} <> 'closed' AND ${interventions.assigneeId} = ${user.id})`.mapWith(Number),
    })
    .from(interventions)
    .where(org);
  // "My recent cases": those I last worked on (anything I did is in their history).
  const recentIds = await db
    .select({ id: interventionEvents.interventionId, last: sql<Date>`max(${interventionEvents.at})`.as('last') })
    .from(interventionEvents)
    .where(eq(interventionEvents.actorId, user.id))
    .groupBy(interventionEvents.interventionId)
    .orderBy(desc(sql`max(${interventionEvents.at})`))
    .limit(10);
  const rows = recentIds.length
    ? await db
        .select(listColumns)
        .from(interventions)
        .innerJoin(persons, eq(persons.id, interventions.personId))
        .leftJoin(assignee, eq(assignee.id, interventions.assigneeId))
        .where(and(inArray(interventions.id, recentIds.map((r) => r.id)), visibleTo(user)))
    : [];
  const items = await toListItems(db, user, rows);
  const recent = recentIds.flatMap((r) => items.filter((i) => i.id === r.id));
  const overdue = await db
    .select(calendarColumns)
    .from(followUps)
    .innerJoin(interventions, eq(interventions.id, followUps.interventionId))
    .innerJoin(persons, eq(persons.id, interventions.personId))
    .where(and(eq(followUps.assigneeId, user.id), eq(followUps.status, 'overdue')))
    .orderBy(asc(followUps.dueAt))
    .limit(50);
  return { counts, recent, overdueFollowUps: overdue.map(calendarItem) };
}

