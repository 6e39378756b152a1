// A referral (derivación): the source of truth for its lifecycle, following SPEC §3.2 and issue 12.
// draft → sent → accepted | declined (reason) → completed | no_show | cancelled (reason).
// Sending waits for the consent and the person's addresses (the validator refuses without them).
// Then it chases: no answer from the service after N working days → a reminder to the service and
// a notice to the professional; none after 2N → escalation to the supervisors; accepted without an
// outcome after M days → the professional is asked to record it. The next chase is planned from
// the status after every change, so an answer or a cancel makes the moot timers disappear.
// Follow-ups are chased by child followUpWorkflows, as an intervention's are.
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  makeContinueAsNewFunc,
  ParentClosePolicy,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createReferralActivities, ReferralNotice, ReferralProjection } from '../activities/referral.activities';
import { TEMPORAL_UI_LOCALE, t } from '../domain/i18n';
import { isPendingFollowUp } from '../domain/interventions';
import { canMoveReferral, isResolvedReferral, reasonRequired } from '../domain/referrals';
import { addCalendarDays, addWorkingDays } from '../domain/working-days';
import { followUpTimerSignal, followUpWorkflowId, stopFollowUpSignal, type FollowUpTimerEvent } from './followup.definitions';
import type { followUpWorkflow } from './followup';
import { serialProjections, tolerateInvalidData } from './projection-order';
import {
  answerReferralUpdate,
  attachReferralConsentFileUpdate,
  cancelReferralFollowUpUpdate,
  completeReferralFollowUpUpdate,
  REFERRAL_HISTORY_KEPT_IN_WORKFLOW,
  referralErrors as E,
  referralStateQuery,
  scheduleReferralFollowUpUpdate,
  sendReferralUpdate,
  type ReferralHistoryAction,
  type ReferralInput,
  type ReferralState,
} from './referral.definitions';
import { businessKeyKey, kindKey, organisationKey, personKey, statusKey } from './search-attributes';
import { msUntil, now, refuse, refuseDateOutOfRange, setUpdateHandler } from './shared';
import { workflowKinds } from './workflow-kinds';

type Activities = ReturnType<typeof createReferralActivities>;
const { projectReferral } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes' },
});
// A few inserts and one SMTP attempt each (the outbox retries the rest).
const { deliverReferral, sendReferralNotice } = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['invalid_data'] },
});

function initialState(input: ReferralInput): ReferralState {
  return {
    referralId: input.referralId,
    organisationId: input.organisationId,
    interventionId: input.interventionId,
    personId: input.personId,
    resourceId: input.resourceId,
    resourceName: input.resourceName,
    code: input.code,
    status: 'draft',
    assigneeId: input.assigneeId,
    note: input.note,
    reason: null,
    channels: [],
    consent: null,
    sentAt: null,
    answeredAt: null,
    resolvedAt: null,
    outcomeRequestedAt: null,
    nextChaseAt: null,
    nextChase: null,
    chases: 0,
    followUps: [],
    history: [],
    historySeq: 0,
    calendar: input.calendar,
    policy: input.policy,
    version: 0,
  };
}

