// One official communication of the electronic window, from draft to processed: signatures
// (one signer, a cascade or in parallel), delivery to the recipient unit, reception,
// forwarding, processing or closing, and the reminders that chase each pending step.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyLocalActivities,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createVentanillaActivities } from '../activities/ventanilla.activities';
import { refusalFor, isFinalStatus, MAX_ATTACHMENTS, type CommunicationAction } from '../domain/ventanilla';
import { TEMPORAL_UI_LOCALE, t } from '../domain/i18n';
import { addWorkingDays } from '../domain/working-days';
import {
  addCommunicationAttachmentUpdate,
  closeCommunicationUpdate,
  communicationStateQuery,
  DEFAULT_PROCESSING_WORKING_DAYS,
  editCommunicationUpdate,
  forwardCommunicationUpdate,
  processCommunicationUpdate,
  PROCESSING_REMINDERS_MAX,
  receiveCommunicationUpdate,
  RECEPTION_REMINDER_AFTER_WORKING_DAYS,
  RECEPTION_REMINDERS_MAX,
  rejectCommunicationUpdate,
  removeCommunicationAttachmentUpdate,
  SIGNATURE_REMINDER_AFTER_WORKING_DAYS,
  SIGNATURE_REMINDER_REPEAT_WORKING_DAYS,
  SIGNATURE_REMINDERS_MAX,
  signCommunicationUpdate,
  submitCommunicationUpdate,
  withdrawCommunicationUpdate,
  type CommunicationActor,
  type CommunicationEvent,
  type CommunicationState,
  type SignerChoice,
  type VentanillaInput,
} from './ventanilla.definitions';
import { assigneeKey, statusKey } from './search-attributes';
import { projectionRunner, tolerateInvalidData } from './projection-order';
import { msUntil, now, refuse, setUpdateHandler } from './shared';

type Activities = ReturnType<typeof createVentanillaActivities>;

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumInterval: '1 minute', nonRetryableErrorTypes: ['communication_gone'] },
});
// Notices are a few inserts and one SMTP attempt (the outbox retries the rest): a short timeout
// lets one interrupted by a worker crash be retried within seconds.
const notices = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1 minute', nonRetryableErrorTypes: ['communication_gone'] },
});
const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1s', maximumInterval: '1 minute', nonRetryableErrorTypes: ['communication_gone'] },
});

// Versions of this workflow's code (running communications replay the code they started with).
const LOCAL_PROJECTION_PATCH = 'ventanilla-local-projection';

export function initialCommunicationState(input: VentanillaInput): CommunicationState {
  return {
    communicationId: input.communicationId,
    status: 'draft',
    authorId: input.authorId,
    recipientUnitId: input.recipientUnitId,
    currentUnitId: input.recipientUnitId,
    unitChain: [],
    subject: input.subject,
    body: input.body,
    attachments: [],
    signingMode: null,
    signers: [],
    round: 0,
    submittedAt: null,
    signedAt: null,
    deliveredAt: null,
    receivedAt: null,
    finishedAt: null,
    verificationCode: null,
    pdfSha256: null,
    observations: null,
    closeReason: null,
    forwards: [],
    receptionReminderAt: null,
    receptionRemindersSent: 0,
    processingWorkingDays: DEFAULT_PROCESSING_WORKING_DAYS,
    processingReminderAt: null,
    processingRemindersSent: 0,
    history: [],
    version: 0,
  };
}

type Reminder =
  | { kind: 'signature'; at: string; signerId: string }
  | { kind: 'reception'; at: string }
  | { kind: 'processing'; at: string };

/** The earliest reminder due in the current state, if any. */
export function nextReminder(state: CommunicationState): Reminder | null {
  const due: Reminder[] = [];
  if (state.status === 'awaiting_signature') {
    for (const s of state.signers) {
      if (s.status === 'pending' && s.nextReminderAt) due.push({ kind: 'signature', at: s.nextReminderAt, signerId: s.userId });
    }
  }
  if (state.status === 'pending_reception' && state.receptionReminderAt) due.push({ kind: 'reception', at: state.receptionReminderAt });
  if (state.status === 'received' && state.processingReminderAt) due.push({ kind: 'processing', at: state.processingReminderAt });
  due.sort((a, b) => a.at.localeCompare(b.at));
  return due[0] ?? null;
}

