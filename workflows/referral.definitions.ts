import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FollowUpStatus } from '../domain/interventions';
import type { ConsentFileType, ConsentMethod, ReferralAnswerChannel, ReferralAnswerStatus, ReferralChannel, ReferralPolicy, ReferralStatus } from '../domain/referrals';
import type { WorkingCalendar } from '../domain/working-days';
import type { FollowUpTimerEvent } from './followup.definitions';
import { workflowIdOf } from './workflow-kinds';

export const referralWorkflowId = (referralId: string) => workflowIdOf('referral', referralId);

export const REFERRAL_HISTORY_KEPT_IN_WORKFLOW = 200;

export interface ReferralInput {
  referralId: string;
  organisationId: string;
  interventionId: string;
  personId: string;
  resourceId: string;
  resourceName: string;
  /** The intervention's code (INT-000042): the business key shown in Temporal. */
  code: string;
  assigneeId: string;
  createdBy: string;
  note: string | null;
  calendar: WorkingCalendar;
  policy: ReferralPolicy;
  /** Set by continue-as-new. */
  carried?: ReferralState;
  carriedTimerEvents?: FollowUpTimerEvent[];
}

export interface ReferralConsentState {
  method: ConsentMethod;
  recordedBy: string;
  recordedAt: string;
  /** The signed written consent, attached later (its bytes are stored by the API, not here). */
  file?: ReferralConsentFile | null;
}

export interface ReferralConsentFile {
  id: string;
  name: string;
  mediaType: ConsentFileType;
  size: number;
  attachedBy: string;
  attachedAt: string;
}

export interface ReferralFollowUpState {
  id: string;
  dueAt: string;
  overdueAt: string | null;
  note: string;
  status: FollowUpStatus;
  chases: number;
  createdBy: string;
  createdAt: string;
  outcome: string | null;
  outcomeNotes: string | null;
  finishedBy: string | null;
  finishedAt: string | null;
}

/** What the chasing waits for next. */
export type ReferralChaseStage = 'answer_reminder' | 'escalation' | 'outcome_request';

export type ReferralHistoryAction =
  | 'created'
  | 'sent'
  | 'accepted'
  | 'declined'
  | 'completed'
  | 'no_show'
  | 'cancelled'
  | 'answer_reminder'
  | 'escalated'
  | 'outcome_requested'
  | 'follow_up_scheduled'
  | 'follow_up_due'
  | 'follow_up_overdue'
  | 'follow_up_chased'
  | 'follow_up_completed'
  | 'follow_up_cancelled'
  | 'consent_file_attached';

export interface ReferralHistoryEntry {
  seq: number;
  at: string;
  /** A user; null when the system or the service through its link did it. */
  by: string | null;
  /** Who it was when not a user: the service's name (through its link). */
  byLabel: string | null;
  action: ReferralHistoryAction;
  note: string | null;
  details: Record<string, unknown>;
}

export interface ReferralState {
  referralId: string;
  organisationId: string;
  interventionId: string;
  personId: string;
  resourceId: string;
  resourceName: string;
  code: string;
  status: ReferralStatus;
  assigneeId: string;
  note: string | null;
  reason: string | null;
  channels: ReferralChannel[];
  consent: ReferralConsentState | null;
  sentAt: string | null;
  answeredAt: string | null;
  resolvedAt: string | null;
  /** When the professional was asked to record the outcome (once per acceptance). */
  outcomeRequestedAt: string | null;
  nextChaseAt: string | null;
  nextChase: ReferralChaseStage | null;
  chases: number;
  followUps: ReferralFollowUpState[];
  history: ReferralHistoryEntry[];
  historySeq: number;
  calendar: WorkingCalendar;
  policy: ReferralPolicy;
  version: number;
}

export const referralErrors = {
  transitionNotAllowed: 'transition_not_allowed',
  consentRequired: 'consent_required',
  missingEmail: 'missing_email',
  missingPhone: 'missing_phone',
  noChannel: 'channel_required',
  reasonRequired: 'reason_required',
  followUpsPending: 'follow_ups_pending',
  followUpNotFound: 'follow_up_not_found',
  followUpFinished: 'follow_up_finished',
  resolved: 'referral_resolved',
  duplicate: 'already_exists',
  consentNotWritten: 'consent_not_written',
  consentFileExists: 'consent_file_exists',
} as const;

/** Refusals that are a business rule about the request (422), not the referral's state (409). */
export const referralUnprocessableCodes: readonly string[] = [
  referralErrors.consentRequired,
  referralErrors.missingEmail,
  referralErrors.missingPhone,
  referralErrors.noChannel,
  referralErrors.reasonRequired,
];

type By = { by: string };

export interface ReferralUpdateResult {
  referralId: string;
  status: ReferralStatus;
  version: number;
}

/** Addresses the person is written to; given to the validator, which refuses what is missing. */
export interface ReferralSendRequest extends By {
  channels: ReferralChannel[];
  consent: { given: boolean; method: ConsentMethod } | null;
  email: string | null;
  phone: string | null;
  /** The service's address: where its link goes. */
  serviceEmail: string | null;
  calendar: WorkingCalendar;
  policy: ReferralPolicy;
}

export interface ReferralAnswerRequest {
  /** A user, or null for the service through its link. */
  by: string | null;
  byLabel?: string | null;
  status: ReferralAnswerStatus;
  reason?: string | null;
  note?: string | null;
  via: ReferralAnswerChannel;
}

export const sendReferralUpdate = defineUpdate<ReferralUpdateResult, [ReferralSendRequest]>('sendReferral');
export const answerReferralUpdate = defineUpdate<ReferralUpdateResult, [ReferralAnswerRequest]>('answerReferral');
export const scheduleReferralFollowUpUpdate = defineUpdate<ReferralUpdateResult, [By & { id: string; dueAt: string; note: string; calendar: WorkingCalendar; policy: ReferralPolicy }]>('scheduleReferralFollowUp');
export const completeReferralFollowUpUpdate = defineUpdate<ReferralUpdateResult, [By & { id: string; outcome: string; notes?: string | null }]>('completeReferralFollowUp');
export const cancelReferralFollowUpUpdate = defineUpdate<ReferralUpdateResult, [By & { id: string; reason?: string | null }]>('cancelReferralFollowUp');
/** The signed written consent, stored by the API; the workflow records it once consent is written. */
export const attachReferralConsentFileUpdate = defineUpdate<ReferralUpdateResult, [By & { file: Omit<ReferralConsentFile, 'attachedBy' | 'attachedAt'> }]>('attachReferralConsentFile');
export const referralStateQuery = defineQuery<ReferralState>('referralState');
