// A CPI operator's accreditation (accreditamento operatori CPI), issue 13: the source of truth of
// one request. draft → pending (submitted) → approved | rejected (reason). The operator fills and
// submits it; the organisation's service centre (Centro Servizi) decides; the operator is told in
// the app and by email. A request still pending after N working days reminds the service centre
// once. A rejected operator files a new request (a new workflow): this one ends with its decision.
import {
  allHandlersFinished,
  condition,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { AccreditationNotice, AccreditationProjection, createAccreditationActivities } from '../activities/accreditation.activities';
import { isServiceCentre } from '../domain/accreditations';
import { TEMPORAL_UI_LOCALE, t } from '../domain/i18n';
import { addWorkingDays } from '../domain/working-days';
import {
  accreditationErrors as E,
  accreditationStateQuery,
  decideAccreditationUpdate,
  editAccreditationUpdate,
  submitAccreditationUpdate,
  type AccreditationActor,
  type AccreditationHistoryAction,
  type AccreditationInput,
  type AccreditationState,
} from './accreditation.definitions';
import { serialProjections, tolerateInvalidData } from './projection-order';
import { statusKey } from './search-attributes';
import { msUntil, now, refuse, setUpdateHandler } from './shared';

type Activities = ReturnType<typeof createAccreditationActivities>;
const { projectAccreditation } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes' },
});
// A few inserts and one SMTP attempt per recipient (the outbox retries the rest).
const { sendAccreditationNotice } = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['invalid_data'] },
});

export async function accreditationWorkflow(input: AccreditationInput): Promise<AccreditationState> {
  const state: AccreditationState = {
    accreditationId: input.accreditationId,
    organisationId: input.organisationId,
    requesterId: input.requesterId,
    request: input.request,
    status: 'draft',
    submittedAt: null,
    decidedAt: null,
    decidedBy: null,
    reason: null,
    reminders: 0,
    nextReminderAt: null,
    history: [],
    calendar: input.calendar,
    reminderWorkingDays: input.reminderWorkingDays,
    version: 0,
  };
  let shownStatus = '';
  let projectedSeq = 0;

  const record = (action: AccreditationHistoryAction, by: string | null, note: string | null = null) => {
    state.history.push({ seq: state.history.length + 1, at: now().toISOString(), by, action, note });
    state.version++;
  };
  const answer = () => ({ accreditationId: state.accreditationId, status: state.status, version: state.version });

  const runProjection = serialProjections();
  const project = () => runProjection(projectChanges);
  const projectChanges = async () => {
    const payload: AccreditationProjection = {
      accreditationId: state.accreditationId,
      organisationId: state.organisationId,
      version: state.version,
      request: state.request,
      status: state.status,
      submittedAt: state.submittedAt,
      decidedAt: state.decidedAt,
      decidedBy: state.decidedBy,
      reason: state.reason,
      reminders: state.reminders,
      nextReminderAt: state.nextReminderAt,
      history: state.history,
    };
    projectedSeq = state.history.length;
    if (shownStatus !== state.status) {
      upsertSearchAttributes([{ key: statusKey, value: state.status }]);
      shownStatus = state.status;
    }
    setCurrentDetails(t(TEMPORAL_UI_LOCALE, 'temporal.accreditation.details', { status: `@accreditation.status.${state.status}`, nextAt: state.nextReminderAt ?? '—' }));
    await tolerateInvalidData(projectAccreditation(payload), `accreditation ${state.accreditationId}`);
  };
  const notice = (n: Omit<AccreditationNotice, 'accreditationId' | 'organisationId' | 'requesterId'>) =>
    sendAccreditationNotice({ accreditationId: state.accreditationId, organisationId: state.organisationId, requesterId: state.requesterId, ...n });

  const submit = (by: string) => {
    state.status = 'pending';
    state.submittedAt = now().toISOString();
    state.nextReminderAt = addWorkingDays(new Date(state.submittedAt), state.reminderWorkingDays, state.calendar).toISOString();
    record('submitted', by);
  };

  // ---- validators: they read state and the request only ----------------------------------------
  const sameOrganisation = (a: AccreditationActor) => {
    if (a.organisationId !== state.organisationId) refuse(E.notServiceCentre, 'Another organisation’s request');
  };
  const requesterOnly = (a: AccreditationActor) => {
    if (a.by !== state.requesterId || a.organisationId !== state.organisationId) refuse(E.notRequester, 'Only the requester changes or submits the request');
  };
  const statusIn = (allowed: AccreditationState['status'][], action: 'edit' | 'submit' | 'decide') => {
    if (!allowed.includes(state.status)) {
      refuse(E.notPending, `The request is ${state.status}`, { status: state.status, statusLabel: `@accreditation.status.${state.status}`, action: `@accreditation.action.${action}` });
    }
  };

  record('created', input.requesterId, input.request.note);
  if (input.submit) submit(input.requesterId);

  setHandler(accreditationStateQuery, () => state);

  setUpdateHandler(
    editAccreditationUpdate,
    async ({ by, request }) => {
      state.request = request;
      record('edited', by);
      await project();
      return answer();
    },
    {
      validator: (a) => {
        requesterOnly(a);
        statusIn(['draft', 'pending'], 'edit');
      },
    },
  );

  setUpdateHandler(
    submitAccreditationUpdate,
    async ({ by, calendar }) => {
      state.calendar = calendar;
      submit(by);
      await project();
      await notice({ event: 'submitted', dedupe: `${state.history.length}` });
      return answer();
    },
    {
      validator: (a) => {
        requesterOnly(a);
        statusIn(['draft'], 'submit');
      },
    },
  );

  setUpdateHandler(
    decideAccreditationUpdate,
    async ({ by, decision, reason }) => {
      state.status = decision;
      state.decidedAt = now().toISOString();
      state.decidedBy = by;
      state.reason = decision === 'rejected' ? reason!.trim() : null;
      state.nextReminderAt = null;
      record(decision, by, state.reason);
      await project();
      await notice({ event: decision, reason: state.reason, dedupe: `${state.history.length}` });
      return answer();
    },
    {
      validator: (a) => {
        sameOrganisation(a);
        if (!isServiceCentre(a.roles)) refuse(E.notServiceCentre, 'Only the service centre decides accreditations');
        if (a.by === state.requesterId) refuse(E.ownRequest, 'Nobody decides on their own request');
        statusIn(['pending'], 'decide');
        if (a.decision === 'rejected' && !a.reason?.trim()) refuse(E.reasonRequired, 'A reason is required to reject');
      },
    },
  );

  // ---- the request's life ------------------------------------------------------------------------
  await project();
  if (input.submit) await notice({ event: 'submitted', dedupe: `${state.history.length}` });
  while (state.status === 'draft' || state.status === 'pending') {
    const seen = state.version;
    const changed = () => state.version !== seen;
    if (state.status === 'draft' || !state.nextReminderAt) {
      await condition(changed);
      continue;
    }
    if (await condition(changed, msUntil(new Date(state.nextReminderAt)))) continue;
    state.reminders++;
    state.nextReminderAt = null;
    record('reminded', null);
    await project();
    await notice({ event: 'reminder', dedupe: `${state.reminders}` });
  }
  await condition(allHandlersFinished);
  if (projectedSeq !== state.history.length) await project();
  return state;
}
