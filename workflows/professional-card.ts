// A professional card's expiry reminder: a timer, not a nightly sweep. The workflow sleeps until
// `reminderDays` before the expiry (09:00 in the organisation's zone; at once when recorded later
// than that), then reminds the professional in the app and by email, and ends. Editing the expiry
// moves the timer (Update); deleting the card ends the workflow without a reminder.
import { allHandlersFinished, condition, proxyActivities, setCurrentDetails, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { createProfessionalCardActivities } from '../activities/professional-card.activities';
import { cardReminderAt } from '../domain/employment-cv';
import { TEMPORAL_UI_LOCALE, t } from '../domain/i18n';
import {
  professionalCardStateQuery,
  removeProfessionalCardUpdate,
  setProfessionalCardExpiryUpdate,
  type ProfessionalCardInput,
  type ProfessionalCardState,
} from './professional-card.definitions';
import { assigneeKey, statusKey } from './search-attributes';
import { msUntil, now, refuse, refuseDateOutOfRange, setUpdateHandler } from './shared';

type Activities = ReturnType<typeof createProfessionalCardActivities>;
const { remindProfessionalCardExpiry } = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1s', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['invalid_data'] },
});

export async function professionalCardWorkflow(input: ProfessionalCardInput): Promise<ProfessionalCardState> {
  const plannedAt = (expiresOn: string, days: number, timezone: string) => {
    const at = cardReminderAt(expiresOn, days, timezone);
    return (at.getTime() > now().getTime() ? at : now()).toISOString();
  };
  const state: ProfessionalCardState = {
    personCardId: input.personCardId,
    expiresOn: input.expiresOn,
    reminderDays: input.reminderDays,
    timezone: input.timezone,
    professionalId: input.professionalId,
    status: 'waiting',
    reminderAt: plannedAt(input.expiresOn, input.reminderDays, input.timezone),
    remindedAt: null,
    history: [{ at: now().toISOString(), by: input.professionalId, action: 'planned', expiresOn: input.expiresOn }],
    version: 0,
  };
  let shownProfessional = input.professionalId;
  const show = () => {
    upsertSearchAttributes([{ key: statusKey, value: state.status }]);
    if (shownProfessional !== state.professionalId) {
      upsertSearchAttributes([{ key: assigneeKey, value: state.professionalId }]);
      shownProfessional = state.professionalId;
    }
    setCurrentDetails(t(TEMPORAL_UI_LOCALE, 'temporal.professional_card.details', { status: state.status, expiresOn: state.expiresOn, reminderAt: state.reminderAt }));
  };
  const answer = () => ({ status: state.status, reminderAt: state.reminderAt });
  const stillWaiting = () => {
    if (state.status !== 'waiting') refuse('professional_card_closed', `The card's reminder is already ${state.status}`, { status: state.status });
  };

  setHandler(professionalCardStateQuery, () => state);
  setUpdateHandler(
    setProfessionalCardExpiryUpdate,
    ({ by, expiresOn, reminderDays, timezone, professionalId }) => {
      Object.assign(state, { expiresOn, reminderDays, timezone, professionalId });
      state.reminderAt = plannedAt(expiresOn, reminderDays, timezone);
      state.history.push({ at: now().toISOString(), by, action: 'moved', expiresOn });
      state.version++;
      show();
      return answer();
    },
    {
      validator: ({ expiresOn, reminderDays }) => {
        stillWaiting();
        // An expired card may be recorded (reminded at once), so any sane date, not only planned ones.
        refuseDateOutOfRange('expiresOn', expiresOn);
        if (!Number.isInteger(reminderDays) || reminderDays < 0) refuse('invalid_input', 'reminderDays must be a whole number of days', { fields: [{ path: 'reminderDays', code: 'invalid' }] });
      },
    },
  );
  setUpdateHandler(
    removeProfessionalCardUpdate,
    ({ by }) => {
      state.status = 'removed';
      state.history.push({ at: now().toISOString(), by, action: 'removed', expiresOn: state.expiresOn });
      state.version++;
      show();
      return answer();
    },
    { validator: () => stillWaiting() },
  );

  show();
  while (state.status === 'waiting') {
    const seen = state.version;
    if (await condition(() => state.version !== seen, msUntil(new Date(state.reminderAt)))) continue;
    state.status = 'reminded';
    state.remindedAt = now().toISOString();
    state.history.push({ at: state.remindedAt, by: null, action: 'reminded', expiresOn: state.expiresOn });
    state.version++;
    show();
    await remindProfessionalCardExpiry({
      personCardId: state.personCardId,
      organisationId: input.organisationId,
      personId: input.personId,
      professionalId: state.professionalId,
      expiresOn: state.expiresOn,
      dedupe: state.expiresOn,
    });
  }
  await condition(allHandlersFinished);
  return state;
}
