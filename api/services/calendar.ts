// The caller's calendar and the Resumen dashboard: counts, recent cases, overdue follow-ups.
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { interventionEvents, interventions, persons } from '../../db/schema';
import { addCalendarDays, fromLocal, isoDate, toLocal } from '../../domain/working-days';
import type { SessionUser } from '../context';
import { appointmentsBetween } from './appointments';
import { followUpsDueBetween, overdueFollowUps } from './follow-ups';
import { assignee, listColumns, toListItems, visibleTo } from './interventions';
import { referralCounts } from './referrals';

/** The caller's follow-ups (of every kind of case they hold) due in [from, to] and their CPI appointments, oldest first. */
export async function calendar(db: Db, user: SessionUser, from: Date, to: Date) {
  const [followUps, appointments] = await Promise.all([followUpsDueBetween(db, user, from, to), appointmentsBetween(db, user, from, to)]);
  const now = Date.now();
  const booked = appointments.map((a) => ({
    type: 'appointment' as const,
    id: a.id,
    dueAt: a.startsAt,
    status: a.status,
    // Ended and nobody recorded whether the worker came.
    overdue: a.status === 'booked' && new Date(a.endsAt).getTime() < now,
    interventionId: null,
    code: a.personCode,
    personName: a.personName,
    note: `${a.durationMinutes}′`,
    owner: { type: 'appointment', id: a.id, code: a.personCode },
  }));
  return { items: [...followUps, ...booked].sort((a, b) => a.dueAt.localeCompare(b.dueAt)) };
}

/** The calendar of the days [fromDate, toDate] in the organisation's zone; by default 32 days from today. */
/**
 * The calendar between two bounds given as days (a day runs from its start to its end in the
 * organisation's time zone) or as ISO 8601 date-times (instants, as given).
 */
export async function calendarOfDays(db: Db, user: SessionUser, fromValue: string | undefined, toValue: string | undefined) {
  const tz = user.organisationTimezone;
  const isInstant = (v: string) => v.includes('T');
  const from = fromValue && isInstant(fromValue) ? new Date(fromValue) : fromLocal(startOfDay(fromValue ?? isoDate(toLocal(new Date(), tz))), tz);
  const to = !toValue
    ? new Date(addCalendarDays(from, 32, tz).getTime() - 1)
    : isInstant(toValue)
      ? new Date(toValue)
      : new Date(addCalendarDays(fromLocal(startOfDay(toValue), tz), 1, tz).getTime() - 1);
  return calendar(db, user, from, to);
}

const startOfDay = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day, hour: 0, minute: 0, second: 0 };
};

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
  const [overdue, referrals] = await Promise.all([overdueFollowUps(db, user), referralCounts(db, user)]);
  return { counts, recent, overdueFollowUps: overdue, referrals };
}

