import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ActionKind,
  ClosureReason,
  FollowUpStatus,
  InterventionPolicy,
  InterventionStatus,
} from '../domain/interventions';
import type { WorkingCalendar } from '../domain/working-days';
import type { FollowUpTimerEvent } from './followup.definitions';
import { workflowIdOf } from './workflow-kinds';

export const interventionWorkflowId = (interventionId: string) => workflowIdOf('intervention', interventionId);

/** A closed case waits this long for a reopening, then its workflow completes (archived). */
export const CLOSED_RETENTION_DAYS = 365;
/** The workflow keeps the newest history entries; the full history is in Postgres. */
export const HISTORY_KEPT_IN_WORKFLOW = 200;

export interface InterventionInput {
  interventionId: string;
  organisationId: string;
  personId: string;
  /** Case code (INT-000042), the business key shown in Temporal. */
  code: string;
  /** Second-level need covered by this case. */
  needCode: string;
  /** Specific needs from the assessment that opened the case. */
  needs: string[];
  assessmentId: string;
  openedBy: string;
  assigneeId: string | null;
  calendar: WorkingCalendar;
  policy: InterventionPolicy;
  /** Set by continue-as-new: the state to carry on with. */
  carried?: InterventionState;
  /** Set by continue-as-new: follow-up timer signals received but not yet handled. */
  carriedTimerEvents?: FollowUpTimerEvent[];
  /** Tests only: continue as new once history has this many events. */
  continueAsNewAfterEvents?: number;
}

export interface NeedState {
  code: string;
  covered: boolean;
  coveredAt: string | null;
  coveredBy: string | null;
  note: string | null;
  assessmentId: string;
  addedAt: string;
  /** Withdrawn with the assessment that added it (a failed, rolled back assessment). */
  removed: boolean;
}

export interface ActionState {
  id: string;
  date: string;
  kind: ActionKind;
  description: string;
  authorId: string;
  createdAt: string;
}

