// Appointments of the CPI (appuntamenti): every change is an Update on the appointment's
// workflow; lists, the calendar and the convocation state of priority lists read its projection.
import { and, asc, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../../db/client';
import { appointments, organisations, persons, priorityListWorkers, users, workerVerifications } from '../../db/schema';
import { t } from '../../domain/i18n';
import { appointmentEndsAt, DEFAULT_APPOINTMENT_MINUTES, type AppointmentOutcome, type AppointmentStatus } from '../../domain/priority-lists';
import { addCalendarDays, fromLocal, type WorkingCalendar } from '../../domain/working-days';
import {
  appointmentWorkflowId,
  cancelAppointmentUpdate,
  recordAppointmentOutcomeUpdate,
  rescheduleAppointmentUpdate,
  type AppointmentInput,
  type AppointmentUpdateResult,
} from '../../workflows/appointment.definitions';
import type { appointmentWorkflow } from '../../workflows/appointment';
import { workflowKinds } from '../../workflows/workflow-kinds';
import type { AppDeps, SessionUser } from '../context';
import { ApiError, notFound } from '../errors';
import { iso } from '../schemas';
import type { PersonDependent } from './person-dependents';
import { displayName, findPersonRow } from './persons';
import { excludingVerification, workerExcluded } from './priority-lists';
import { newId } from './request-ids';
import { recordSearchAttributes, startRecordWorkflow, updateRecordWorkflow, type RecordAudit } from './workflow-records';

type AppointmentRow = typeof appointments.$inferSelect;
const STAFF_ROLES = ['admin', 'supervisor', 'professional'];

export async function findAppointment(db: Db, user: SessionUser, id: string): Promise<AppointmentRow> {
  const [row] = await db.select().from(appointments).where(and(eq(appointments.id, id), eq(appointments.organisationId, user.organisationId)));
  if (!row) throw notFound();
  return row;
}

/** A colleague of the caller's CPI who can hold appointments; anyone else's id is a 404. */
async function findOperator(db: Db, user: SessionUser, operatorId: string) {
  const [op] = await db
    .select({ id: users.id, roles: users.roles })
    .from(users)
    .where(and(eq(users.id, operatorId), eq(users.organisationId, user.organisationId), eq(users.status, 'active')));
  if (!op || !op.roles.some((r) => STAFF_ROLES.includes(r))) throw new ApiError(404, 'operator_not_found', 'errors.operator_not_found');
  return op;
}

async function calendarOf(db: Db, organisationId: string): Promise<WorkingCalendar> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  return { timezone: org.timezone, holidays: org.settings.holidays ?? [] };
}

const inPast = () => new ApiError(422, 'appointment_in_past', 'errors.appointment_in_past');

export async function createAppointment(deps: AppDeps, user: SessionUser, input: { personId: string; operatorId?: string | null; startsAt: string; durationMinutes?: number }) {
  const { db } = deps;
  const person = await findPersonRow(db, user, input.personId);
  const operatorId = input.operatorId ?? user.id;
  await findOperator(db, user, operatorId);
  const startsAt = new Date(input.startsAt);
  const excluded = await excludingVerification(db, person.id);
  if (excluded) throw workerExcluded(displayName(person), excluded);
  if (startsAt.getTime() <= Date.now()) throw inPast();
  const id = newId(deps, 'appointment', person.id);
  const [existing] = await db.select({ id: appointments.id }).from(appointments).where(eq(appointments.id, id));
  if (existing) return { id };
  const durationMinutes = input.durationMinutes ?? DEFAULT_APPOINTMENT_MINUTES;
  const workflowId = appointmentWorkflowId(id);
  await db.insert(appointments).values({ id, organisationId: user.organisationId, personId: person.id, operatorId, startsAt, durationMinutes, createdBy: user.id, workflowId });
  const workflowInput: AppointmentInput = {
    appointmentId: id,
    organisationId: user.organisationId,
    personId: person.id,
    operatorId,
    startsAt: startsAt.toISOString(),
    durationMinutes,
    createdBy: user.id,
    calendar: await calendarOf(db, user.organisationId),
  };
  const record = { id, organisationId: user.organisationId, workflowId, personId: person.id };
  await startRecordWorkflow<typeof appointmentWorkflow>(deps, user, 'appointment', record, 'appointmentWorkflow', {
    args: [workflowInput],
    // Ids only: Temporal shows this to admins and does not encrypt it.
    staticSummary: t('es', 'temporal.appointment.summary', { id }),
    typedSearchAttributes: recordSearchAttributes({ kind: workflowKinds.appointment.kind, organisationId: user.organisationId, personId: person.id, status: 'booked', assigneeId: operatorId, businessKey: person.code }),
  }, () => db.delete(appointments).where(eq(appointments.id, id)), { action: 'booked', details: { operatorId, startsAt: startsAt.toISOString(), durationMinutes } });
  return { id };
}

