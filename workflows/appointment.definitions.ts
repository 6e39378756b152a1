import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AppointmentOutcome, AppointmentStatus } from '../domain/priority-lists';
import type { WorkingCalendar } from '../domain/working-days';
import { workflowIdOf } from './workflow-kinds';

export const appointmentWorkflowId = (appointmentId: string) => workflowIdOf('appointment', appointmentId);

export interface AppointmentInput {
  appointmentId: string;
  organisationId: string;
  personId: string;
  operatorId: string;
  startsAt: string;
  durationMinutes: number;
  createdBy: string;
  calendar: WorkingCalendar;
}

export type AppointmentHistoryAction = 'booked' | 'rescheduled' | 'reminded' | 'outcome_requested' | 'attended' | 'no_show' | 'cancelled';

export interface AppointmentHistoryEntry {
  seq: number;
  at: string;
  by: string | null;
  action: AppointmentHistoryAction;
  note: string | null;
  details: Record<string, unknown>;
}

/** What the timer loop waits for next. */
export type AppointmentNextStep = 'reminder' | 'outcome_request';

export interface AppointmentState {
  appointmentId: string;
  organisationId: string;
  personId: string;
  operatorId: string;
  startsAt: string;
  durationMinutes: number;
  status: AppointmentStatus;
  cancelReason: string | null;
  outcomeAt: string | null;
  outcomeBy: string | null;
  /** When the worker is (or was) reminded of the current slot; null when booked too late for one. */
  reminderAt: string | null;
  remindedAt: string | null;
  outcomeRequestedAt: string | null;
  nextStep: AppointmentNextStep | null;
  nextStepAt: string | null;
  history: AppointmentHistoryEntry[];
  historySeq: number;
  calendar: WorkingCalendar;
  version: number;
}

export const appointmentErrors = {
  finished: 'appointment_finished',
  notStarted: 'appointment_not_started',
  inPast: 'appointment_in_past',
} as const;

export interface AppointmentUpdateResult {
  appointmentId: string;
  status: AppointmentStatus;
  startsAt: string;
  version: number;
}

type By = { by: string };

export const cancelAppointmentUpdate = defineUpdate<AppointmentUpdateResult, [By & { reason: string }]>('cancelAppointment');
export const rescheduleAppointmentUpdate = defineUpdate<AppointmentUpdateResult, [By & { startsAt: string; durationMinutes: number; operatorId?: string; calendar: WorkingCalendar }]>('rescheduleAppointment');
export const recordAppointmentOutcomeUpdate = defineUpdate<AppointmentUpdateResult, [By & { outcome: AppointmentOutcome }]>('recordAppointmentOutcome');
export const appointmentStateQuery = defineQuery<AppointmentState>('appointmentState');
