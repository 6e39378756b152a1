// An appointment of the CPI (appuntamento): booked by an operator for a worker, for themself or a
// colleague. The worker is reminded one working day before (by email and/or SMS, through the
// message service); once the slot has ended without attended/no-show recorded, the operator is
// asked to record it. Cancel stops everything; reschedule moves the reminder with the slot: the
// next step is planned from the state after every change, so the timer loop simply re-plans.
import { allHandlersFinished, condition, proxyActivities, proxyLocalActivities, setCurrentDetails, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { AppointmentProjection, createAppointmentActivities } from '../activities/appointment.activities';
import { TEMPORAL_UI_LOCALE, t } from '../domain/i18n';
import { appointmentEndsAt, appointmentReminderAt, isFinishedAppointment, outcomeRecordableAt } from '../domain/priority-lists';
import {
  appointmentErrors as E,
  appointmentStateQuery,
  cancelAppointmentUpdate,
  recordAppointmentOutcomeUpdate,
  rescheduleAppointmentUpdate,
  type AppointmentHistoryAction,
  type AppointmentInput,
  type AppointmentState,
} from './appointment.definitions';
import { serialProjections, tolerateInvalidData } from './projection-order';
import { assigneeKey, statusKey } from './search-attributes';
import { msUntil, now, refuse, refuseDateOutOfRange, setUpdateHandler } from './shared';

type Activities = ReturnType<typeof createAppointmentActivities>;
const { projectAppointment } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes' },
});
const { remindAppointmentWorker, requestAppointmentOutcome } = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['invalid_data'] },
});

const HISTORY_KEPT = 100;