function update<A>(deps: AppDeps, user: SessionUser, row: AppointmentRow, def: UpdateDefinition<AppointmentUpdateResult, [A], string>, args: A, audit: RecordAudit) {
  return updateRecordWorkflow(deps, user, 'appointment', row, def, args, audit, async (err: unknown) => {
    // An Update that meets the workflow as it finishes (the outcome was just recorded) is told
    // "not found" by the server rather than "already completed": the appointment is closed, not missing.
    const handle = deps.temporal.workflow.getHandle(row.workflowId);
    if (err instanceof WorkflowNotFoundError && (await handle.describe().then((d) => d.status.name !== 'RUNNING', () => false))) {
      throw new ApiError(409, 'workflow_closed', 'errors.workflow_closed');
    }
    throw err;
  });
}

export async function cancelAppointment(deps: AppDeps, user: SessionUser, id: string, input: { reason: string }) {
  const row = await findAppointment(deps.db, user, id);
  return update(deps, user, row, cancelAppointmentUpdate, { by: user.id, reason: input.reason }, { action: 'cancelled', details: { reason: input.reason } });
}

export async function recordAppointmentOutcome(deps: AppDeps, user: SessionUser, id: string, input: { outcome: AppointmentOutcome }) {
  const row = await findAppointment(deps.db, user, id);
  return update(deps, user, row, recordAppointmentOutcomeUpdate, { by: user.id, outcome: input.outcome }, { action: input.outcome });
}

export async function rescheduleAppointment(deps: AppDeps, user: SessionUser, id: string, input: { startsAt: string; durationMinutes?: number; operatorId?: string | null }) {
  const row = await findAppointment(deps.db, user, id);
  if (input.operatorId) await findOperator(deps.db, user, input.operatorId);
  const startsAt = new Date(input.startsAt);
  if (startsAt.getTime() <= Date.now()) throw inPast();
  const calendar = await calendarOf(deps.db, row.organisationId);
  return update(
    deps,
    user,
    row,
    rescheduleAppointmentUpdate,
    { by: user.id, startsAt: startsAt.toISOString(), durationMinutes: input.durationMinutes ?? row.durationMinutes, ...(input.operatorId ? { operatorId: input.operatorId } : {}), calendar },
    { action: 'rescheduled', details: { from: row.startsAt.toISOString(), to: startsAt.toISOString(), operatorId: input.operatorId ?? row.operatorId } },
  );
}

// ---- reading ----------------------------------------------------------------------------------

const operator = alias(users, 'operator');
const columns = { a: appointments, p: persons, operatorName: operator.name };
type ListRow = { a: AppointmentRow; p: typeof persons.$inferSelect; operatorName: string | null };

function toItem({ a, p, operatorName }: ListRow) {
  return {
    id: a.id,
    personId: a.personId,
    personName: displayName(p),
    personCode: p.code,
    documentId: p.documentId,
    operatorId: a.operatorId,
    operatorName,
    startsAt: iso(a.startsAt)!,
    endsAt: appointmentEndsAt(a.startsAt, a.durationMinutes).toISOString(),
    durationMinutes: a.durationMinutes,
    status: a.status,
    cancelReason: a.cancelReason,
    outcomeAt: iso(a.outcomeAt),
    reminderAt: iso(a.reminderAt),
    remindedAt: iso(a.remindedAt),
    outcomeRequestedAt: iso(a.outcomeRequestedAt),
    workflowId: a.workflowId,
  };
}

/** A local day's [start, end) in the organisation's zone. */
export function dayBounds(day: string, timezone: string): [Date, Date] {
  const [year, month, d] = day.split('-').map(Number);
  const start = fromLocal({ year, month, day: d, hour: 0, minute: 0, second: 0 }, timezone);
  return [start, addCalendarDays(start, 1, timezone)];
}