export interface NoteState {
  id: string;
  body: string;
  authorId: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export interface FlagState {
  id: string;
  message: string;
  raisedBy: string;
  raisedAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
}

export interface AttributeState {
  key: string;
  value: string | null;
  updatedBy: string;
  updatedAt: string;
}

export interface CollaboratorState {
  userId: string;
  organisationId: string;
  addedBy: string;
  addedAt: string;
  removedAt: string | null;
}

export interface RelatedState {
  interventionId: string;
  note: string | null;
  addedBy: string;
  addedAt: string;
  removedAt: string | null;
}

export interface FollowUpState {
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

export type HistoryAction =
  | 'opened'
  | 'needs_added'
  | 'needs_withdrawn'
  | 'need_covered'
  | 'all_needs_covered'
  | 'status_changed'
  | 'closed'
  | 'reopened'
  | 'assigned'
  | 'action_recorded'
  | 'note_added'
  | 'note_edited'
  | 'note_deleted'
  | 'flag_raised'
  | 'flag_resolved'
  | 'attribute_set'
  | 'attribute_removed'
  | 'collaborator_added'
  | 'collaborator_removed'
  | 'related_added'
  | 'related_removed'
  | 'follow_up_scheduled'
  | 'follow_up_due'
  | 'follow_up_overdue'
  | 'follow_up_chased'
  | 'follow_up_completed'
  | 'follow_up_cancelled'
  | 'inactivity_reminder'
  | 'archived';

export interface HistoryEntry {
  seq: number;
  at: string;
  /** null: the system did it (a timer). */
  by: string | null;
  action: HistoryAction;
  note: string | null;
  details: Record<string, unknown>;
}

export interface InterventionState {
  interventionId: string;
  organisationId: string;
  personId: string;
  code: string;
  needCode: string;
  status: InterventionStatus;
  assigneeId: string | null;
  closureReason: ClosureReason | null;
  closureNote: string | null;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  /** Last time a person did anything on the case; the inactivity review counts from here. */
  lastActivityAt: string;
  /** When the next inactivity reminder is due (null while closed). */
  reviewAt: string | null;
  needs: NeedState[];
  actions: ActionState[];
  notes: NoteState[];
  flags: FlagState[];
  attributes: AttributeState[];
  collaborators: CollaboratorState[];
  related: RelatedState[];
  followUps: FollowUpState[];
  /** The newest entries only (HISTORY_KEPT_IN_WORKFLOW); `historySeq` counts them all. */
  history: HistoryEntry[];
  historySeq: number;
  calendar: WorkingCalendar;
  policy: InterventionPolicy;
  /** Increases with every change; projections ignore anything older than what they stored. */
  version: number;
}

export const interventionErrors = {
  closed: 'intervention_closed',
  notClosed: 'intervention_not_closed',
  statusUnchanged: 'status_unchanged',
  invalidTransition: 'invalid_transition',
  closeBlocked: 'close_blocked',
  closureReasonRequired: 'closure_reason_required',
  needNotFound: 'need_not_found',
  needAlreadyCovered: 'need_already_covered',
  noteNotFound: 'note_not_found',
  notNoteAuthor: 'forbidden_not_note_author',
  flagNotFound: 'flag_not_found',
  flagResolved: 'flag_already_resolved',
  followUpNotFound: 'follow_up_not_found',
  followUpFinished: 'follow_up_finished',
  collaboratorExists: 'collaborator_exists',
  collaboratorNotFound: 'collaborator_not_found',
  relatedExists: 'related_exists',
  relatedNotFound: 'related_not_found',
  relatedSelf: 'related_self',
  duplicate: 'already_exists',
} as const;

type By = { by: string };

/**
 * What an Update answers: small on purpose, since every answer is kept in the history (the
 * full state is one query away).
 */
export interface InterventionUpdateResult {
  interventionId: string;
  status: InterventionStatus;
  assigneeId: string | null;
  version: number;
}

export const addNeedsUpdate = defineUpdate<InterventionUpdateResult, [By & { assessmentId: string; needs: string[] }]>('addNeeds');
/** Compensation of a failed assessment: removes the uncovered needs that assessment added. */
export const withdrawAssessmentNeedsUpdate = defineUpdate<InterventionUpdateResult, [By & { assessmentId: string }]>('withdrawAssessmentNeeds');
export const coverNeedUpdate = defineUpdate<InterventionUpdateResult, [By & { code: string; note?: string | null }]>('coverNeed');
export const changeStatusUpdate = defineUpdate<
  InterventionUpdateResult,
  [By & { status: Exclude<InterventionStatus, 'open'>; reason?: ClosureReason | null; note?: string | null }]
>('changeStatus');
export const reopenInterventionUpdate = defineUpdate<InterventionUpdateResult, [By & { note?: string | null }]>('reopenIntervention');
export const assignInterventionUpdate = defineUpdate<InterventionUpdateResult, [By & { assigneeId: string | null }]>('assignIntervention');
export const recordActionUpdate = defineUpdate<InterventionUpdateResult, [By & { id: string; date: string; kind: ActionKind; description: string }]>('recordAction');
export const addNoteUpdate = defineUpdate<InterventionUpdateResult, [By & { id: string; body: string }]>('addNote');
export const editNoteUpdate = defineUpdate<InterventionUpdateResult, [By & { id: string; body: string }]>('editNote');
export const deleteNoteUpdate = defineUpdate<InterventionUpdateResult, [By & { id: string }]>('deleteNote');
export const raiseFlagUpdate = defineUpdate<InterventionUpdateResult, [By & { id: string; message: string }]>('raiseFlag');
export const resolveFlagUpdate = defineUpdate<InterventionUpdateResult, [By & { id: string; message: string }]>('resolveFlag');
export const setAttributeUpdate = defineUpdate<InterventionUpdateResult, [By & { key: string; value: string | null }]>('setAttribute');
export const addCollaboratorUpdate = defineUpdate<InterventionUpdateResult, [By & { userId: string; organisationId: string }]>('addCollaborator');
export const removeCollaboratorUpdate = defineUpdate<InterventionUpdateResult, [By & { userId: string }]>('removeCollaborator');
export const linkRelatedUpdate = defineUpdate<InterventionUpdateResult, [By & { interventionId: string; note?: string | null }]>('linkRelated');
export const unlinkRelatedUpdate = defineUpdate<InterventionUpdateResult, [By & { interventionId: string }]>('unlinkRelated');
export const scheduleFollowUpUpdate = defineUpdate<
  InterventionUpdateResult,
  [By & { id: string; dueAt: string; note: string; calendar: WorkingCalendar; policy: InterventionPolicy }]
>('scheduleFollowUp');
export const completeFollowUpUpdate = defineUpdate<InterventionUpdateResult, [By & { id: string; outcome: string; notes?: string | null }]>('completeFollowUp');
export const cancelFollowUpUpdate = defineUpdate<InterventionUpdateResult, [By & { id: string; reason?: string | null }]>('cancelFollowUp');
export const interventionStateQuery = defineQuery<InterventionState>('interventionState');
