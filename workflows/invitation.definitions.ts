import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { workflowIdOf } from './workflow-kinds';

export const invitationWorkflowId = (invitationId: string) => workflowIdOf('invitation', invitationId);

export const INVITATION_EXPIRES_AFTER_DAYS = 7;
export const INVITATION_REMINDER_AFTER_WORKING_DAYS = 3;

export interface InvitationInput {
  invitationId: string;
  organisationId: string;
  userId: string;
  invitedBy: string;
  timezone: string;
  holidays: string[];
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'cancelled';

export interface InvitationHistoryEntry {
  at: string;
  action: 'sent' | 'reminded' | 'resent' | 'accepted' | 'expired' | 'cancelled';
  by?: string;
}

export interface InvitationState {
  invitationId: string;
  status: InvitationStatus;
  expiresAt: string;
  reminderAt: string | null;
  remindersSent: number;
  lastSentAt: string | null;
  history: InvitationHistoryEntry[];
  /** Increases with every change; projections ignore anything older than what they stored. */
  version: number;
}

export const invitationErrors = {
  notPending: 'invitation_not_pending',
} as const;

export const acceptInvitationUpdate = defineUpdate<InvitationState, [{ userId: string }]>('acceptInvitation');
export const cancelInvitationUpdate = defineUpdate<InvitationState, [{ by: string }]>('cancelInvitation');
export const resendInvitationUpdate = defineUpdate<InvitationState, [{ by: string }]>('resendInvitation');
export const invitationStateQuery = defineQuery<InvitationState>('invitationState');
