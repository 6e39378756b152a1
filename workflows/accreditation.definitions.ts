import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AccreditationDecision, AccreditationRequestFields, AccreditationStatus } from '../domain/accreditations';
import type { WorkingCalendar } from '../domain/working-days';
import { workflowIdOf } from './workflow-kinds';

export const accreditationWorkflowId = (accreditationId: string) => workflowIdOf('accreditation', accreditationId);

export interface AccreditationInput {
  accreditationId: string;
  organisationId: string;
  /** The operator who asks to be accredited. */
  requesterId: string;
  request: AccreditationRequestFields;
  /** Submitted with its creation (the contract's POST), or kept as a draft to submit later. */
  submit: boolean;
  calendar: WorkingCalendar;
  reminderWorkingDays: number;
}

export type AccreditationHistoryAction = 'created' | 'edited' | 'submitted' | 'reminded' | 'approved' | 'rejected';

export interface AccreditationHistoryEntry {
  seq: number;
  at: string;
  /** A user; null when the system did it (the reminder). */
  by: string | null;
  action: AccreditationHistoryAction;
  note: string | null;
}

export interface AccreditationState {
  accreditationId: string;
  organisationId: string;
  requesterId: string;
  request: AccreditationRequestFields;
  status: AccreditationStatus;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  reminders: number;
  nextReminderAt: string | null;
  history: AccreditationHistoryEntry[];
  calendar: WorkingCalendar;
  reminderWorkingDays: number;
  version: number;
}

export const accreditationErrors = {
  notPending: 'accreditation_not_pending',
  notServiceCentre: 'forbidden_not_service_centre',
  ownRequest: 'forbidden_own_accreditation',
  notRequester: 'forbidden_not_requester',
  reasonRequired: 'reason_required',
} as const;

/** Who acts, as the API knows them: the validator checks organisation and role from this. */
export interface AccreditationActor {
  by: string;
  organisationId: string;
  roles: string[];
}

export interface AccreditationUpdateResult {
  accreditationId: string;
  status: AccreditationStatus;
  version: number;
}

export const editAccreditationUpdate = defineUpdate<AccreditationUpdateResult, [AccreditationActor & { request: AccreditationRequestFields }]>('editAccreditation');
export const submitAccreditationUpdate = defineUpdate<AccreditationUpdateResult, [AccreditationActor & { calendar: WorkingCalendar }]>('submitAccreditation');
export const decideAccreditationUpdate = defineUpdate<AccreditationUpdateResult, [AccreditationActor & { decision: AccreditationDecision; reason?: string | null }]>(
  'decideAccreditation',
);
export const accreditationStateQuery = defineQuery<AccreditationState>('accreditationState');
