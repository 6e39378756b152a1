// The appointment workflow on the time-skipping server: the worker's reminder one working day
// before (through the message service), the reminder moving with a reschedule, the operator asked
// for the outcome once the slot has ended, cancel stopping the reminder, and refused changes.
// Real activities: Postgres projection, message service, notifications.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { WorkflowHandle } from '@temporalio/client';
import { appointments, messages, notifications, personEmails, persons } from '../../db/schema';
import { appointmentReminderAt } from '../../domain/priority-lists';
import { addCalendarDays, fromLocal, toLocal } from '../../domain/working-days';
import type { appointmentWorkflow } from '../../workflows/appointment';
import {
  appointmentStateQuery,
  appointmentWorkflowId,
  cancelAppointmentUpdate,
  recordAppointmentOutcomeUpdate,
  rescheduleAppointmentUpdate,
} from '../../workflows/appointment.definitions';
import { createOrganisation, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { updateRefusal, withRunningWorker, type TimeSkippingHarness } from '../support/time-skipping';

const HOUR = 3_600_000;
const TZ = 'Europe/Rome';

let h: TimeSkippingHarness;
let org: TestOrganisation;

withRunningWorker(async (harness) => {
  h = harness;
  org = await createOrganisation(h.database.db, { kind: 'cpi', locale: 'it', timezone: TZ });
});

const calendar = () => ({ timezone: TZ, holidays: [] as string[] });
const operator = () => org.users.professional.id;

/** 10:00 in Rome, `days` calendar days from the server's now. */
async function slot(days: number) {
  const local = toLocal(addCalendarDays(new Date(await h.env.currentTimeMs()), days, TZ), TZ);
  return fromLocal({ ...local, hour: 10, minute: 0, second: 0 }, TZ);
}

/** An appointment as the API books it: its row, then its workflow. */
async function book(startsAt: Date, durationMinutes = 30) {
  const db = h.database.db;
  const suffix = uniqueSuffix();
  const [person] = await db.insert(persons).values({ organisationId: org.id, code: `EXP-${suffix}`, firstName: 'Mario', lastName: 'Rossi' }).returning();
  await db.insert(personEmails).values({ personId: person.id, organisationId: org.id, address: `mario-${suffix}@example.org`, isPrimary: true });
  const id = randomUUID();
  const workflowId = appointmentWorkflowId(id);
  await db.insert(appointments).values({ id, organisationId: org.id, personId: person.id, operatorId: operator(), startsAt, durationMinutes, createdBy: operator(), workflowId });
  const handle = await h.env.client.workflow.start<typeof appointmentWorkflow>('appointmentWorkflow', {
    taskQueue: h.taskQueue,
    workflowId,
    args: [{ appointmentId: id, organisationId: org.id, personId: person.id, operatorId: operator(), startsAt: startsAt.toISOString(), durationMinutes, createdBy: operator(), calendar: calendar() }],
  });
  return { id, handle, personId: person.id };
}

type Handle = WorkflowHandle<typeof appointmentWorkflow>;
const state = (handle: Handle) => handle.query(appointmentStateQuery);
const reminders = async (id: string) =>
  (await h.database.db.select().from(messages).where(and(eq(messages.ownerType, 'appointment'), eq(messages.ownerId, id)))).map((m) => ({ channel: m.channel, subject: m.subject, body: m.body }));
const prompts = async (id: string) =>
  (await h.database.db.select().from(notifications).where(and(eq(notifications.userId, operator()), eq(notifications.subjectId, id)))).map((n) => n.kind);
const refusal = async (p: Promise<unknown>) => (await updateRefusal(p)).type;

describe('appointment reminders and outcome (time-skipping)', () => {
  it('reminds the worker in Italian one working day before, then asks the operator for the outcome after the slot', async () => {
    // A week ahead: the reminder falls on a working day before it, weekends skipped.
    const startsAt = await slot(7);
    const { id, handle } = await book(startsAt);
    const reminderAt = appointmentReminderAt(startsAt, calendar());
    expect((await state(handle)).reminderAt).toBe(reminderAt.toISOString());
    expect(toLocal(reminderAt, TZ).hour).toBe(10);
    expect([0, 6]).not.toContain(new Date(Date.UTC(toLocal(reminderAt, TZ).year, toLocal(reminderAt, TZ).month - 1, toLocal(reminderAt, TZ).day)).getUTCDay());

    await h.sleepUntil(reminderAt, -HOUR);
    expect(await reminders(id)).toEqual([]);
    await h.sleepUntil(reminderAt, HOUR);
    await expect.poll(() => reminders(id)).toHaveLength(1);
    const [mail] = await reminders(id);
    expect(mail.channel).toBe('email');
    expect(mail.subject).toMatch(/^Promemoria: appuntamento al /);
    expect(mail.body).toContain('Gentile Mario Rossi');
    expect(mail.body).toContain('10:00');

    // The slot ends at 10:30; nobody records the outcome → the operator is asked (in the app and by email).
    await h.sleepUntil(new Date(startsAt.getTime() + 30 * 60_000), -5 * 60_000);
    expect(await prompts(id)).toEqual([]);
    await h.sleepUntil(new Date(startsAt.getTime() + 30 * 60_000), 5 * 60_000);
    await expect.poll(() => prompts(id)).toEqual(['appointment.outcome_requested']);

    await handle.executeUpdate(recordAppointmentOutcomeUpdate, { args: [{ by: operator(), outcome: 'attended' }] });
    const done = await handle.result();
    expect(done.status).toBe('attended');
    expect(done.history.map((e) => e.action)).toEqual(['booked', 'reminded', 'outcome_requested', 'attended']);
    await expect.poll(async () => (await h.database.db.select().from(appointments).where(eq(appointments.id, id)))[0].status).toBe('attended');
  });

  it('moves the reminder with a reschedule: nothing at the old time, the reminder at the new one', async () => {
    const first = await slot(7);
    const { id, handle } = await book(first);
    const oldReminder = appointmentReminderAt(first, calendar());
    const moved = await slot(14);
    await handle.executeUpdate(rescheduleAppointmentUpdate, { args: [{ by: operator(), startsAt: moved.toISOString(), durationMinutes: 45, calendar: calendar() }] });
    const newReminder = appointmentReminderAt(moved, calendar());
    expect(await state(handle)).toMatchObject({ startsAt: moved.toISOString(), durationMinutes: 45, reminderAt: newReminder.toISOString(), nextStep: 'reminder' });

    await h.sleepUntil(oldReminder, 2 * HOUR);
    expect(await reminders(id)).toEqual([]);
    // Nor is the operator asked at the old slot's end.
    await h.sleepUntil(first, 2 * HOUR);
    expect(await prompts(id)).toEqual([]);
    await h.sleepUntil(newReminder, HOUR);
    await expect.poll(() => reminders(id)).toHaveLength(1);
    await expect.poll(async () => (await h.database.db.select().from(appointments).where(eq(appointments.id, id)))[0]).toMatchObject({ startsAt: moved, durationMinutes: 45 });
    await handle.executeUpdate(cancelAppointmentUpdate, { args: [{ by: operator(), reason: 'Il lavoratore ha chiesto di spostarlo' }] });
    expect((await handle.result()).history.map((e) => e.action)).toEqual(['booked', 'rescheduled', 'reminded', 'cancelled']);
  });

  it('cancel stops the reminder and the outcome prompt', async () => {
    const startsAt = await slot(7);
    const { id, handle } = await book(startsAt);
    await handle.executeUpdate(cancelAppointmentUpdate, { args: [{ by: operator(), reason: 'Rinuncia del lavoratore' }] });
    const done = await handle.result();
    expect(done).toMatchObject({ status: 'cancelled', cancelReason: 'Rinuncia del lavoratore' });
    await h.env.sleep(startsAt.getTime() + 2 * HOUR - (await h.env.currentTimeMs()));
    expect(await reminders(id)).toEqual([]);
    expect(await prompts(id)).toEqual([]);
    await expect.poll(async () => (await h.database.db.select().from(appointments).where(eq(appointments.id, id)))[0]).toMatchObject({ status: 'cancelled', cancelReason: 'Rinuncia del lavoratore', remindedAt: null });
  });

  it('refuses an outcome before the appointment’s day, a reschedule into the past, and any change once finished', async () => {
    const startsAt = await slot(7);
    const { handle } = await book(startsAt);
    expect(await refusal(handle.executeUpdate(recordAppointmentOutcomeUpdate, { args: [{ by: operator(), outcome: 'no_show' }] }))).toBe('appointment_not_started');
    const past = new Date((await h.env.currentTimeMs()) - HOUR).toISOString();
    expect(await refusal(handle.executeUpdate(rescheduleAppointmentUpdate, { args: [{ by: operator(), startsAt: past, durationMinutes: 30, calendar: calendar() }] }))).toBe('appointment_in_past');
    await h.sleepUntil(startsAt, -2 * HOUR);
    await handle.executeUpdate(recordAppointmentOutcomeUpdate, { args: [{ by: operator(), outcome: 'no_show' }] });
    expect((await handle.result()).status).toBe('no_show');
  });

  it('a booking made later than a working day before reminds the worker at once', async () => {
    const soon = new Date((await h.env.currentTimeMs()) + 3 * HOUR);
    const { id, handle } = await book(soon);
    await expect.poll(() => reminders(id)).toHaveLength(1);
    expect((await state(handle)).remindedAt).not.toBeNull();
    await handle.executeUpdate(cancelAppointmentUpdate, { args: [{ by: operator(), reason: 'prova' }] });
    await handle.result();
  });
});
