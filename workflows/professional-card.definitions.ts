import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { workflowIdOf } from './workflow-kinds';

export const professionalCardWorkflowId = (personCardId: string) => workflowIdOf('professionalCard', personCardId);

/** When and whom to remind: the card's expiry, the organisation's lead days and time zone. */
export interface ProfessionalCardPlan {
  expiresOn: string;
  /** Calendar days before the expiry (organisation setting, 30 by default). */
  reminderDays: number;
  timezone: string;
  /** The professional reminded: whoever recorded the card last. */
  professionalId: string;
}

export interface ProfessionalCardInput extends ProfessionalCardPlan {
  personCardId: string;
  organisationId: string;
  personId: string;
}

export type ProfessionalCardStatus = 'waiting' | 'reminded' | 'removed';

export interface ProfessionalCardState extends ProfessionalCardPlan {
  personCardId: string;
  status: ProfessionalCardStatus;
  reminderAt: string;
  remindedAt: string | null;
  history: Array<{ at: string; by: string | null; action: 'planned' | 'moved' | 'reminded' | 'removed'; expiresOn: string }>;
  version: number;
}

export interface ProfessionalCardUpdateResult {
  status: ProfessionalCardStatus;
  reminderAt: string;
}

/** The card's expiry (or who recorded it) changed: the reminder moves with it. */
export const setProfessionalCardExpiryUpdate = defineUpdate<ProfessionalCardUpdateResult, [ProfessionalCardPlan & { by: string }]>('setProfessionalCardExpiry');
/** The card was deleted from the CV (or its expiry cleared): no reminder. */
export const removeProfessionalCardUpdate = defineUpdate<ProfessionalCardUpdateResult, [{ by: string }]>('removeProfessionalCard');
export const professionalCardStateQuery = defineQuery<ProfessionalCardState>('professionalCardState');
