// An intervention (the case): the source of truth for its lifecycle, following SPEC §3.1.
// open → in_progress ⇄ pending → closed (with a reason) → reopened. Every change people make
// is an Update validated here; follow-ups are chased by child workflows (followUpWorkflow)
// that signal back; the inactivity review is a timer of its own. Every change is projected to
// Postgres and recorded in the history people see.
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
import type { createInterventionActivities, InterventionNotice, InterventionProjection } from '../activities/intervention.activities';
import { TEMPORAL_UI_LOCALE, t } from '../domain/i18n';
import { canChangeStatus, closeBlockers, isPendingFollowUp } from '../domain/interventions';
import { addCalendarDays, isWorkingDay, toLocal, addWorkingDays } from '../domain/working-days';
import { followUpTimerSignal, followUpWorkflowId, stopFollowUpSignal, type FollowUpTimerEvent } from './followup.definitions';
import type { followUpWorkflow } from './followup';
import {
  addCollaboratorUpdate,
  addNeedsUpdate,
  addNoteUpdate,
  assignInterventionUpdate,
  cancelFollowUpUpdate,
  changeStatusUpdate,
  CLOSED_RETENTION_DAYS,
  completeFollowUpUpdate,
  coverNeedUpdate,
  deleteNoteUpdate,
  editNoteUpdate,
  HISTORY_KEPT_IN_WORKFLOW,
  interventionErrors as E,
  interventionStateQuery,
  linkRelatedUpdate,
  raiseFlagUpdate,
  recordActionUpdate,
  removeCollaboratorUpdate,
  reopenInterventionUpdate,
  resolveFlagUpdate,
  scheduleFollowUpUpdate,
  setAttributeUpdate,
  unlinkRelatedUpdate,
  withdrawAssessmentNeedsUpdate,
  type HistoryAction,
  type InterventionInput,
  type InterventionState,
} from './intervention.definitions';
import { assigneeKey, businessKeyKey, kindKey, organisationKey, personKey, statusKey } from './search-attributes';
import { workflowKinds } from './workflow-kinds';
import { projectionRunner, tolerateInvalidData } from './projection-order';
import { msUntil, now, refuse, refuseDateOutOfRange, setUpdateHandler } from './shared';

type Activities = ReturnType<typeof createInterventionActivities>;
// The projection is a short local write that every Update waits for: as a local activity it
// runs in the worker within the same workflow task, instead of a round trip through the server.
const { projectIntervention } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes' },
});
// Short: a notice is a few inserts and one SMTP attempt (the outbox retries the rest), so one
// interrupted by a worker crash is retried within seconds instead of after a minute.
const { sendInterventionNotice } = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes' },
});

/** What changed since the last projection, by collection and key. */
function emptyDirty() {
  return {
    needs: new Set<string>(),
    actions: new Set<string>(),
    notes: new Set<string>(),
    flags: new Set<string>(),
    attributes: new Set<string>(),
    collaborators: new Set<string>(),
    related: new Set<string>(),
    followUps: new Set<string>(),
    events: new Set<number>(),
  };
}

function initialState(input: InterventionInput): InterventionState {
  const at = now().toISOString();
  return {
    interventionId: input.interventionId,
    organisationId: input.organisationId,
    personId: input.personId,
    code: input.code,
    needCode: input.needCode,
    status: 'open',
    assigneeId: input.assigneeId,
    closureReason: null,
    closureNote: null,
    openedBy: input.openedBy,
    openedAt: at,
    closedAt: null,
    lastActivityAt: at,
    reviewAt: null,
    needs: [...new Set(input.needs)].map((code) => ({
      code,
      covered: false,
      coveredAt: null,
      coveredBy: null,
      note: null,
      assessmentId: input.assessmentId,
      addedAt: at,
      removed: false,
    })),
    actions: [],
    notes: [],
    flags: [],
    attributes: [],
    collaborators: [],
    related: [],
    followUps: [],
    history: [],
    historySeq: 0,
    calendar: input.calendar,
    policy: input.policy,
    version: 0,
  };
}

