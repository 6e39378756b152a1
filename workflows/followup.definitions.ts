import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { WorkingCalendar } from '../domain/working-days';
import { workflowIdOf } from './workflow-kinds';

export const followUpWorkflowId = (followUpId: string) => workflowIdOf('followUp', followUpId);

/**
 * A follow-up's timers, reusable by any case that schedules follow-ups (interventions now,
 * referrals later). It owns no business state: it tells its owner when the follow-up falls due,
 * becomes overdue and needs chasing; the owner keeps the follow-up's status and decides.
 */
export interface FollowUpInput {
  followUpId: string;
  organisationId: string;
  /** The workflow to tell (its id, not a run: it may have continued as new). */
  ownerWorkflowId: string;
  /** The owner's business key (case code), for the Temporal UI. */
  ownerKey: string;
  dueAt: string;
  calendar: WorkingCalendar;
  graceWorkingDays: number;
  chaseIntervalWorkingDays: number;
  maxChases: number;
}

export type FollowUpTimerStage = 'due' | 'overdue' | 'chase';

export interface FollowUpTimerEvent {
  followUpId: string;
  stage: FollowUpTimerStage;
  /** 1 for the reminder sent with the escalation, then 2, 3… */
  chase: number;
  /** When the next stage will fire, if any. */
  nextAt: string | null;
  overdueAt: string;
}

export interface FollowUpTimerState {
  followUpId: string;
  stage: 'scheduled' | FollowUpTimerStage | 'stopped' | 'exhausted';
  dueAt: string;
  overdueAt: string;
  nextAt: string | null;
  chases: number;
}

/** From the follow-up to its owner. */
export const followUpTimerSignal = defineSignal<[FollowUpTimerEvent]>('followUpTimer');
/** From the owner: the follow-up was completed or cancelled; stop chasing. */
export const stopFollowUpSignal = defineSignal<[{ reason: 'completed' | 'cancelled' }]>('stopFollowUp');
export const followUpTimerStateQuery = defineQuery<FollowUpTimerState>('followUpTimerState');