export async function referralWorkflow(input: ReferralInput): Promise<ReferralState> {
  const state: ReferralState = input.carried ?? initialState(input);
  let dirtyFollowUps = new Set<string>();
  let dirtyEvents = new Set<number>();
  let shownStatus = input.carried ? '' : 'draft';
  const timerEvents: FollowUpTimerEvent[] = [...(input.carriedTimerEvents ?? [])];

  const record = (action: ReferralHistoryAction, by: string | null, note: string | null = null, details: Record<string, unknown> = {}, byLabel: string | null = null) => {
    const entry = { seq: ++state.historySeq, at: now().toISOString(), by, byLabel, action, note, details };
    state.history.push(entry);
    if (state.history.length > REFERRAL_HISTORY_KEPT_IN_WORKFLOW) state.history.splice(0, state.history.length - REFERRAL_HISTORY_KEPT_IN_WORKFLOW);
    dirtyEvents.add(entry.seq);
    state.version++;
  };
  const answer = () => ({ referralId: state.referralId, status: state.status, version: state.version });
  const pendingFollowUps = () => state.followUps.filter((f) => isPendingFollowUp(f.status));

  /** The next chase, from the status alone: whatever an answer made moot is simply not planned. */
  const planChase = () => {
    const { answerWorkingDays, outcomeDays } = state.policy;
    let next: { stage: ReferralState['nextChase']; at: Date } | null = null;
    if (state.status === 'sent' && state.sentAt) {
      const sent = new Date(state.sentAt);
      if (state.chases === 0) next = { stage: 'answer_reminder', at: addWorkingDays(sent, answerWorkingDays, state.calendar) };
      else if (state.chases === 1) next = { stage: 'escalation', at: addWorkingDays(sent, 2 * answerWorkingDays, state.calendar) };
    } else if (state.status === 'accepted' && state.answeredAt && !state.outcomeRequestedAt) {
      next = { stage: 'outcome_request', at: addCalendarDays(new Date(state.answeredAt), outcomeDays, state.calendar.timezone) };
    }
    state.nextChase = next?.stage ?? null;
    state.nextChaseAt = next?.at.toISOString() ?? null;
  };

  const runProjection = serialProjections();
  const project = () => runProjection(projectChanges);
  const projectChanges = async () => {
    const followUps = state.followUps.filter((f) => dirtyFollowUps.has(f.id));
    const events = state.history.filter((h) => dirtyEvents.has(h.seq));
    dirtyFollowUps = new Set();
    dirtyEvents = new Set();
    const payload: ReferralProjection = {
      referralId: state.referralId,
      organisationId: state.organisationId,
      version: state.version,
      summary: {
        status: state.status,
        assigneeId: state.assigneeId,
        reason: state.reason,
        channels: state.channels,
        consent: state.consent,
        sentAt: state.sentAt,
        answeredAt: state.answeredAt,
        resolvedAt: state.resolvedAt,
        nextChaseAt: state.nextChaseAt,
        chases: state.chases,
        pendingFollowUps: pendingFollowUps().length,
      },
      followUps,
      events,
    };
    if (shownStatus !== state.status) {
      upsertSearchAttributes([{ key: statusKey, value: state.status }]);
      shownStatus = state.status;
    }
    setCurrentDetails(
      t(TEMPORAL_UI_LOCALE, 'temporal.referral.details', { code: state.code, status: `@referral.status.${state.status}`, nextAt: state.nextChaseAt ?? '—' }),
    );
    await tolerateInvalidData(projectReferral(payload), `referral ${state.referralId}`);
  };
  const notice = (n: Omit<ReferralNotice, 'referralId' | 'organisationId' | 'assigneeId'>) =>
    sendReferralNotice({ referralId: state.referralId, organisationId: state.organisationId, assigneeId: state.assigneeId, ...n });

  // ---- validators: they read state only ---------------------------------------------------------
  const moveTo = (to: ReferralState['status']) => {
    if (!canMoveReferral(state.status, to)) {
      refuse(E.transitionNotAllowed, `The referral is ${state.status}; it cannot become ${to}`, {
        from: state.status,
        to,
        statusLabel: `@referral.status.${state.status}`,
        toLabel: `@referral.status.${to}`,
      });
    }
  };
  const notResolved = () => {
    if (isResolvedReferral(state.status)) refuse(E.resolved, `The referral is already ${state.status}`, { status: state.status, statusLabel: `@referral.status.${state.status}` });
  };
  const findPendingFollowUp = (id: string) => {
    const f = state.followUps.find((x) => x.id === id);
    if (!f) refuse(E.followUpNotFound, `Follow-up ${id} not found`);
    if (!isPendingFollowUp(f.status)) refuse(E.followUpFinished, `The follow-up is already ${f.status}`, { status: f.status, statusLabel: `@intervention.follow_up.${f.status}` });
    return f;
  };

  if (!input.carried) record('created', input.createdBy, input.note, { resourceId: input.resourceId, resourceName: input.resourceName });

  // ---- handlers ---------------------------------------------------------------------------------
  setHandler(referralStateQuery, () => state);

  setUpdateHandler(
    sendReferralUpdate,
    async ({ by, channels, consent, email, phone, calendar, policy }) => {
      state.calendar = calendar;
      state.policy = policy;
      state.status = 'sent';
      state.channels = [...new Set(channels)];
      state.consent = { method: consent!.method, recordedBy: by, recordedAt: now().toISOString() };
      state.sentAt = now().toISOString();
      state.chases = 0;
      record('sent', by, null, { channels: state.channels, consent: consent!.method });
      planChase();
      await project();
      await deliverReferral({ referralId: state.referralId, organisationId: state.organisationId, by, channels: state.channels, email, phone, linkValidDays: policy.linkValidDays });
      return answer();
    },
    {
      validator: ({ channels, consent, email, phone }) => {
        moveTo('sent');
        if (!consent?.given) refuse(E.consentRequired, 'The person’s consent must be recorded before sending');
        if (!channels.length) refuse(E.noChannel, 'Choose at least one channel');
        if (channels.includes('email') && !email) refuse(E.missingEmail, 'The person has no email address');
        if (channels.includes('sms') && !phone) refuse(E.missingPhone, 'The person has no phone number');
      },
    },
  );

  setUpdateHandler(
    answerReferralUpdate,
    async ({ by, byLabel, status, reason, note, via }) => {
      const from = state.status;
      state.status = status;
      const at = now().toISOString();
      if ((status === 'accepted' || status === 'declined') && !state.answeredAt) state.answeredAt = at;
      if (isResolvedReferral(status)) state.resolvedAt = at;
      if (reason) state.reason = reason;
      record(status, by, note ?? null, { from, via, ...(reason ? { reason } : {}) }, byLabel ?? null);
      planChase();
      await project();
      // The professional hears of every answer they did not record themselves.
      if (by !== state.assigneeId) await notice({ event: 'answered', status, via, dedupe: `${state.historySeq}` });
      return answer();
    },
    {
      validator: ({ status, reason }) => {
        moveTo(status);
        if (reasonRequired.includes(status) && !reason?.trim()) refuse(E.reasonRequired, `A reason is required for ${status}`, { status });
        const pending = pendingFollowUps();
        if (status === 'completed' && pending.length) {
          refuse(E.followUpsPending, `Cannot complete: ${pending.length} follow-up(s) pending`, {
            count: pending.length,
            list: pending.map((f) => `${f.dueAt.slice(0, 10)} · ${f.note}`).join('; '),
            followUps: pending.map((f) => ({ id: f.id, dueAt: f.dueAt, note: f.note, status: f.status })),
          });
        }
      },
    },
  );

  // Written consent: the signed file comes after sending. A new handler only: histories without
  // this Update replay unchanged, so no patched() marker is needed.
  setUpdateHandler(
    attachReferralConsentFileUpdate,
    async ({ by, file }) => {
      state.consent = { ...state.consent!, file: { ...file, attachedBy: by, attachedAt: now().toISOString() } };
      record('consent_file_attached', by, null, { fileId: file.id, name: file.name, mediaType: file.mediaType, size: file.size });
      await project();
      return answer();
    },
    {
      validator: () => {
        if (state.consent?.method !== 'written') {
          refuse(E.consentNotWritten, 'The signed file is for written consent only', { method: state.consent?.method ?? 'none' });
        }
        if (state.consent.file) refuse(E.consentFileExists, 'The signed consent is already attached', { name: state.consent.file.name });
      },
    },
  );

  setUpdateHandler(
    scheduleReferralFollowUpUpdate,
    async ({ by, id, dueAt, note, calendar, policy }) => {
      state.calendar = calendar;
      state.policy = policy;
      const due = new Date(dueAt);
      state.followUps.push({
        id,
        dueAt: due.toISOString(),
        overdueAt: addWorkingDays(due, policy.followUpGraceWorkingDays, calendar).toISOString(),
        note,
        status: 'scheduled',
        chases: 0,
        createdBy: by,
        createdAt: now().toISOString(),
        outcome: null,
        outcomeNotes: null,
        finishedBy: null,
        finishedAt: null,
      });
      dirtyFollowUps.add(id);
      record('follow_up_scheduled', by, note, { followUpId: id, dueAt: due.toISOString() });
      await startChild<typeof followUpWorkflow>('followUpWorkflow', {
        workflowId: followUpWorkflowId(id),
        args: [
          {
            followUpId: id,
            organisationId: state.organisationId,
            ownerWorkflowId: workflowInfo().workflowId,
            ownerKey: state.code,
            dueAt: due.toISOString(),
            calendar,
            graceWorkingDays: policy.followUpGraceWorkingDays,
            chaseIntervalWorkingDays: policy.chaseIntervalWorkingDays,
            maxChases: policy.maxChases,
          },
        ],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: t(TEMPORAL_UI_LOCALE, 'temporal.follow_up.summary', { code: state.code }),
        typedSearchAttributes: [
          { key: kindKey, value: workflowKinds.followUp.kind },
          { key: organisationKey, value: state.organisationId },
          { key: personKey, value: state.personId },
          { key: businessKeyKey, value: state.code },
          { key: statusKey, value: 'scheduled' },
        ],
      });
      await project();
      return answer();
    },
    {
      validator: ({ id, dueAt }) => {
        notResolved();
        refuseDateOutOfRange('dueAt', dueAt, true);
        if (state.followUps.some((f) => f.id === id)) refuse(E.duplicate, 'Follow-up already exists');
      },
    },
  );

  const finishFollowUp = async (id: string, status: 'completed' | 'cancelled', by: string, outcome: string | null, notes: string | null) => {
    const f = state.followUps.find((x) => x.id === id)!;
    Object.assign(f, { status, outcome, outcomeNotes: notes, finishedBy: by, finishedAt: now().toISOString() });
    dirtyFollowUps.add(id);
    record(status === 'completed' ? 'follow_up_completed' : 'follow_up_cancelled', by, status === 'completed' ? notes : outcome, {
      followUpId: id,
      ...(status === 'completed' ? { outcome } : {}),
    });
    await project();
    try {
      await getExternalWorkflowHandle(followUpWorkflowId(id)).signal(stopFollowUpSignal, { reason: status });
    } catch {
      // The chase had already run its course.
    }
    return answer();
  };
  setUpdateHandler(completeReferralFollowUpUpdate, ({ by, id, outcome, notes }) => finishFollowUp(id, 'completed', by, outcome, notes ?? null), {
    validator: ({ id }) => void findPendingFollowUp(id),
  });
  setUpdateHandler(cancelReferralFollowUpUpdate, ({ by, id, reason }) => finishFollowUp(id, 'cancelled', by, reason ?? null, null), {
    validator: ({ id }) => void findPendingFollowUp(id),
  });

  setHandler(followUpTimerSignal, (event) => {
    timerEvents.push(event);
  });

  const handleTimer = async (event: FollowUpTimerEvent) => {
    const f = state.followUps.find((x) => x.id === event.followUpId);
    if (!f || !isPendingFollowUp(f.status)) return;
    f.status = event.stage === 'due' ? 'due' : 'overdue';
    f.chases = event.chase;
    f.overdueAt = event.overdueAt;
    dirtyFollowUps.add(f.id);
    const action: ReferralHistoryAction = event.stage === 'due' ? 'follow_up_due' : event.stage === 'overdue' ? 'follow_up_overdue' : 'follow_up_chased';
    record(action, null, null, { followUpId: f.id, chase: event.chase, dueAt: f.dueAt });
    await project();
    await notice({
      event: action,
      followUpId: f.id,
      dueAt: f.dueAt,
      chase: event.chase,
      maxChases: state.policy.maxChases,
      dedupe: `${f.id}:${event.stage}:${event.chase}`,
    });
  };

  /** A planned chase came due. */
  const chase = async () => {
    const stage = state.nextChase!;
    if (stage === 'answer_reminder' || stage === 'escalation') state.chases++;
    if (stage === 'outcome_request') state.outcomeRequestedAt = now().toISOString();
    record(stage === 'answer_reminder' ? 'answer_reminder' : stage === 'escalation' ? 'escalated' : 'outcome_requested', null, null, {
      sentAt: state.sentAt,
      answeredAt: state.answeredAt,
    });
    planChase();
    await project();
    await notice({ event: stage, days: state.policy.outcomeDays, linkValidDays: state.policy.linkValidDays, dedupe: `${state.historySeq}` });
  };

  // ---- the referral's life ----------------------------------------------------------------------
  await project();
  for (;;) {
    if (timerEvents.length) {
      await handleTimer(timerEvents.shift()!);
      continue;
    }
    if (isResolvedReferral(state.status) && pendingFollowUps().length === 0) break;
    if (workflowInfo().continueAsNewSuggested) break;
    const seen = state.version;
    const wake = () => state.version !== seen || timerEvents.length > 0 || workflowInfo().continueAsNewSuggested;
    if (!state.nextChaseAt) {
      await condition(wake);
      continue;
    }
    if (await condition(wake, msUntil(new Date(state.nextChaseAt)))) continue;
    await chase();
  }

  await condition(allHandlersFinished);
  if (isResolvedReferral(state.status) && pendingFollowUps().length === 0 && timerEvents.length === 0) return state;
  log.info('continuing as new', { historyLength: workflowInfo().historyLength });
  const continueAsNew = makeContinueAsNewFunc<typeof referralWorkflow>({ typedSearchAttributes: workflowInfo().typedSearchAttributes });
  return continueAsNew({ ...input, carried: state, carriedTimerEvents: timerEvents.splice(0) });
}