export async function interventionWorkflow(input: InterventionInput): Promise<InterventionState> {
  const state: InterventionState = input.carried ?? initialState(input);
  let dirty = emptyDirty();
  /** What the search attributes say now (set at start by the API, or carried). */
  let shown: { status: string; assigneeId: string | null } = input.carried
    ? { status: '', assigneeId: null }
    : { status: 'open', assigneeId: input.assigneeId };
  /** Follow-up timer events waiting to be handled by the main loop (notifications are I/O). */
  const timerEvents: FollowUpTimerEvent[] = [...(input.carriedTimerEvents ?? [])];

  // ---- recording and projecting -------------------------------------------------------------
  const record = (action: HistoryAction, by: string | null, note: string | null = null, details: Record<string, unknown> = {}) => {
    const entry = { seq: ++state.historySeq, at: now().toISOString(), by, action, note, details };
    state.history.push(entry);
    if (state.history.length > HISTORY_KEPT_IN_WORKFLOW) state.history.splice(0, state.history.length - HISTORY_KEPT_IN_WORKFLOW);
    dirty.events.add(entry.seq);
    state.version++;
    if (by) touch();
  };
  /** A person did something: the inactivity review counts again from now. */
  const touch = () => {
    state.lastActivityAt = now().toISOString();
    state.reviewAt = state.status === 'closed' ? null : nextReview(new Date(state.lastActivityAt)).toISOString();
  };
  /** N days after `from`, moved to the next working day so nobody is reminded on a Sunday. */
  const nextReview = (from: Date) => {
    let at = addCalendarDays(from, state.policy.inactivityReviewDays, state.calendar.timezone);
    while (!isWorkingDay(toLocal(at, state.calendar.timezone), state.calendar)) at = addCalendarDays(at, 1, state.calendar.timezone);
    return at;
  };
  const answer = () => ({ interventionId: state.interventionId, status: state.status, assigneeId: state.assigneeId, version: state.version });
  const liveNeeds = () => state.needs.filter((n) => !n.removed);
  const pendingFollowUps = () => state.followUps.filter((f) => isPendingFollowUp(f.status));

  const runProjection = projectionRunner();
  const project = () => runProjection(projectChanges);
  /** What changed since the last projection, with the case's summary, written to Postgres. */
  const projectChanges = async () => {
    const changed = dirty;
    dirty = emptyDirty();
    const pick = <T>(items: T[], keys: Set<string>, key: (t: T) => string) => items.filter((i) => keys.has(key(i)));
    const pending = pendingFollowUps();
    const payload: InterventionProjection = {
      interventionId: state.interventionId,
      organisationId: state.organisationId,
      version: state.version,
      summary: {
        status: state.status,
        assigneeId: state.assigneeId,
        closureReason: state.closureReason,
        closureNote: state.closureNote,
        closedAt: state.closedAt,
        lastActivityAt: state.lastActivityAt,
        needsTotal: liveNeeds().length,
        needsCovered: liveNeeds().filter((n) => n.covered).length,
        openFlags: state.flags.filter((f) => !f.resolvedAt).length,
        pendingFollowUps: pending.length,
        overdueFollowUps: pending.filter((f) => f.status === 'overdue').length,
        nextFollowUpAt: pending.map((f) => f.dueAt).sort()[0] ?? null,
      },
      needs: pick(state.needs, changed.needs, (n) => n.code),
      actions: pick(state.actions, changed.actions, (a) => a.id),
      notes: pick(state.notes, changed.notes, (n) => n.id),
      flags: pick(state.flags, changed.flags, (f) => f.id),
      attributes: pick(state.attributes, changed.attributes, (a) => a.key),
      collaborators: pick(state.collaborators, changed.collaborators, (c) => c.userId),
      related: pick(state.related, changed.related, (r) => r.interventionId),
      followUps: pick(state.followUps, changed.followUps, (f) => f.id),
      events: state.history.filter((h) => changed.events.has(h.seq)),
    };
    // Only on change: every upsert is an event in the history.
    if (shown.status !== state.status || shown.assigneeId !== state.assigneeId) {
      upsertSearchAttributes([
        { key: statusKey, value: state.status },
        { key: assigneeKey, value: state.assigneeId },
      ]);
      shown = { status: state.status, assigneeId: state.assigneeId };
    }
    const covered = payload.summary.needsCovered;
    const overdue = payload.summary.overdueFollowUps;
    setCurrentDetails(
      t(TEMPORAL_UI_LOCALE, 'temporal.intervention.details', {
        code: state.code,
        status: `@intervention.status.${state.status}`,
        covered,
        total: payload.summary.needsTotal,
        pending: pending.length,
        overdue: overdue ? t(TEMPORAL_UI_LOCALE, 'temporal.intervention.overdue', { count: overdue }) : '',
      }),
    );
    await tolerateInvalidData(projectIntervention(payload), `intervention ${state.code}`);
  };
  const notice = (n: Omit<InterventionNotice, 'interventionId' | 'organisationId' | 'assigneeId'> & { assigneeId?: string | null }) =>
    sendInterventionNotice({
      interventionId: state.interventionId,
      organisationId: state.organisationId,
      ...n,
      assigneeId: n.assigneeId === undefined ? state.assigneeId : n.assigneeId,
    });

  // ---- validators: they read state only; a refusal never enters history --------------------
  const notClosed = () => {
    if (state.status === 'closed') refuse(E.closed, `Intervention ${state.code} is closed; reopen it to make changes`, { code: state.code });
  };
  const openOnly = (..._args: unknown[]) => notClosed();
  const findNeed = (code: string) => {
    const need = liveNeeds().find((n) => n.code === code);
    if (!need) refuse(E.needNotFound, `Need ${code} is not part of ${state.code}`, { need: code });
    return need;
  };
  const findNote = (id: string, by: string) => {
    const note = state.notes.find((n) => n.id === id && !n.deletedAt);
    if (!note) refuse(E.noteNotFound, `Note ${id} not found`);
    if (note.authorId !== by) refuse(E.notNoteAuthor, 'Only the author can edit or delete a note');
    return note;
  };
  const findFlag = (id: string) => {
    const flag = state.flags.find((f) => f.id === id);
    if (!flag) refuse(E.flagNotFound, `Flag ${id} not found`);
    return flag;
  };
  const findPendingFollowUp = (id: string) => {
    const f = state.followUps.find((x) => x.id === id);
    if (!f) refuse(E.followUpNotFound, `Follow-up ${id} not found`);
    if (!isPendingFollowUp(f.status)) refuse(E.followUpFinished, `The follow-up is already ${f.status}`, { status: f.status, statusLabel: `@intervention.follow_up.${f.status}` });
    return f;
  };
  const unique = (exists: boolean, what: string) => {
    if (exists) refuse(E.duplicate, `${what} already exists`);
  };
  const validateClose = (reason: string | null | undefined) => {
    if (!reason) refuse(E.closureReasonRequired, 'Closing needs a reason');
    const blockers = closeBlockers(state);
    if (blockers.length) {
      // What people wrote (the follow-ups' notes) goes only in the details, which are encrypted
      // payloads; a failure's message is not.
      refuse(E.closeBlocked, `Cannot close ${state.code}: ${blockers.length} pending follow-up(s)`, {
        count: blockers.length,
        list: blockers.map((b) => b.label).join('; '),
        blockers,
      });
    }
  };

  // Recorded before any handler exists: an Update that arrives with the start (a note added
  // right after the assessment) is delivered as soon as its handler is set, after "opened".
  if (!input.carried) {
    touch();
    state.needs.forEach((n) => dirty.needs.add(n.code));
    record('opened', input.openedBy, null, { needs: state.needs.map((n) => n.code), assessmentId: input.assessmentId, assigneeId: state.assigneeId });
  }

  // ---- handlers -----------------------------------------------------------------------------
  setHandler(interventionStateQuery, () => state);

  setUpdateHandler(
    addNeedsUpdate,
    async ({ by, assessmentId, needs }) => {
      const added: string[] = [];
      for (const code of new Set(needs)) {
        const existing = state.needs.find((n) => n.code === code);
        if (existing && !existing.removed) continue;
        const need = { code, covered: false, coveredAt: null, coveredBy: null, note: null, assessmentId, addedAt: now().toISOString(), removed: false };
        if (existing) Object.assign(existing, need);
        else state.needs.push(need);
        dirty.needs.add(code);
        added.push(code);
      }
      if (added.length) record('needs_added', by, null, { needs: added, assessmentId });
      await project();
      return answer();
    },
    { validator: openOnly },
  );

  setUpdateHandler(
    withdrawAssessmentNeedsUpdate,
    async ({ by, assessmentId }) => {
      const withdrawn = state.needs.filter((n) => n.assessmentId === assessmentId && !n.covered && !n.removed);
      for (const n of withdrawn) {
        n.removed = true;
        dirty.needs.add(n.code);
      }
      if (withdrawn.length) record('needs_withdrawn', by, null, { needs: withdrawn.map((n) => n.code), assessmentId });
      await project();
      return answer();
    },
  );

  setUpdateHandler(
    coverNeedUpdate,
    async ({ by, code, note }) => {
      const need = state.needs.find((n) => n.code === code && !n.removed)!;
      Object.assign(need, { covered: true, coveredAt: now().toISOString(), coveredBy: by, note: note ?? null });
      dirty.needs.add(code);
      record('need_covered', by, note ?? null, { need: code });
      const allCovered = liveNeeds().every((n) => n.covered);
      if (allCovered) record('all_needs_covered', null);
      await project();
      // The prompt to close goes to the assignee, or to whoever covered the last need.
      if (allCovered) await notice({ event: 'all_needs_covered', assigneeId: state.assigneeId ?? by });
      return answer();
    },
    {
      validator: ({ code }) => {
        notClosed();
        if (findNeed(code).covered) refuse(E.needAlreadyCovered, `Need ${code} is already covered`, { need: code });
      },
    },
  );

  setUpdateHandler(
    changeStatusUpdate,
    async ({ by, status, reason, note }) => {
      const from = state.status;
      state.status = status;
      if (status === 'closed') {
        state.closureReason = reason ?? null;
        state.closureNote = note ?? null;
        state.closedAt = now().toISOString();
        state.reviewAt = null;
        record('closed', by, note ?? null, { from, reason });
      } else {
        record('status_changed', by, note ?? null, { from, to: status });
      }
      await project();
      return answer();
    },
    {
      validator: ({ status, reason }) => {
        notClosed();
        if (status === state.status) refuse(E.statusUnchanged, `The case is already ${state.status}`, { status: state.status, statusLabel: `@intervention.status.${state.status}` });
        if (!canChangeStatus(state.status, status)) {
          refuse(E.invalidTransition, `Cannot go from ${state.status} to ${status}`, {
            from: state.status,
            to: status,
            fromLabel: `@intervention.status.${state.status}`,
            toLabel: `@intervention.status.${status}`,
          });
        }
        if (status === 'closed') validateClose(reason);
      },
    },
  );

  setUpdateHandler(
    reopenInterventionUpdate,
    async ({ by, note }) => {
      const reason = state.closureReason;
      state.status = 'in_progress';
      state.closureReason = null;
      state.closureNote = null;
      state.closedAt = null;
      record('reopened', by, note ?? null, { previousReason: reason });
      await project();
      return answer();
    },
    {
      validator: (..._args: unknown[]) => {
        if (state.status !== 'closed') refuse(E.notClosed, `Only a closed case can be reopened; ${state.code} is ${state.status}`, {
            status: state.status,
            statusLabel: `@intervention.status.${state.status}`,
          });
      },
    },
  );

  setUpdateHandler(
    assignInterventionUpdate,
    async ({ by, assigneeId }) => {
      if (assigneeId === state.assigneeId) return answer();
      const previous = state.assigneeId;
      state.assigneeId = assigneeId;
      record('assigned', by, null, { from: previous, to: assigneeId });
      await project();
      if (assigneeId && assigneeId !== by) await notice({ event: 'assigned', assigneeId, dedupe: `${state.historySeq}` });
      return answer();
    },
    { validator: openOnly },
  );

  setUpdateHandler(
    recordActionUpdate,
    async ({ by, id, date, kind, description }) => {
      state.actions.push({ id, date, kind, description, authorId: by, createdAt: now().toISOString() });
      dirty.actions.add(id);
      // The first actuación starts the work on a new case.
      if (state.status === 'open') {
        state.status = 'in_progress';
        record('status_changed', by, null, { from: 'open', to: 'in_progress', cause: 'first_action' });
      }
      record('action_recorded', by, null, { actionId: id, kind, date });
      await project();
      return answer();
    },
    {
      validator: ({ id, date }) => {
        notClosed();
        refuseDateOutOfRange('date', date);
        unique(state.actions.some((a) => a.id === id), 'Action');
      },
    },
  );

  setUpdateHandler(
    addNoteUpdate,
    async ({ by, id, body }) => {
      state.notes.push({ id, body, authorId: by, createdAt: now().toISOString(), editedAt: null, deletedAt: null });
      dirty.notes.add(id);
      record('note_added', by, null, { noteId: id });
      await project();
      return answer();
    },
    {
      validator: ({ id }) => {
        notClosed();
        unique(state.notes.some((n) => n.id === id), 'Note');
      },
    },
  );

  setUpdateHandler(
    editNoteUpdate,
    async ({ by, id, body }) => {
      const note = state.notes.find((n) => n.id === id)!;
      note.body = body;
      note.editedAt = now().toISOString();
      dirty.notes.add(id);
      record('note_edited', by, null, { noteId: id });
      await project();
      return answer();
    },
    {
      validator: ({ by, id }) => {
        notClosed();
        findNote(id, by);
      },
    },
  );

  setUpdateHandler(
    deleteNoteUpdate,
    async ({ by, id }) => {
      const note = state.notes.find((n) => n.id === id)!;
      // The text goes away for good; the history keeps that a note was deleted, and by whom.
      note.body = '';
      note.deletedAt = now().toISOString();
      dirty.notes.add(id);
      record('note_deleted', by, null, { noteId: id });
      await project();
      return answer();
    },
    {
      validator: ({ by, id }) => {
        notClosed();
        findNote(id, by);
      },
    },
  );

  setUpdateHandler(
    raiseFlagUpdate,
    async ({ by, id, message }) => {
      state.flags.push({ id, message, raisedBy: by, raisedAt: now().toISOString(), resolvedBy: null, resolvedAt: null, resolution: null });
      dirty.flags.add(id);
      record('flag_raised', by, message, { flagId: id });
      await project();
      return answer();
    },
    {
      validator: ({ id }) => {
        notClosed();
        unique(state.flags.some((f) => f.id === id), 'Flag');
      },
    },
  );

  setUpdateHandler(
    resolveFlagUpdate,
    async ({ by, id, message }) => {
      Object.assign(findFlag(id), { resolvedBy: by, resolvedAt: now().toISOString(), resolution: message });
      dirty.flags.add(id);
      record('flag_resolved', by, message, { flagId: id });
      await project();
      return answer();
    },
    {
      validator: ({ id }) => {
        notClosed();
        if (findFlag(id).resolvedAt) refuse(E.flagResolved, 'The flag is already resolved');
      },
    },
  );

  setUpdateHandler(
    setAttributeUpdate,
    async ({ by, key, value }) => {
      const existing = state.attributes.find((a) => a.key === key);
      const entry = { key, value, updatedBy: by, updatedAt: now().toISOString() };
      if (existing) Object.assign(existing, entry);
      else state.attributes.push(entry);
      dirty.attributes.add(key);
      record(value === null ? 'attribute_removed' : 'attribute_set', by, null, { key, value });
      await project();
      return answer();
    },
    { validator: openOnly },
  );

  setUpdateHandler(
    addCollaboratorUpdate,
    async ({ by, userId, organisationId }) => {
      const existing = state.collaborators.find((c) => c.userId === userId);
      const entry = { userId, organisationId, addedBy: by, addedAt: now().toISOString(), removedAt: null };
      if (existing) Object.assign(existing, entry);
      else state.collaborators.push(entry);
      dirty.collaborators.add(userId);
      record('collaborator_added', by, null, { userId, organisationId });
      await project();
      await notice({ event: 'collaborator_added', assigneeId: userId, dedupe: `${state.historySeq}` });
      return answer();
    },
    {
      validator: ({ userId }) => {
        notClosed();
        if (state.collaborators.some((c) => c.userId === userId && !c.removedAt)) refuse(E.collaboratorExists, 'Already a collaborator');
      },
    },
  );

  setUpdateHandler(
    removeCollaboratorUpdate,
    async ({ by, userId }) => {
      state.collaborators.find((c) => c.userId === userId)!.removedAt = now().toISOString();
      dirty.collaborators.add(userId);
      record('collaborator_removed', by, null, { userId });
      await project();
      return answer();
    },
    {
      validator: ({ userId }) => {
        notClosed();
        if (!state.collaborators.some((c) => c.userId === userId && !c.removedAt)) refuse(E.collaboratorNotFound, 'Not a collaborator');
      },
    },
  );

  setUpdateHandler(
    linkRelatedUpdate,
    async ({ by, interventionId, note }) => {
      const existing = state.related.find((r) => r.interventionId === interventionId);
      const entry = { interventionId, note: note ?? null, addedBy: by, addedAt: now().toISOString(), removedAt: null };
      if (existing) Object.assign(existing, entry);
      else state.related.push(entry);
      dirty.related.add(interventionId);
      record('related_added', by, note ?? null, { interventionId });
      await project();
      return answer();
    },
    {
      validator: ({ interventionId }) => {
        notClosed();
        if (interventionId === state.interventionId) refuse(E.relatedSelf, 'A case cannot be related to itself');
        if (state.related.some((r) => r.interventionId === interventionId && !r.removedAt)) refuse(E.relatedExists, 'Already related');
      },
    },
  );

  setUpdateHandler(
    unlinkRelatedUpdate,
    async ({ by, interventionId }) => {
      state.related.find((r) => r.interventionId === interventionId)!.removedAt = now().toISOString();
      dirty.related.add(interventionId);
      record('related_removed', by, null, { interventionId });
      await project();
      return answer();
    },
    {
      validator: ({ interventionId }) => {
        notClosed();
        if (!state.related.some((r) => r.interventionId === interventionId && !r.removedAt)) refuse(E.relatedNotFound, 'Not related');
      },
    },
  );

  setUpdateHandler(
    scheduleFollowUpUpdate,
    async ({ by, id, dueAt, note, calendar, policy }) => {
      // Each scheduling brings the organisation's current calendar and settings.
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
      dirty.followUps.add(id);
      record('follow_up_scheduled', by, note, { followUpId: id, dueAt: due.toISOString() });
      // Abandoned, not terminated, when this run continues as new: the chase goes on and
      // signals the workflow by id, whichever run is current.
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
        notClosed();
        refuseDateOutOfRange('dueAt', dueAt, true);
        unique(state.followUps.some((f) => f.id === id), 'Follow-up');
      },
    },
  );

  const finishFollowUp = async (id: string, status: 'completed' | 'cancelled', by: string, outcome: string | null, notes: string | null) => {
    const f = state.followUps.find((x) => x.id === id)!;
    Object.assign(f, { status, outcome, outcomeNotes: notes, finishedBy: by, finishedAt: now().toISOString() });
    dirty.followUps.add(id);
    record(status === 'completed' ? 'follow_up_completed' : 'follow_up_cancelled', by, status === 'completed' ? notes : outcome, {
      followUpId: id,
      ...(status === 'completed' ? { outcome } : {}),
    });
    await project();
    try {
      await getExternalWorkflowHandle(followUpWorkflowId(id)).signal(stopFollowUpSignal, { reason: status });
    } catch {
      // The chase had already run its course: nothing left to stop.
    }
    return answer();
  };
  setUpdateHandler(completeFollowUpUpdate, ({ by, id, outcome, notes }) => finishFollowUp(id, 'completed', by, outcome, notes ?? null), {
    validator: ({ id }) => {
      notClosed();
      findPendingFollowUp(id);
    },
  });
  setUpdateHandler(cancelFollowUpUpdate, ({ by, id, reason }) => finishFollowUp(id, 'cancelled', by, reason ?? null, null), {
    validator: ({ id }) => {
      notClosed();
      findPendingFollowUp(id);
    },
  });

  setHandler(followUpTimerSignal, (event) => {
    timerEvents.push(event);
  });

  /** A follow-up's timer fired: update it, record it, and tell the people concerned. */
  const handleTimer = async (event: FollowUpTimerEvent) => {
    const f = state.followUps.find((x) => x.id === event.followUpId);
    // Completed or cancelled meanwhile: the stop signal crossed the timer.
    if (!f || !isPendingFollowUp(f.status)) return;
    f.status = event.stage === 'due' ? 'due' : 'overdue';
    f.chases = event.chase;
    f.overdueAt = event.overdueAt;
    dirty.followUps.add(f.id);
    const action: HistoryAction = event.stage === 'due' ? 'follow_up_due' : event.stage === 'overdue' ? 'follow_up_overdue' : 'follow_up_chased';
    record(action, null, null, { followUpId: f.id, chase: event.chase, dueAt: f.dueAt });
    await project();
    const reminded = state.assigneeId ?? f.createdBy;
    await notice({
      event: event.stage === 'due' ? 'follow_up_due' : event.stage === 'overdue' ? 'follow_up_overdue' : 'follow_up_chased',
      assigneeId: reminded,
      followUpId: f.id,
      dueAt: f.dueAt,
      chase: event.chase,
      maxChases: state.policy.maxChases,
      dedupe: `${f.id}:${event.stage}:${event.chase}`,
    });
  };

  // ---- the case's life ----------------------------------------------------------------------
  const continueAsNewDue = () =>
    workflowInfo().continueAsNewSuggested ||
    (input.continueAsNewAfterEvents !== undefined && workflowInfo().historyLength >= input.continueAsNewAfterEvents);

  if (!input.carried) await project();

  let archived = false;
  for (;;) {
    if (timerEvents.length) {
      await handleTimer(timerEvents.shift()!);
      continue;
    }
    if (continueAsNewDue()) break;
    if (state.status === 'closed') {
      const closedAt = new Date(state.closedAt!);
      const seen = state.version;
      const woke = await condition(
        () => state.status !== 'closed' || state.version !== seen || timerEvents.length > 0 || continueAsNewDue(),
        msUntil(addCalendarDays(closedAt, CLOSED_RETENTION_DAYS, state.calendar.timezone)),
      );
      if (!woke && state.status === 'closed') {
        archived = true;
        break;
      }
      continue;
    }
    const reviewAt = state.reviewAt ? new Date(state.reviewAt) : nextReview(new Date(state.lastActivityAt));
    const seenReview = state.reviewAt;
    const woke = await condition(
      () => state.status === 'closed' || state.reviewAt !== seenReview || timerEvents.length > 0 || continueAsNewDue(),
      msUntil(reviewAt),
    );
    if (woke) continue;
    // Nobody touched the case for N days: ask the assignee to review it, then again N days on.
    state.reviewAt = nextReview(now()).toISOString();
    record('inactivity_reminder', null, null, { since: state.lastActivityAt, days: state.policy.inactivityReviewDays });
    await project();
    await notice({ event: 'inactivity', days: state.policy.inactivityReviewDays, dedupe: `${state.historySeq}` });
  }

  await condition(allHandlersFinished);
  if (archived) {
    record('archived', null);
    await project();
    return state;
  }
  log.info('continuing as new', { historyLength: workflowInfo().historyLength });
  const continueAsNew = makeContinueAsNewFunc<typeof interventionWorkflow>({
    typedSearchAttributes: workflowInfo().typedSearchAttributes,
  });
  // Timer signals not handled yet travel with the state, so none is lost in the hand-over.
  return continueAsNew({ ...input, needs: [], carried: state, carriedTimerEvents: timerEvents.splice(0) });
}
