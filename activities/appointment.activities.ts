// The appointment workflow's projection (the appointments row, read by lists, calendar and the
// priority lists' convocation state), the reminder to the worker through the message service and
// the prompt to the operator to record the outcome. Idempotent: rows carry the workflow's
// version, messages an idempotency key, notifications a dedupe key.
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { appointments, organisations, personEmails, personPhones, persons, users } from '../db/schema';
import type { AppointmentHistoryEntry } from '../db/schema';
import { dateParam } from '../domain/dates';
import { isLocale, t, type Locale } from '../domain/i18n';
import type { AppointmentStatus } from '../domain/priority-lists';
import type { ActivityDeps } from './deps';
import { nonRetryableDataErrors } from './data-errors';
import { createNotificationActivities } from './notification.activities';

export interface AppointmentProjection {
  appointmentId: string;
  version: number;
  operatorId: string;
  startsAt: string;
  durationMinutes: number;
  status: AppointmentStatus;
  cancelReason: string | null;
  outcomeAt: string | null;
  outcomeBy: string | null;
  reminderAt: string | null;
  remindedAt: string | null;
  outcomeRequestedAt: string | null;
  history: AppointmentHistoryEntry[];
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);

async function appointmentContext(db: ActivityDeps['db'], appointmentId: string) {
  const [row] = await db
    .select({ a: appointments, org: organisations, p: persons, operator: users.name })
    .from(appointments)
    .innerJoin(organisations, eq(organisations.id, appointments.organisationId))
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .innerJoin(users, eq(users.id, appointments.operatorId))
    .where(eq(appointments.id, appointmentId));
  if (!row) return null;
  const locale: Locale = isLocale(row.org.locale) ? row.org.locale : 'it';
  return { ...row, locale, personName: [row.p.firstName, row.p.lastName].filter(Boolean).join(' ') || row.p.code };
}

export function createAppointmentActivities(deps: Pick<ActivityDeps, 'db' | 'outbox' | 'publicUrl' | 'messages'>) {
  const { db } = deps;
  const { notify } = createNotificationActivities(deps);
  return nonRetryableDataErrors({
    async projectAppointment(p: AppointmentProjection): Promise<void> {
      await db
        .update(appointments)
        .set({
          operatorId: p.operatorId,
          startsAt: new Date(p.startsAt),
          durationMinutes: p.durationMinutes,
          status: p.status,
          cancelReason: p.cancelReason,
          outcomeAt: date(p.outcomeAt),
          outcomeBy: p.outcomeBy,
          reminderAt: date(p.reminderAt),
          remindedAt: date(p.remindedAt),
          outcomeRequestedAt: date(p.outcomeRequestedAt),
          history: p.history,
          projectionVersion: p.version,
          updatedAt: new Date(),
        })
        .where(and(eq(appointments.id, p.appointmentId), lt(appointments.projectionVersion, p.version)));
    },

    /**
     * The reminder to the worker, in the CPI's language (Italian for an Italian CPI), by email
     * and by SMS when the person has them (SMS only when the organisation's SMS module is on).
     */
    async remindAppointmentWorker(input: { appointmentId: string; startsAt: string; dedupe: string }): Promise<{ messages: number }> {
      const ctx = await appointmentContext(db, input.appointmentId);
      if (!ctx || ctx.a.status !== 'booked') return { messages: 0 };
      if (!deps.messages) throw new Error('The message service is not configured for this worker');
      const [email] = await db.select({ a: personEmails.address }).from(personEmails).where(eq(personEmails.personId, ctx.p.id)).orderBy(desc(personEmails.isPrimary), asc(personEmails.createdAt)).limit(1);
      const [phone] = await db.select({ n: personPhones.number }).from(personPhones).where(eq(personPhones.personId, ctx.p.id)).orderBy(desc(personPhones.isPrimary), asc(personPhones.createdAt)).limit(1);
      const timeZone = ctx.org.timezone;
      const params = { name: ctx.personName, organisation: ctx.org.name, operator: ctx.operator, when: dateParam(input.startsAt) };
      const base = { organisationId: ctx.a.organisationId, personId: ctx.p.id, ownerType: 'appointment', ownerId: ctx.a.id, sentBy: null, sentByName: null };
      const drafts = [
        ...(email ? [{ ...base, idempotencyKey: `appointment:${ctx.a.id}:reminder:${input.dedupe}:email`, channel: 'email' as const, address: email.a, subject: t(ctx.locale, 'appointment.reminder.subject', params, { timeZone }), body: t(ctx.locale, 'appointment.reminder.body', params, { timeZone }) }] : []),
        ...(phone ? [{ ...base, idempotencyKey: `appointment:${ctx.a.id}:reminder:${input.dedupe}:sms`, channel: 'sms' as const, address: phone.n, subject: null, body: t(ctx.locale, 'appointment.reminder.sms', params, { timeZone }) }] : []),
      ];
      try {
        return { messages: (await deps.messages.sendMany(drafts)).length };
      } catch (err) {
        // SMS switched off or out of balance: the email still goes; the person's messages show it.
        const code = (err as { code?: string }).code;
        if (code !== 'sms_disabled' && code !== 'sms_balance_exhausted') throw err;
        return { messages: (await deps.messages.sendMany(drafts.filter((d) => d.channel === 'email'))).length };
      }
    },

    /** The slot has ended and nobody recorded attended or no-show: the operator is asked, in the app and by email. */
    async requestAppointmentOutcome(input: { appointmentId: string; organisationId: string; operatorId: string; startsAt: string; dedupe: string }): Promise<{ notified: number }> {
      const ctx = await appointmentContext(db, input.appointmentId);
      if (!ctx || ctx.a.status !== 'booked') return { notified: 0 };
      return notify({
        organisationId: input.organisationId,
        userIds: [input.operatorId],
        kind: 'appointment.outcome_requested',
        messageKey: 'notifications.appointment.outcome_requested',
        params: { person: ctx.personName, when: dateParam(input.startsAt) },
        link: `/appuntamenti/${input.appointmentId}`,
        subjectType: 'appointment',
        subjectId: input.appointmentId,
        dedupeKey: `appointment:${input.appointmentId}:outcome_requested:${input.dedupe}`,
        email: true,
      });
    },
  });
}