export async function appointmentWorkflow(input: AppointmentInput): Promise<AppointmentState> {
  const state: AppointmentState = {
    appointmentId: input.appointmentId,
    organisationId: input.organisationId,
    personId: input.personId,
    operatorId: input.operatorId,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    status: 'booked',
    cancelReason: null,
    outcomeAt: null,
    outcomeBy: null,
    reminderAt: null,
    remindedAt: null,
    outcomeRequestedAt: null,
    nextStep: null,
    nextStepAt: null,
    history: [],
    historySeq: 0,
    calendar: input.calendar,
    version: 0,
  };
  let shownStatus = 'booked';
  let shownOperator = input.operatorId;

  const record = (action: AppointmentHistoryAction, by: string | null, note: string | null = null, details: Record<string, unknown> = {}) => {
    state.history.push({ seq: ++state.historySeq, at: now().toISOString(), by, action, note, details });
    if (state.history.length > HISTORY_KEPT) state.history.splice(0, state.history.length - HISTORY_KEPT);
    state.version++;
  };
  const answer = () => ({ appointmentId: state.appointmentId, status: state.status, startsAt: state.startsAt, version: state.version });

  /** The reminder of the current slot: a working day before; at once when booked later than that. */
  const planReminder = () => {
    const startsAt = new Date(state.startsAt);
    const at = appointmentReminderAt(startsAt, state.calendar);
    state.reminderAt = (at.getTime() > now().getTime() ? at : now()).toISOString();
    state.remindedAt = null;
    state.outcomeRequestedAt = null;
  };
  const planNext = () => {
    let next: { step: AppointmentState['nextStep']; at: string } | null = null;
    if (state.status === 'booked') {
      if (state.reminderAt && !state.remindedAt) next = { step: 'reminder', at: state.reminderAt };
      else if (!state.outcomeRequestedAt) next = { step: 'outcome_request', at: appointmentEndsAt(new Date(state.startsAt), state.durationMinutes).toISOString() };
    }
    state.nextStep = next?.step ?? null;
    state.nextStepAt = next?.at ?? null;
  };

  const runProjection = serialProjections();
  const project = () =>
    runProjection(async () => {
      if (shownStatus !== state.status) {
        upsertSearchAttributes([{ key: statusKey, value: state.status }]);
        shownStatus = state.status;
      }
      if (shownOperator !== state.operatorId) {
        upsertSearchAttributes([{ key: assigneeKey, value: state.operatorId }]);
        shownOperator = state.operatorId;
      }
      setCurrentDetails(
        t(TEMPORAL_UI_LOCALE, 'temporal.appointment.details', { status: `@appointment.status.${state.status}`, startsAt: state.startsAt, nextAt: state.nextStepAt ?? '—' }),
      );
      const payload: AppointmentProjection = {
        appointmentId: state.appointmentId,
        version: state.version,
        operatorId: state.operatorId,
        startsAt: state.startsAt,
        durationMinutes: state.durationMinutes,
        status: state.status,
        cancelReason: state.cancelReason,
        outcomeAt: state.outcomeAt,
        outcomeBy: state.outcomeBy,
        reminderAt: state.reminderAt,
        remindedAt: state.remindedAt,
        outcomeRequestedAt: state.outcomeRequestedAt,
        history: state.history,
      };
      await tolerateInvalidData(projectAppointment(payload), `appointment ${state.appointmentId}`);
    });

  // ---- validators: they read state only ---------------------------------------------------------
  const stillBooked = () => {
    if (isFinishedAppointment(state.status)) refuse(E.finished, `The appointment is already ${state.status}`, { status: state.status, statusLabel: `@appointment.status.${state.status}` });
  };

  // Booked before any handler is set: an Update that reached the workflow together with its start
  // (a reschedule sent at once, on a busy worker) runs as soon as its handler is set, and must find
  // the booking recorded and planned (it once came first in the history: 'rescheduled', 'booked').
  // State only, no command: recorded histories replay unchanged.
  record('booked', input.createdBy, null, { startsAt: state.startsAt, durationMinutes: state.durationMinutes, operatorId: state.operatorId });
  planReminder();
  planNext();

  setHandler(appointmentStateQuery, () => state);

  setUpdateHandler(
    cancelAppointmentUpdate,
    async ({ by, reason }) => {
      state.status = 'cancelled';
      state.cancelReason = reason;
      record('cancelled', by, reason);
      planNext();
      await project();
      return answer();
    },
    { validator: () => stillBooked() },
  );

  setUpdateHandler(
    rescheduleAppointmentUpdate,
    async ({ by, startsAt, durationMinutes, operatorId, calendar }) => {
      const from = state.startsAt;
      state.calendar = calendar;
      state.startsAt = new Date(startsAt).toISOString();
      state.durationMinutes = durationMinutes;
      if (operatorId) state.operatorId = operatorId;
      record('rescheduled', by, null, { from, to: state.startsAt, durationMinutes, operatorId: state.operatorId });
      planReminder();
      planNext();
      await project();
      return answer();
    },
    {
      validator: ({ startsAt }) => {
        stillBooked();
        refuseDateOutOfRange('startsAt', startsAt, true);
        if (new Date(startsAt).getTime() <= now().getTime()) refuse(E.inPast, 'The appointment must be in the future');
      },
    },
  );

  setUpdateHandler(
    recordAppointmentOutcomeUpdate,
    async ({ by, outcome }) => {
      state.status = outcome;
      state.outcomeAt = now().toISOString();
      state.outcomeBy = by;
      record(outcome, by);
      planNext();
      await project();
      return answer();
    },
    {
      validator: () => {
        stillBooked();
        if (now().getTime() < outcomeRecordableAt(new Date(state.startsAt), state.calendar.timezone).getTime()) {
          refuse(E.notStarted, 'The outcome is recorded from the day of the appointment', { startsAt: state.startsAt });
        }
      },
    },
  );

  /** The planned step came due. */
  const step = async () => {
    const at = now().toISOString();
    if (state.nextStep === 'reminder') {
      state.remindedAt = at;
      record('reminded', null, null, { startsAt: state.startsAt });
      planNext();
      await project();
      await remindAppointmentWorker({ appointmentId: state.appointmentId, startsAt: state.startsAt, dedupe: `${state.startsAt}` });
    } else if (state.nextStep === 'outcome_request') {
      state.outcomeRequestedAt = at;
      record('outcome_requested', null, null, { startsAt: state.startsAt });
      planNext();
      await project();
      await requestAppointmentOutcome({ appointmentId: state.appointmentId, organisationId: state.organisationId, operatorId: state.operatorId, startsAt: state.startsAt, dedupe: `${state.startsAt}` });
    }
  };

  // ---- the appointment's life -------------------------------------------------------------------
  await project();
  while (state.status === 'booked') {
    const seen = state.version;
    const wake = () => state.version !== seen;
    if (!state.nextStepAt) {
      await condition(wake);
      continue;
    }
    if (await condition(wake, msUntil(new Date(state.nextStepAt)))) continue;
    await step();
  }
  await condition(allHandlersFinished);
  return state;
}
