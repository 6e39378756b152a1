// A job offer of a placement agency (issue 14): the source of truth of its candidates' statuses
// and of its closing. Candidates move shortlisted → interested / not interested → sent to the
// company → placed or discarded (domain/job-offers/offers.ts says which moves are allowed; each
// with who and when). The offer closes by itself when its end date passes or when its placed
// candidates fill the vacancies. A shortlisted candidate whose interest is still unchecked after
// N working days (organisation setting) is reminded to the offer's professional, in the app and
// by email. Follow-ups of the offer are chased by child followUpWorkflows, as a referral's are.
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
import type { createJobOfferActivities, JobOfferProjection } from '../activities/job-offer.activities';
import { TEMPORAL_UI_LOCALE, t } from '../domain/i18n';
import { isPendingFollowUp } from '../domain/interventions';
import { canMoveCandidate, type CandidateStatus } from '../domain/job-offers/offers';
import { addWorkingDays } from '../domain/working-days';
import { followUpTimerSignal, followUpWorkflowId, stopFollowUpSignal, type FollowUpTimerEvent } from './followup.definitions';
import type { followUpWorkflow } from './followup';
import {
  addCandidateUpdate,
  cancelOfferFollowUpUpdate,
  changeOfferTermsUpdate,
  closeOfferUpdate,
  completeOfferFollowUpUpdate,
  jobOfferErrors as E,
  jobOfferStateQuery,
  scheduleOfferFollowUpUpdate,
  setCandidateFavouriteUpdate,
  setCandidateStatusUpdate,
  type CandidateState,
  type JobOfferInput,
  type JobOfferState,
} from './job-offer.definitions';
import { serialProjections, tolerateInvalidData } from './projection-order';
import { businessKeyKey, kindKey, organisationKey, statusKey } from './search-attributes';
import { msUntil, now, refuse, refuseDateOutOfRange, setUpdateHandler } from './shared';
import { workflowKinds } from './workflow-kinds';

type Activities = ReturnType<typeof createJobOfferActivities>;
const { projectJobOffer } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes' },
});
const { notifyOfferOwner } = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['invalid_data'] },
});

const CANDIDATE_HISTORY_KEPT = 50;

function initialState(input: JobOfferInput): JobOfferState {
  return {
    offerId: input.offerId,
    organisationId: input.organisationId,
    ownerId: input.ownerId,
    title: input.title,
    vacancies: input.vacancies,
    closesAt: input.closesAt,
    status: 'open',
    closedReason: null,
    closedAt: null,
    candidates: [],
    followUps: [],
    calendar: input.calendar,
    interestWorkingDays: input.interestWorkingDays,
    policy: input.policy,
    nextStep: null,
    nextStepAt: null,
    version: 0,
  };
}