export async function ventanillaWorkflow(input: VentanillaInput): Promise<CommunicationState> {
  const calendar = { timezone: input.timezone, holidays: input.holidays };
  const state: CommunicationState = input.state ?? initialCommunicationState(input);
  const link = `/ventanilla/${state.communicationId}`;

  const record = (
    action: CommunicationEvent['action'],
    actor: { userId: string; name: string } | null,
    note: string | null = null,
    details?: CommunicationEvent['details'],
  ) => {
    state.version++;
    state.history.push({
      seq: state.history.length + 1,
      at: now().toISOString(),
      action,
      actorId: actor?.userId ?? null,
      actorName: actor?.name ?? null,
      note,
      ...(details ? { details } : {}),
    });
  };
  const workingDaysFrom = (from: Date, days: number) => addWorkingDays(from, days, calendar).toISOString();

  const runProjection = projectionRunner();
  const project = () => runProjection(projectState);
  /** Search attributes, the Temporal UI's one-line summary and the Postgres projection. */
  const projectState = async () => {
    const pendingSigner = state.signers.find((s) => s.status === 'pending');
    const assignee =
      state.status === 'draft' ? state.authorId
      : state.status === 'awaiting_signature' ? (pendingSigner?.userId ?? null)
      : isFinalStatus(state.status) ? null
      : state.currentUnitId;
    upsertSearchAttributes([
      { key: statusKey, value: state.status },
      { key: assigneeKey, value: assignee },
    ]);
    const signed = state.signers.filter((s) => s.status === 'signed').length;
    // No subject here: it may name a person, and the Temporal UI is not access-controlled per case.
    setCurrentDetails(
      t(TEMPORAL_UI_LOCALE, 'temporal.communication.details', {
        registryNumber: input.registryNumber,
        status: state.status,
        signatures: state.signers.length ? t(TEMPORAL_UI_LOCALE, 'temporal.communication.signatures', { signed, total: state.signers.length, mode: String(state.signingMode) }) : '',
        forwards: state.forwards.length ? t(TEMPORAL_UI_LOCALE, 'temporal.communication.forwards', { count: state.forwards.length }) : '',
      }),
    );
    // A local activity saves the server round trips of a regular one on every transition.
    const what = `communication ${input.registryNumber}`;
    if (patched(LOCAL_PROJECTION_PATCH)) await tolerateInvalidData(local.projectCommunication({ state }), what);
    else await tolerateInvalidData(activities.projectCommunication({ state }), what);
  };

  const notify = (
    event: string,
    to: { userIds?: string[]; unitId?: string },
    options: { email?: boolean; params?: Record<string, string | number> } = {},
  ) =>
    notices.notifyCommunication({
      communicationId: state.communicationId,
      event,
      ...to,
      email: options.email ?? true,
      params: options.params,
      link,
      // One notification per event of this version: a retried activity does not notify twice.
      dedupeKey: `ventanilla:${state.communicationId}:${event}:${state.version}`,
    });

  /** Validators read only workflow state, so a refusal never enters the history. */
  const check = (action: CommunicationAction, actor: CommunicationActor) => {
    const refusal = refusalFor(action, state, actor);
    if (refusal) refuse(refusal.code, refusal.message, refusal.details);
  };
  const requireText = (value: string | undefined | null, code: string, field: string) => {
    if (!value || !value.trim()) refuse(code, `${field} is required`);
  };

  const requestSignature = (userId: string) => {
    const signer = state.signers.find((s) => s.userId === userId)!;
    const at = now();
    signer.status = 'pending';
    signer.requestedAt = at.toISOString();
    signer.nextReminderAt = workingDaysFrom(at, SIGNATURE_REMINDER_AFTER_WORKING_DAYS);
  };
  /** The round is over: nobody still waiting has anything to sign, and no reminder is due. */
  const cancelOpenSignatures = () => {
    for (const s of state.signers) {
      if (s.status === 'pending' || s.status === 'waiting') s.status = 'cancelled';
      s.nextReminderAt = null;
    }
  };
  const deliverTo = (unitId: string) => {
    const at = now();
    state.status = 'pending_reception';
    state.currentUnitId = unitId;
    state.unitChain.push(unitId);
    state.deliveredAt = at.toISOString();
    state.receivedAt = null;
    state.receptionRemindersSent = 0;
    state.receptionReminderAt = workingDaysFrom(at, RECEPTION_REMINDER_AFTER_WORKING_DAYS);
    state.processingReminderAt = null;
    state.processingRemindersSent = 0;
  };

  // Recorded before any handler exists: an Update that arrives with the start (create and submit
  // at once) is delivered as soon as its handler is set, and must come after "created".
  if (!input.state) {
    record('created', { userId: input.authorId, name: input.authorName }, null, input.followUpOf ? { followUpOf: input.followUpOf } : undefined);
  }

  setHandler(communicationStateQuery, () => state);

  setUpdateHandler(
    editCommunicationUpdate,
    async ({ actor, recipientUnitId, subject, body }) => {
      if (recipientUnitId !== undefined) {
        state.recipientUnitId = recipientUnitId;
        state.currentUnitId = recipientUnitId;
      }
      if (subject !== undefined) state.subject = subject;
      if (body !== undefined) state.body = body;
      state.version++;
      await project();
      return state;
    },
    {
      validator: ({ actor, subject, body }) => {
        check('edit', actor);
        if (subject !== undefined) requireText(subject, 'subject_required', 'subject');
        if (body !== undefined) requireText(body, 'body_required', 'body');
      },
    },
  );

  setUpdateHandler(
    addCommunicationAttachmentUpdate,
    async ({ attachment }) => {
      state.attachments.push(attachment);
      state.version++;
      await project();
      return state;
    },
    {
      validator: ({ actor, attachment }) => {
        check('edit', actor);
        if (state.attachments.length >= MAX_ATTACHMENTS) refuse('too_many_attachments', `At most ${MAX_ATTACHMENTS} attachments`, { max: MAX_ATTACHMENTS });
        if (state.attachments.some((a) => a.id === attachment.id)) refuse('attachment_exists', 'The attachment is already there');
      },
    },
  );

  setUpdateHandler(
    removeCommunicationAttachmentUpdate,
    async ({ attachmentId }) => {
      state.attachments = state.attachments.filter((a) => a.id !== attachmentId);
      state.version++;
      await project();
      return state;
    },
    {
      validator: ({ actor, attachmentId }) => {
        check('edit', actor);
        if (!state.attachments.some((a) => a.id === attachmentId)) refuse('attachment_not_found', 'No such attachment');
      },
    },
  );

  setUpdateHandler(
    submitCommunicationUpdate,
    async ({ actor, signers, mode }) => {
      state.status = 'awaiting_signature';
      state.round++;
      state.signingMode = mode;
      state.submittedAt = now().toISOString();
      state.signers = signers.map((s) => ({
        userId: s.userId,
        name: s.name,
        role: s.role,
        status: 'waiting',
        requestedAt: null,
        signedAt: null,
        rejectedAt: null,
        reason: null,
        remindersSent: 0,
        nextReminderAt: null,
      }));
      const first = mode === 'parallel' ? state.signers : state.signers.slice(0, 1);
      first.forEach((s) => requestSignature(s.userId));
      record('submitted', actor, null, { mode, signers: signers.map((s) => s.name).join(', ') });
      await project();
      await notify('signature_requested', { userIds: first.map((s) => s.userId) });
      return state;
    },
    {
      validator: ({ actor, signers, mode }) => {
        check('submit', actor);
        if (!state.subject.trim() || !state.body.trim()) refuse('communication_incomplete', 'Subject and body are required before submitting');
        if (!signers.length) refuse('signers_required', 'At least one signer is required');
        if (new Set(signers.map((s: SignerChoice) => s.userId)).size !== signers.length) refuse('signers_repeated', 'A signer is listed twice');
        if (signers.some((s: SignerChoice) => s.userId === state.authorId)) refuse('forbidden_author_cannot_sign', 'The author cannot sign their own communication');
        if (mode !== 'sequential' && mode !== 'parallel') refuse('invalid_signing_mode', 'mode must be sequential or parallel');
      },
    },
  );

  setUpdateHandler(
    withdrawCommunicationUpdate,
    async ({ actor }) => {
      const pending = state.signers.filter((s) => s.status === 'pending').map((s) => s.userId);
      state.status = 'draft';
      cancelOpenSignatures();
      record('withdrawn', actor);
      await project();
      await notify('withdrawn', { userIds: pending }, { email: false });
      return state;
    },
    { validator: ({ actor }) => check('withdraw', actor) },
  );

  setUpdateHandler(
    signCommunicationUpdate,
    async ({ actor }) => {
      const signer = state.signers.find((s) => s.userId === actor.userId)!;
      signer.status = 'signed';
      signer.signedAt = now().toISOString();
      signer.nextReminderAt = null;
      record('signed', actor, null, { position: state.signers.indexOf(signer) + 1, of: state.signers.length });
      // Decided before any await: of two parallel signatures arriving together exactly one
      // sees every signer signed, and only that one produces the document.
      const complete = state.signers.every((s) => s.status === 'signed');
      const next = complete || state.signingMode === 'parallel' ? undefined : state.signers.find((s) => s.status === 'waiting');
      if (next) requestSignature(next.userId);
      if (!complete) {
        await project();
        if (next) await notify('signature_requested', { userIds: [next.userId] });
        return state;
      }
      await project();
      const document = await activities.produceSignedDocument({
        communicationId: state.communicationId,
        round: state.round,
        registryNumber: input.registryNumber,
        subject: state.subject,
        body: state.body,
        attachments: state.attachments,
        recipientUnitId: state.recipientUnitId,
        signers: state.signers.map((s) => ({ userId: s.userId, name: s.name, role: s.role, signedAt: s.signedAt! })),
      });
      state.signedAt = signer.signedAt;
      state.verificationCode = document.verificationCode;
      state.pdfSha256 = document.sha256;
      deliverTo(state.recipientUnitId);
      record('delivered', null, null, { unitId: state.currentUnitId, verificationCode: document.verificationCode });
      await project();
      await notify('delivered', { unitId: state.currentUnitId });
      await notify('signed', { userIds: [state.authorId] }, { email: false });
      return state;
    },
    { validator: ({ actor }) => check('sign', actor) },
  );

  setUpdateHandler(
    rejectCommunicationUpdate,
    async ({ actor, reason }) => {
      const signer = state.signers.find((s) => s.userId === actor.userId)!;
      signer.status = 'rejected';
      signer.rejectedAt = now().toISOString();
      signer.reason = reason;
      const others = state.signers.filter((s) => s.status === 'pending' && s.userId !== actor.userId).map((s) => s.userId);
      cancelOpenSignatures();
      state.status = 'draft';
      record('rejected', actor, reason);
      await project();
      await notify('rejected', { userIds: [state.authorId] }, { params: { by: actor.name, reason } });
      if (others.length) await notify('withdrawn', { userIds: others }, { email: false });
      return state;
    },
    {
      validator: ({ actor, reason }) => {
        check('reject', actor);
        requireText(reason, 'reason_required', 'reason');
      },
    },
  );

  setUpdateHandler(
    receiveCommunicationUpdate,
    async ({ actor, processingWorkingDays }) => {
      const at = now();
      state.status = 'received';
      state.receivedAt = at.toISOString();
      state.receptionReminderAt = null;
      state.processingWorkingDays = processingWorkingDays ?? DEFAULT_PROCESSING_WORKING_DAYS;
      state.processingReminderAt = workingDaysFrom(at, state.processingWorkingDays);
      record('received', actor, null, { unitId: state.currentUnitId });
      await project();
      await notify('received', { userIds: [state.authorId] }, { email: false });
      return state;
    },
    { validator: ({ actor }) => check('receive', actor) },
  );

  setUpdateHandler(
    forwardCommunicationUpdate,
    async ({ actor, unitId, note }) => {
      const from = state.currentUnitId;
      state.forwards.push({ fromUnitId: from, toUnitId: unitId, at: now().toISOString(), byId: actor.userId, note: note ?? null });
      deliverTo(unitId);
      record('forwarded', actor, note ?? null, { fromUnitId: from, toUnitId: unitId });
      await project();
      await notify('delivered', { unitId });
      await notify('forwarded', { userIds: [state.authorId] }, { email: false });
      return state;
    },
    {
      validator: ({ actor, unitId }) => {
        check('forward', actor);
        if (!unitId || unitId === state.currentUnitId) refuse('forward_same_unit', 'Forward it to a different unit');
      },
    },
  );

  setUpdateHandler(
    processCommunicationUpdate,
    async ({ actor, observations }) => {
      state.status = 'processed';
      state.observations = observations;
      state.finishedAt = now().toISOString();
      state.processingReminderAt = null;
      record('processed', actor, observations);
      await project();
      await notify('processed', { userIds: [state.authorId] });
      return state;
    },
    {
      validator: ({ actor, observations }) => {
        check('process', actor);
        requireText(observations, 'observations_required', 'observations');
      },
    },
  );

  setUpdateHandler(
    closeCommunicationUpdate,
    async ({ actor, reason }) => {
      state.status = 'closed_unprocessed';
      state.closeReason = reason;
      state.observations = reason;
      state.finishedAt = now().toISOString();
      state.processingReminderAt = null;
      record('closed_unprocessed', actor, reason);
      await project();
      await notify('closed_unprocessed', { userIds: [state.authorId] });
      return state;
    },
    {
      validator: ({ actor, reason }) => {
        check('close', actor);
        requireText(reason, 'reason_required', 'reason');
      },
    },
  );

  const sendReminder = async (reminder: Reminder) => {
    // The next one counts from when this one was due, not when its timer fired: no drift.
    const at = new Date(reminder.at);
    if (reminder.kind === 'signature') {
      const signer = state.signers.find((s) => s.userId === reminder.signerId)!;
      signer.remindersSent++;
      signer.nextReminderAt =
        signer.remindersSent < SIGNATURE_REMINDERS_MAX ? workingDaysFrom(at, SIGNATURE_REMINDER_REPEAT_WORKING_DAYS) : null;
      record('signature_reminded', null, null, { signerId: signer.userId, count: signer.remindersSent });
      await project();
      await notify('signature_reminder', { userIds: [signer.userId] }, { params: { count: signer.remindersSent } });
    } else if (reminder.kind === 'reception') {
      state.receptionRemindersSent++;
      state.receptionReminderAt =
        state.receptionRemindersSent < RECEPTION_REMINDERS_MAX ? workingDaysFrom(at, RECEPTION_REMINDER_AFTER_WORKING_DAYS) : null;
      record('reception_reminded', null, null, { unitId: state.currentUnitId, count: state.receptionRemindersSent });
      await project();
      await notify('reception_reminder', { unitId: state.currentUnitId });
      await notify('reception_overdue', { userIds: [state.authorId] });
    } else {
      state.processingRemindersSent++;
      state.processingReminderAt =
        state.processingRemindersSent < PROCESSING_REMINDERS_MAX ? workingDaysFrom(at, state.processingWorkingDays) : null;
      record('processing_reminded', null, null, { unitId: state.currentUnitId, count: state.processingRemindersSent });
      await project();
      await notify('processing_reminder', { unitId: state.currentUnitId });
    }
  };

  if (!input.state) await project();

  while (!isFinalStatus(state.status)) {
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      // A handler may have finished the communication while we drained.
      if (isFinalStatus(state.status)) break;
      await continueAsNew<typeof ventanillaWorkflow>({ ...input, state });
    }
    const seen = state.version;
    const woken = () => state.version !== seen;
    const reminder = nextReminder(state);
    if (!reminder) {
      await condition(woken);
      continue;
    }
    const changed = await condition(woken, msUntil(new Date(reminder.at)));
    if (!changed) await sendReminder(reminder);
  }
  await condition(allHandlersFinished);
  return state;
}