export interface AppointmentFilter {
  date?: string;
  from?: string;
  to?: string;
  operatorId?: string;
  personId?: string;
  status?: AppointmentStatus;
  page: number;
  pageSize: number;
}

/** A day's appointments (oldest first), or the archive of all the CPI's (newest first) with filters. */
export async function listAppointments(db: Db, user: SessionUser, f: AppointmentFilter) {
  const conditions: SQL[] = [eq(appointments.organisationId, user.organisationId)];
  const tz = user.organisationTimezone;
  if (f.date) {
    const [start, end] = dayBounds(f.date, tz);
    conditions.push(gte(appointments.startsAt, start), lt(appointments.startsAt, end));
  }
  if (f.from) conditions.push(gte(appointments.startsAt, dayBounds(f.from, tz)[0]));
  if (f.to) conditions.push(lt(appointments.startsAt, dayBounds(f.to, tz)[1]));
  if (f.operatorId) conditions.push(eq(appointments.operatorId, f.operatorId));
  if (f.personId) conditions.push(eq(appointments.personId, f.personId));
  if (f.status) conditions.push(eq(appointments.status, f.status));
  const where = and(...conditions)!;
  const order = f.date ? [asc(appointments.startsAt), asc(appointments.id)] : [desc(appointments.startsAt), desc(appointments.id)];
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(columns)
      .from(appointments)
      .innerJoin(persons, eq(persons.id, appointments.personId))
      .leftJoin(operator, eq(operator.id, appointments.operatorId))
      .where(where)
      .orderBy(...order)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(appointments).where(where),
  ]);
  return { items: (rows as ListRow[]).map(toItem), total };
}

export async function getAppointment(db: Db, user: SessionUser, id: string) {
  const [row] = (await db
    .select(columns)
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .leftJoin(operator, eq(operator.id, appointments.operatorId))
    .where(and(eq(appointments.id, id), eq(appointments.organisationId, user.organisationId)))) as ListRow[];
  if (!row) throw notFound();
  return { ...toItem(row), history: row.a.history, createdBy: row.a.createdBy, createdAt: iso(row.a.createdAt)! };
}

/** The caller's booked appointments in [from, to]: the shared calendar shows them beside follow-ups. */
export async function appointmentsBetween(db: Db, user: SessionUser, from: Date, to: Date) {
  const rows = (await db
    .select(columns)
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .leftJoin(operator, eq(operator.id, appointments.operatorId))
    .where(and(eq(appointments.organisationId, user.organisationId), eq(appointments.operatorId, user.id), sql`${appointments.status} <> 'cancelled'`, gte(appointments.startsAt, from), lt(appointments.startsAt, to)))
    .orderBy(asc(appointments.startsAt))) as ListRow[];
  return rows.map(toItem);
}

/** A person's appointments go with them: their workflows are ended first (no reminder to a deleted person). */
export const appointmentsPersonDependent: PersonDependent = {
  name: 'appointments',
  count: async (db, personId) => (await db.select({ n: count() }).from(appointments).where(eq(appointments.personId, personId)))[0].n,
  remove: async (db, personId, ctx) => {
    const rows = await db.select({ workflowId: appointments.workflowId, status: appointments.status }).from(appointments).where(eq(appointments.personId, personId));
    if (ctx?.temporal) {
      const client = ctx.temporal;
      await Promise.all(
        rows
          .filter((r) => r.status === 'booked')
          .map((r) =>
            client.workflow
              .getHandle(r.workflowId)
              .terminate('person deleted')
              .catch((err) => {
                if (!(err instanceof WorkflowNotFoundError)) throw err;
              }),
          ),
      );
    }
    await db.delete(appointments).where(eq(appointments.personId, personId));
  },
};

/** The person's places on priority lists and their verifications. */
export const priorityListsPersonDependent: PersonDependent = {
  name: 'priorityLists',
  count: async (db, personId) => (await db.select({ n: count() }).from(priorityListWorkers).where(eq(priorityListWorkers.personId, personId)))[0].n,
  remove: async (db, personId) => {
    await db.delete(workerVerifications).where(eq(workerVerifications.personId, personId));
    await db.delete(priorityListWorkers).where(eq(priorityListWorkers.personId, personId));
  },
};
