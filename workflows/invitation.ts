// Invitation of a new user: email with a single-use link, a reminder after 3 working days,
// expiry after 7 days. Accepting, cancelling and resending are Updates validated here.
import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createInvitationActivities } from '../activities/invitation.activities';
import { TEMPORAL_UI_LOCALE, t } from '../domain/i18n';
import { addCalendarDays, addWorkingDays } from '../domain/working-days';
import {
  acceptInvitationUpdate,
  cancelInvitationUpdate,
  INVITATION_EXPIRES_AFTER_DAYS,
  INVITATION_REMINDER_AFTER_WORKING_DAYS,
  invitationErrors,
  invitationStateQuery,
  resendInvitationUpdate,
  type InvitationInput,
  type InvitationHistoryEntry,
  type InvitationState,
} from './invitation.definitions';
import { msUntil, now, refuse, setUpdateHandler } from './shared';
import { statusKey } from './search-attributes';

const activities = proxyActivities<ReturnType<typeof createInvitationActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2s', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['invitation_gone'] },
});

export async function invitationWorkflow(input: InvitationInput): Promise<InvitationState> {
  const calendar = { timezone: input.timezone, holidays: input.holidays };
  let cycle = 0;
  let reminderDue = true;
  const state: InvitationState = {
    invitationId: input.invitationId,
    status: 'pending',
    expiresAt: '',
    reminderAt: null,
    remindersSent: 0,
    lastSentAt: null,
    history: [],
    version: 0,
  };

  /** A (re)sent invitation gets a fresh 7-day life and a fresh reminder. */
  const startCycle = (action: InvitationHistoryEntry['action'], by?: string) => {
    const at = now();
    cycle++;
    reminderDue = true;
    state.expiresAt = addCalendarDays(at, INVITATION_EXPIRES_AFTER_DAYS, input.timezone).toISOString();
    state.reminderAt = addWorkingDays(at, INVITATION_REMINDER_AFTER_WORKING_DAYS, calendar).toISOString();
    state.lastSentAt = at.toISOString();
    record(action, by);
  };
  const record = (action: InvitationHistoryEntry['action'], by?: string) => {
    state.history.push({ at: now().toISOString(), action, by });
    state.version++;
  };
  const project = async () => {
    upsertSearchAttributes([{ key: statusKey, value: state.status }]);
    setCurrentDetails(t(TEMPORAL_UI_LOCALE, 'temporal.invitation.details', { status: state.status, expiresAt: state.expiresAt }));
    await activities.projectInvitation({
      invitationId: state.invitationId,
      status: state.status,
      expiresAt: state.expiresAt,
      remindersSent: state.remindersSent,
      lastSentAt: state.lastSentAt,
      version: state.version,
    });
  };
  const requirePending = (..._args: unknown[]) => {
    if (state.status !== 'pending') {
      refuse(invitationErrors.notPending, `The invitation is ${state.status}`, { status: state.status });
    }
  };

  // Sent before any handler exists: an Update that arrives with the start (a cancel or a resend
  // right after inviting) is delivered as soon as its handler is set, and must come after it.
  startCycle('sent', input.invitedBy);

  setHandler(invitationStateQuery, () => state);
  setUpdateHandler(
    acceptInvitationUpdate,
    async ({ userId }) => {
      state.status = 'accepted';
      record('accepted', userId);
      await activities.activateInvitedUser({ invitationId: input.invitationId });
      await project();
      return state;
    },
    { validator: requirePending },
  );
  setUpdateHandler(
    cancelInvitationUpdate,
    async ({ by }) => {
      state.status = 'cancelled';
      record('cancelled', by);
      await project();
      return state;
    },
    { validator: requirePending },
  );
  setUpdateHandler(
    resendInvitationUpdate,
    async ({ by }) => {
      startCycle('resent', by);
      await activities.sendInvitationMail({ invitationId: input.invitationId, kind: 'invitation' });
      await project();
      return state;
    },
    { validator: requirePending },
  );

  // A cancel that arrived with the start has already run: no mail for a cancelled invitation.
  if (state.status === 'pending') await activities.sendInvitationMail({ invitationId: input.invitationId, kind: 'invitation' });
  await project();

  while (state.status === 'pending') {
    const seenCycle = cycle;
    const remindNext = reminderDue && state.reminderAt !== null && state.reminderAt < state.expiresAt;
    const nextAt = new Date(remindNext ? state.reminderAt! : state.expiresAt);
    const interrupted = await condition(() => state.status !== 'pending' || cycle !== seenCycle, msUntil(nextAt));
    if (interrupted) continue;
    if (remindNext) {
      reminderDue = false;
      state.remindersSent++;
      record('reminded');
      await activities.sendInvitationMail({ invitationId: input.invitationId, kind: 'reminder' });
      await project();
    } else {
      state.status = 'expired';
      record('expired');
      await project();
    }
  }
  await condition(allHandlersFinished);
  return state;
}
