import { z } from '@hono/zod-openapi';
import { appointmentOutcomes, appointmentStatuses, MAX_APPOINTMENT_MINUTES } from '../../domain/priority-lists';
import { ZDate, ZId, ZPageQuery, ZPlannedAt } from '../schemas';

const ZDuration = z.number().int().min(5).max(MAX_APPOINTMENT_MINUTES).openapi({ description: 'Minutes; 30 when not given', example: 30 });
const ZStartsAt = z.iso.datetime({ offset: true }).pipe(ZPlannedAt).openapi({ description: 'ISO 8601 with offset; in the future', example: '2026-03-02T09:30:00+01:00' });

export const ZCreateAppointmentRequest = z
  .object({
    personId: ZId,
    operatorId: ZId.nullish().openapi({ description: 'A colleague of the same CPI; the caller when not given' }),
    startsAt: ZStartsAt,
    durationMinutes: ZDuration.optional(),
  })
  .strict()
  .openapi('CreateAppointmentRequest');

export const ZCancelAppointmentRequest = z.object({ reason: z.string().trim().min(1).max(1000) }).strict().openapi('CancelAppointmentRequest');
export const ZAppointmentOutcomeRequest = z.object({ outcome: z.enum(appointmentOutcomes) }).strict().openapi('AppointmentOutcomeRequest');
export const ZRescheduleAppointmentRequest = z
  .object({ startsAt: ZStartsAt, durationMinutes: ZDuration.optional(), operatorId: ZId.nullish().openapi({ description: 'Hand it to a colleague of the same CPI too' }) })
  .strict()
  .openapi('RescheduleAppointmentRequest');

export const ZAppointmentListQuery = ZPageQuery.extend({
  date: ZDate.optional().openapi({ description: 'One day (the CPI’s time zone), oldest first; without it: the archive, newest first' }),
  from: ZDate.optional(),
  to: ZDate.optional(),
  operatorId: ZId.optional(),
  personId: ZId.optional(),
  status: z.enum(appointmentStatuses).optional(),
});

export const ZAppointment = z
  .object({
    id: ZId,
    personId: ZId,
    personName: z.string(),
    personCode: z.string(),
    documentId: z.string().nullable(),
    operatorId: z.string(),
    operatorName: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    durationMinutes: z.number().int(),
    status: z.enum(appointmentStatuses),
    cancelReason: z.string().nullable(),
    outcomeAt: z.string().nullable(),
    reminderAt: z.string().nullable().openapi({ description: 'When the worker is (or was) reminded: one working day before' }),
    remindedAt: z.string().nullable(),
    outcomeRequestedAt: z.string().nullable().openapi({ description: 'When the operator was asked to record attended/no-show' }),
    workflowId: z.string(),
  })
  .openapi('Appointment');

export const ZAppointmentDetail = ZAppointment.extend({
  history: z.array(z.object({ seq: z.number().int(), at: z.string(), by: z.string().nullable(), action: z.string(), note: z.string().nullable(), details: z.record(z.string(), z.unknown()) })),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
}).openapi('AppointmentDetail');

export const ZAppointmentUpdateResult = z
  .object({ appointmentId: ZId, status: z.enum(appointmentStatuses), startsAt: z.string(), version: z.number().int() })
  .openapi('AppointmentUpdateResult');
