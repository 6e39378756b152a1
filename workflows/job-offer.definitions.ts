import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { InterventionPolicy } from '../domain/interventions';
import type { CandidateStatus, ContractType, OfferClosedReason, OfferStatus } from '../domain/job-offers/offers';
import type { WorkingCalendar } from '../domain/working-days';
import type { FollowUpTimerEvent } from './followup.definitions';
import type { FollowUpState } from './intervention.definitions';
import { workflowIdOf } from './workflow-kinds';

export const jobOfferWorkflowId = (offerId: string) => workflowIdOf('jobOffer', offerId);

export interface JobOfferInput {
  offerId: string;
  organisationId: string;
  /** Who is reminded of unchecked candidates and holds the offer's follow-ups: its creator. */
  ownerId: string;
  title: string;
  vacancies: number;
  /** The first instant after the offer's end date (midnight in the organisation's zone), if any. */
  closesAt: string | null;
  createdBy: string;
  calendar: WorkingCalendar;
  /** Working days before unchecked interest is reminded (organisation setting, default 3). */
  interestWorkingDays: number;
  policy: InterventionPolicy;
  carried?: JobOfferState;
  carriedTimerEvents?: FollowUpTimerEvent[];
}

export interface CandidateHistory {
  at: string;
  by: string | null;
  from: CandidateStatus | null;
  to: CandidateStatus;
  placedOn?: string | null;
  contractType?: string | null;
}

export interface CandidateState {
  personId: string;
  status: CandidateStatus;
  favourite: boolean;
  statusAt: string;
  statusBy: string | null;
  placedOn: string | null;
  contractType: ContractType | null;
  /** When unchecked interest was reminded (once per shortlisting). */
  interestRemindedAt: string | null;
  addedBy: string;
  addedAt: string;
  history: CandidateHistory[];
}

export interface JobOfferState {
  offerId: string;
  organisationId: string;
  ownerId: string;
  title: string;
  vacancies: number;
  closesAt: string | null;
  status: OfferStatus;
  closedReason: OfferClosedReason | null;
  closedAt: string | null;
  candidates: CandidateState[];
  followUps: FollowUpState[];
  calendar: WorkingCalendar;
  interestWorkingDays: number;
  policy: InterventionPolicy;
  /** The next timer: the end date or the next interest reminder. */
  nextStep: 'close' | 'interest_reminder' | null;
  nextStepAt: string | null;
  version: number;
}

export const jobOfferErrors = {
  closed: 'job_offer_closed',
  notCandidate: 'candidate_not_found',
  alreadyCandidate: 'candidate_exists',
  transitionNotAllowed: 'candidate_transition_not_allowed',
  followUpNotFound: 'follow_up_not_found',
  followUpFinished: 'follow_up_finished',
  duplicate: 'duplicate',
} as const;

export interface JobOfferUpdateResult {
  offerId: string;
  status: OfferStatus;
  closedReason: OfferClosedReason | null;
  placed: number;
  version: number;
}

type By = { by: string };

export const addCandidateUpdate = defineUpdate<JobOfferUpdateResult, [By & { personId: string }]>('addCandidate');
export const setCandidateStatusUpdate = defineUpdate<
  JobOfferUpdateResult,
  [By & { personId: string; status: CandidateStatus; placedOn?: string | null; contractType?: ContractType | null }]
>('setCandidateStatus');
export const setCandidateFavouriteUpdate = defineUpdate<JobOfferUpdateResult, [By & { personId: string; favourite: boolean }]>('setCandidateFavourite');
/** The offer's terms the workflow acts on changed (PATCH): vacancies, end date, title. */
export const changeOfferTermsUpdate = defineUpdate<JobOfferUpdateResult, [By & { title: string; vacancies: number; closesAt: string | null }]>('changeOfferTerms');
export const closeOfferUpdate = defineUpdate<JobOfferUpdateResult, [By]>('closeOffer');
export const scheduleOfferFollowUpUpdate = defineUpdate<
  JobOfferUpdateResult,
  [By & { id: string; dueAt: string; note: string; calendar: WorkingCalendar; policy: InterventionPolicy }]
>('scheduleOfferFollowUp');
export const completeOfferFollowUpUpdate = defineUpdate<JobOfferUpdateResult, [By & { id: string; outcome: string; notes?: string | null }]>('completeOfferFollowUp');
export const cancelOfferFollowUpUpdate = defineUpdate<JobOfferUpdateResult, [By & { id: string; reason?: string | null }]>('cancelOfferFollowUp');
export const jobOfferStateQuery = defineQuery<JobOfferState>('jobOfferState');
