import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Panels, SkillsAssessmentPhase, SkillsAssessmentPhaseStatus, SkillsAssessmentPolicy, SkillsAssessmentStatus } from '../domain/skills-assessments';
import type { WorkingCalendar } from '../domain/working-days';
import { workflowIdOf } from './workflow-kinds';

export const skillsAssessmentWorkflowId = (assessmentId: string) => workflowIdOf('skillsAssessment', assessmentId);

export const SKILLS_ASSESSMENT_HISTORY_KEPT_IN_WORKFLOW = 200;

export interface SkillsAssessmentInput {
  assessmentId: string;
  organisationId: string;
  personId: string;
  appointmentId: string | null;
  operatorId: string;
  createdBy: string;
  calendar: WorkingCalendar;
  policy: SkillsAssessmentPolicy;
  /** Set by continue-as-new. */
  carried?: SkillsAssessmentState;
}

export interface SkillsAssessmentPhaseState {
  phase: SkillsAssessmentPhase;
  status: SkillsAssessmentPhaseStatus;
  panels: Panels;
  savedAt: string | null;
  completedAt: string | null;
  completedBy: string | null;
}

export interface SkillsAssessmentContract {
  fileId: string;
  name: string;
  mediaType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface SkillsAssessmentEnrolment {
  courseId: string;
  courseTitle: string;
  providerId: string;
  providerName: string;
  chosenBy: string;
  chosenAt: string;
}

export type SkillsAssessmentHistoryAction = 'created' | 'panels_saved' | 'contract_uploaded' | 'phase_completed' | 'enrolment_chosen' | 'inactivity_reminder' | 'completed';

export interface SkillsAssessmentHistoryEntry {
  seq: number;
  at: string;
  by: string | null;
  action: SkillsAssessmentHistoryAction;
  details: Record<string, unknown>;
}

export interface SkillsAssessmentState {
  assessmentId: string;
  organisationId: string;
  personId: string;
  appointmentId: string | null;
  operatorId: string;
  status: SkillsAssessmentStatus;
  phase: SkillsAssessmentPhase;
  phases: SkillsAssessmentPhaseState[];
  contract: SkillsAssessmentContract | null;
  enrolment: SkillsAssessmentEnrolment | null;
  lastSavedAt: string;
  nextReminderAt: string | null;
  reminders: number;
  completedAt: string | null;
  history: SkillsAssessmentHistoryEntry[];
  historySeq: number;
  calendar: WorkingCalendar;
  policy: SkillsAssessmentPolicy;
  version: number;
}

export const skillsAssessmentErrors = {
  /** An earlier phase is not complete yet: details.required names it. */
  outOfOrder: 'phase_out_of_order',
  alreadyComplete: 'phase_already_complete',
  /** Required panels empty: details.missing lists them. */
  notReady: 'phase_not_ready',
  contractMissing: 'contract_missing',
  enrolmentMissing: 'enrolment_missing',
  unknownPanel: 'unknown_panel',
  assessmentComplete: 'assessment_complete',
  otherOrganisation: 'forbidden_other_organisation',
  notOperator: 'forbidden_not_operator',
} as const;

/** Who asks: the validator refuses anyone but the operator and the organisation's supervisors/admins. */
export interface SkillsAssessmentActor {
  by: string;
  organisationId: string;
  roles: string[];
}

export interface SkillsAssessmentUpdateResult {
  assessmentId: string;
  status: SkillsAssessmentStatus;
  phase: SkillsAssessmentPhase;
  version: number;
}

export const savePanelsUpdate = defineUpdate<SkillsAssessmentUpdateResult, [SkillsAssessmentActor & { phase: SkillsAssessmentPhase; panels: Panels }]>('savePanels');
export const uploadContractUpdate = defineUpdate<SkillsAssessmentUpdateResult, [SkillsAssessmentActor & { fileId: string; name: string; mediaType: string; size: number }]>('uploadContract');
export const chooseEnrolmentUpdate = defineUpdate<SkillsAssessmentUpdateResult, [SkillsAssessmentActor & { courseId: string; courseTitle: string; providerId: string; providerName: string }]>('chooseEnrolment');
export const completePhaseUpdate = defineUpdate<SkillsAssessmentUpdateResult, [SkillsAssessmentActor & { phase: SkillsAssessmentPhase }]>('completePhase');
export const skillsAssessmentStateQuery = defineQuery<SkillsAssessmentState>('skillsAssessmentState');