export async function jobOfferWorkflow(input: JobOfferInput): Promise<JobOfferState> {
  const state: JobOfferState = input.carried ?? initialState(input);
  const timerEvents: FollowUpTimerEvent[] = [...(input.carriedTimerEvents ?? [])];
  let dirtyCandidates = new Set<string>();
  let dirtyFollowUps = new Set<string>();
  let shownStatus = input.carried ? '' : 'open';

  const placed = () => state.candidates.filter((c) => c.status === 'placed').length;
  const pendingFollowUps = () => state.followUps.filter((f) => isPendingFollowUp(f.status));
  const answer = () => ({ offerId: state.offerId, status: state.status, closedReason: state.closedReason, placed: placed(), version: state.version });
  const changed = () => void state.version++;

  /** When a shortlisted candidate's unchecked interest is reminded. */
  const interestDueAt = (c: CandidateState) => addWorkingDays(new Date(c.statusAt), state.interestWorkingDays, state.calendar);
  const uncheckedDue = (at: Date) => state.candidates.filter((c) => c.status === 'shortlisted' && !c.interestRemindedAt && interestDueAt(c).getTime() <= at.getTime());

  /** The next timer, from the state alone: the end date, or the soonest unchecked interest. */
  const planNext = () => {
    let next: { step: JobOfferState['nextStep']; at: number } | null = null;
    if (state.status === 'open') {
      if (state.closesAt) next = { step: 'close', at: new Date(state.closesAt).getTime() };
      for (const c of state.candidates) {
        if (c.status !== 'shortlisted' || c.interestRemindedAt) continue;
        const at = interestDueAt(c).getTime();
        if (!next || at < next.at) next = { step: 'interest_reminder', at };
      }
    }
    state.nextStep = next?.step ?? null;
    state.nextStepAt = next ? new Date(next.at).toISOString() : null;
  };

  const runProjection = serialProjections();
  const project = () => runProjection(projectChanges);
  const projectChanges = async () => {
    const candidates = state.candidates.filter((c) => dirtyCandidates.has(c.personId));
    const followUps = state.followUps.filter((f) => dirtyFollowUps.has(f.id));
    dirtyCandidates = new Set();
    dirtyFollowUps = new Set();
    if (shownStatus !== state.status) {
      upsertSearchAttributes([{ key: statusKey, value: state.status }]);
      shownStatus = state.status;
    }
    setCurrentDetails(
      t(TEMPORAL_UI_LOCALE, 'temporal.job_offer.details', {
        status: `@job_offer.status.${state.status}`,
        placed: placed(),
        vacancies: state.vacancies,
        candidates: state.candidates.length,
        nextAt: state.nextStepAt ?? '—',
      }),
    );
    const payload: JobOfferProjection = {
      offerId: state.offerId,
      organisationId: state.organisationId,
      ownerId: state.ownerId,
      version: state.version,
      status: state.status,
      closedReason: state.closedReason,
      closedAt: state.closedAt,
      placedCount: placed(),
      candidates,
      followUps,
    };
    await tolerateInvalidData(projectJobOffer(payload), `job offer ${state.offerId}`);
  };

  const close = (reason: NonNullable<JobOfferState['closedReason']>) => {
    state.status = 'closed';
    state.closedReason = reason;
    state.closedAt = now().toISOString();
    changed();
  };

  // ---- validators: they read state only ---------------------------------------------------------
  const stillOpen = () => {
    if (state.status !== 'open') refuse(E.closed, 'The offer is closed', { reason: state.closedReason, reasonLabel: `@job_offer.closed_reason.${state.closedReason}` });
  };
  const candidate = (personId: string) => {
    const c = state.candidates.find((x) => x.personId === personId);
    if (!c) refuse(E.notCandidate, 'Not a candidate of this offer');
    return c;
  };
  const findPendingFollowUp = (id: string) => {
    const f = state.followUps.find((x) => x.id === id);
    if (!f) refuse(E.followUpNotFound, `Follow-up ${id} not found`);
    if (!isPendingFollowUp(f.status)) refuse(E.followUpFinished, `The follow-up is already ${f.status}`, { status: f.status, statusLabel: `@intervention.follow_up.${f.status}` });
    return f;
  };

  // ---- handlers ---------------------------------------------------------------------------------
  setHandler(jobOfferStateQuery, () => state);

  setUpdateHandler(
    addCandidateUpdate,
    async ({ by, personId }) => {
      const at = now().toISOString();
      state.candidates.push({
        personId,
        status: 'shortlisted',
        favourite: false,
        statusAt: at,
        statusBy: by,
        placedOn: null,
        contractType: null,
        interestRemindedAt: null,
        addedBy: by,
        addedAt: at,
        history: [{ at, by, from: null, to: 'shortlisted' }],
      });
      dirtyCandidates.add(personId);
      changed();
      planNext();
      await project();
      return answer();
    },
    {
      validator: ({ personId }) => {
        stillOpen();
        if (state.candidates.some((c) => c.personId === personId)) refuse(E.alreadyCandidate, 'Already a candidate of this offer');
      },
    },
  );

  setUpdateHandler(
    setCandidateStatusUpdate,
    async ({ by, personId, status, placedOn, contractType }) => {
      const c = state.candidates.find((x) => x.personId === personId)!;
      const at = now().toISOString();
      c.history.push({ at, by, from: c.status, to: status, ...(status === 'placed' ? { placedOn: placedOn ?? null, contractType: contractType ?? null } : {}) });
      if (c.history.length > CANDIDATE_HISTORY_KEPT) c.history.splice(0, c.history.length - CANDIDATE_HISTORY_KEPT);
      c.status = status;
      c.statusAt = at;
      c.statusBy = by;
      if (status === 'shortlisted') c.interestRemindedAt = null;
      if (status === 'placed') {
        c.placedOn = placedOn ?? null;
        c.contractType = contractType ?? null;
      }
      dirtyCandidates.add(personId);
      changed();
      if (placed() >= state.vacancies) close('filled');
      planNext();
      await project();
      return answer();
    },
    {
      validator: ({ personId, status, placedOn }) => {
        stillOpen();
        const c = candidate(personId);
        if (!canMoveCandidate(c.status, status)) {
          refuse(E.transitionNotAllowed, `The candidate is ${c.status}; they cannot become ${status}`, {
            from: c.status,
            to: status,
            statusLabel: `@job_offer.candidate.${c.status}`,
            toLabel: `@job_offer.candidate.${status}`,
          });
        }
        if (status === 'placed' && placedOn) refuseDateOutOfRange('placedOn', placedOn);
      },
    },
  );

  setUpdateHandler(
    setCandidateFavouriteUpdate,
    async ({ personId, favourite }) => {
      const c = state.candidates.find((x) => x.personId === personId)!;
      c.favourite = favourite;
      dirtyCandidates.add(personId);
      changed();
      await project();
      return answer();
    },
    { validator: ({ personId }) => void candidate(personId) },
  );

  setUpdateHandler(
    changeOfferTermsUpdate,
    async ({ title, vacancies, closesAt }) => {
      state.title = title;
      state.vacancies = vacancies;
      state.closesAt = closesAt;
      changed();
      if (placed() >= state.vacancies) close('filled');
      else if (closesAt && new Date(closesAt).getTime() <= now().getTime()) close('end_date');
      planNext();
      await project();
      return answer();
    },
    { validator: () => stillOpen() },
  );

  setUpdateHandler(
    closeOfferUpdate,
    async () => {
      close('manual');
      planNext();
      await project();
      return answer();
    },
    { validator: () => stillOpen() },
  );

  setUpdateHandler(
    scheduleOfferFollowUpUpdate,
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
      changed();
      await startChild<typeof followUpWorkflow>('followUpWorkflow', {
        workflowId: followUpWorkflowId(id),
        args: [
          {
            followUpId: id,
            organisationId: state.organisationId,
            ownerWorkflowId: workflowInfo().workflowId,
            ownerKey: state.offerId,
            dueAt: due.toISOString(),
            calendar,
            graceWorkingDays: policy.followUpGraceWorkingDays,
            chaseIntervalWorkingDays: policy.chaseIntervalWorkingDays,
            maxChases: policy.maxChases,
          },
        ],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: t(TEMPORAL_UI_LOCALE, 'temporal.follow_up.summary', { code: state.offerId }),
        typedSearchAttributes: [
          { key: kindKey, value: workflowKinds.followUp.kind },
          { key: organisationKey, value: state.organisationId },
          { key: businessKeyKey, value: state.offerId },
          { key: statusKey, value: 'scheduled' },
        ],
      });
      await project();
      return answer();
    },
    {
      validator: ({ id, dueAt }) => {
        stillOpen();
        refuseDateOutOfRange('dueAt', dueAt, true);
        if (state.followUps.some((f) => f.id === id)) refuse(E.duplicate, 'Follow-up already exists');
      },
    },
  );

  const finishFollowUp = async (id: string, status: 'completed' | 'cancelled', by: string, outcome: string | null, notes: string | null) => {
    const f = state.followUps.find((x) => x.id === id)!;
    Object.assign(f, { status, outcome, outcomeNotes: notes, finishedBy: by, finishedAt: now().toISOString() });
    dirtyFollowUps.add(id);
    changed();
    await project();
    try {
      await getExternalWorkflowHandle(followUpWorkflowId(id)).signal(stopFollowUpSignal, { reason: status });
    } catch {
      // The chase had already run its course.
    }
    return answer();
  };
  setUpdateHandler(completeOfferFollowUpUpdate, ({ by, id, outcome, notes }) => finishFollowUp(id, 'completed', by, outcome, notes ?? null), {
    validator: ({ id }) => void findPendingFollowUp(id),
  });
  setUpdateHandler(cancelOfferFollowUpUpdate, ({ by, id, reason }) => finishFollowUp(id, 'cancelled', by, reason ?? null, null), {
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
    changed();
    await project();
    await notifyOfferOwner({
      offerId: state.offerId,
      organisationId: state.organisationId,
      ownerId: state.ownerId,
      event: event.stage === 'due' ? 'follow_up_due' : 'follow_up_overdue',
      personIds: [],
      dedupe: `${f.id}:${event.stage}:${event.chase}`,
    });
  };

  /** The planned step came due. */
  const step = async () => {
    if (state.nextStep === 'close') {
      close('end_date');
      planNext();
      await project();
      return;
    }
    const at = now();
    const due = uncheckedDue(at);
    for (const c of due) {
      c.interestRemindedAt = at.toISOString();
      dirtyCandidates.add(c.personId);
    }
    changed();
    planNext();
    await project();
    if (due.length) {
      await notifyOfferOwner({
        offerId: state.offerId,
        organisationId: state.organisationId,
        ownerId: state.ownerId,
        event: 'interest_unchecked',
        personIds: due.map((c) => c.personId),
        dedupe: `${at.toISOString()}`,
      });
    }
  };

  // ---- the offer's life -------------------------------------------------------------------------
  if (!input.carried) {
    if (state.closesAt && new Date(state.closesAt).getTime() <= now().getTime()) close('end_date');
    planNext();
    await project();
  }
  for (;;) {
    if (timerEvents.length) {
      await handleTimer(timerEvents.shift()!);
      continue;
    }
    if (state.status === 'closed' && pendingFollowUps().length === 0) break;
    if (workflowInfo().continueAsNewSuggested) break;
    const seen = state.version;
    const wake = () => state.version !== seen || timerEvents.length > 0 || workflowInfo().continueAsNewSuggested;
    if (!state.nextStepAt) {
      await condition(wake);
      continue;
    }
    if (await condition(wake, msUntil(new Date(state.nextStepAt)))) continue;
    await step();
  }

  await condition(allHandlersFinished);
  if (state.status === 'closed' && pendingFollowUps().length === 0 && timerEvents.length === 0) return state;
  log.info('continuing as new', { historyLength: workflowInfo().historyLength });
  const continueAsNew = makeContinueAsNewFunc<typeof jobOfferWorkflow>({ typedSearchAttributes: workflowInfo().typedSearchAttributes });
  return continueAsNew({ ...input, carried: state, carriedTimerEvents: timerEvents.splice(0) });
}
