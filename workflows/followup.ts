// A follow-up (seguimiento) chased on business time: at the due time its owner reminds the
// assignee; after the grace period (working days) it is overdue and the owner escalates; then
// it is chased at an interval, a capped number of times. Stopping (completed or cancelled)
// ends it at once. Only timers and signals: the owner does the notifying and keeps the status.
import {
  condition,
  getExternalWorkflowHandle,
  log,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { TEMPORAL_UI_LOCALE, t } from '../domain/i18n';
import { addWorkingDays } from '../domain/working-days';
import {
  followUpTimerSignal,
  followUpTimerStateQuery,
  stopFollowUpSignal,
  type FollowUpInput,
  type FollowUpTimerStage,
  type FollowUpTimerState,
} from './followup.definitions';
import { statusKey } from './search-attributes';
import { msUntil } from './shared';

export async function followUpWorkflow(input: FollowUpInput): Promise<FollowUpTimerState> {
  const due = new Date(input.dueAt);
  const overdueAt = addWorkingDays(due, input.graceWorkingDays, input.calendar);
  const state: FollowUpTimerState = {
    followUpId: input.followUpId,
    stage: 'scheduled',
    dueAt: due.toISOString(),
    overdueAt: overdueAt.toISOString(),
    nextAt: due.toISOString(),
    chases: 0,
  };
  let stopped = false;

  setHandler(followUpTimerStateQuery, () => state);
  setHandler(stopFollowUpSignal, () => {
    stopped = true;
  });

  const show = () => {
    upsertSearchAttributes([{ key: statusKey, value: state.stage }]);
    setCurrentDetails(t(TEMPORAL_UI_LOCALE, 'temporal.follow_up.details', { code: input.ownerKey, stage: state.stage, nextAt: state.nextAt ?? '—' }));
  };
  /** Waits until `at` unless stopped first; true when the time came. */
  const reached = async (at: Date) => !(await condition(() => stopped, msUntil(at)));
  /** Tells the owner; false when the owner is gone (deleted case), which ends the chase. */
  const tell = async (stage: FollowUpTimerStage, nextAt: Date | null): Promise<boolean> => {
    state.stage = stage;
    state.nextAt = nextAt?.toISOString() ?? null;
    show();
    try {
      await getExternalWorkflowHandle(input.ownerWorkflowId).signal(followUpTimerSignal, {
        followUpId: input.followUpId,
        stage,
        chase: state.chases,
        nextAt: state.nextAt,
        overdueAt: state.overdueAt,
      });
      return true;
    } catch (err) {
      log.warn('follow-up owner not reachable; stopping', { owner: input.ownerWorkflowId, error: String(err) });
      return false;
    }
  };

  show();
  let ok = (await reached(due)) && (await tell('due', overdueAt));
  let at = overdueAt;
  while (ok && state.chases < input.maxChases && (await reached(at))) {
    state.chases++;
    const next = state.chases < input.maxChases ? addWorkingDays(at, input.chaseIntervalWorkingDays, input.calendar) : null;
    ok = await tell(state.chases === 1 ? 'overdue' : 'chase', next);
    if (next) at = next;
  }
  state.stage = stopped ? 'stopped' : 'exhausted';
  state.nextAt = null;
  show();
  return state;
}
