import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { defaultOrganisationSettings } from '../domain/organisation-settings';
import type {
  CommunicationActor,
  CommunicationStatus,
  SignerStatus,
  SigningMode,
} from '../domain/ventanilla';
import { workflowIdOf } from './workflow-kinds';

export type { CommunicationActor, CommunicationStatus, SignerStatus, SigningMode };

export const ventanillaWorkflowId = (communicationId: string) => workflowIdOf('ventanilla', communicationId);

/** A pending signature reminds its signer after 2 working days, then every working day, capped. */
export const SIGNATURE_REMINDER_AFTER_WORKING_DAYS = 2;
export const SIGNATURE_REMINDER_REPEAT_WORKING_DAYS = 1;
export const SIGNATURE_REMINDERS_MAX = 5;
/** Reception not marked after 5 working days: the unit is reminded and the sender told; repeated, capped. */
export const RECEPTION_REMINDER_AFTER_WORKING_DAYS = 5;
export const RECEPTION_REMINDERS_MAX = 3;
/** Processing default when the recipient organisation has no `ventanillaProcessingWorkingDays`. */
export const DEFAULT_PROCESSING_WORKING_DAYS = defaultOrganisationSettings.ventanillaProcessingWorkingDays;
export const PROCESSING_REMINDERS_MAX = 3;

export interface VentanillaInput {
  communicationId: string;
  /** The sender's organisation; its calendar decides what a working day is. */
  organisationId: string;
  senderUnitId: string;
  authorId: string;
  authorName: string;
  registryNumber: string;
  recipientUnitId: string;
  subject: string;
  body: string;
  followUpOf?: string | null;
  timezone: string;
  holidays: string[];
  /** Carried by continue-as-new. */
  state?: CommunicationState;
}

export interface CommunicationAttachmentRef {
  id: string;
  kind: 'file' | 'link';
  name: string;
  size?: number | null;
  url?: string | null;
}

export interface CommunicationSigner {
  userId: string;
  name: string;
  /** Printed under the signature: the signer's position in the unit, or "Firmante". */
  role: string | null;
  status: SignerStatus;
  requestedAt: string | null;
  signedAt: string | null;
  rejectedAt: string | null;
  reason: string | null;
  remindersSent: number;
  nextReminderAt: string | null;
}

export type CommunicationEventAction =
  | 'created'
  | 'submitted'
  | 'withdrawn'
  | 'signed'
  | 'rejected'
  | 'delivered'
  | 'received'
  | 'forwarded'
  | 'processed'
  | 'closed_unprocessed'
  | 'signature_reminded'
  | 'reception_reminded'
  | 'processing_reminded';

/** One line of the "histórico de trámites". */
export interface CommunicationEvent {
  seq: number;
  at: string;
  action: CommunicationEventAction;
  actorId: string | null;
  actorName: string | null;
  note: string | null;
  details?: Record<string, string | number | null>;
}

export interface CommunicationForward {
  fromUnitId: string;
  toUnitId: string;
  at: string;
  byId: string;
  note: string | null;
}

export interface CommunicationState {
  communicationId: string;
  status: CommunicationStatus;
  authorId: string;
  recipientUnitId: string;
  currentUnitId: string;
  /** Every unit it has been delivered to, in order. */
  unitChain: string[];
  subject: string;
  body: string;
  attachments: CommunicationAttachmentRef[];
  signingMode: SigningMode | null;
  signers: CommunicationSigner[];
  /** Submissions so far: each one starts the signatures afresh. */
  round: number;
  submittedAt: string | null;
  signedAt: string | null;
  deliveredAt: string | null;
  receivedAt: string | null;
  finishedAt: string | null;
  verificationCode: string | null;
  pdfSha256: string | null;
  observations: string | null;
  closeReason: string | null;
  forwards: CommunicationForward[];
  receptionReminderAt: string | null;
  receptionRemindersSent: number;
  processingWorkingDays: number;
  processingReminderAt: string | null;
  processingRemindersSent: number;
  history: CommunicationEvent[];
  /** Increases with every change; projections ignore anything older than what they stored. */
  version: number;
}

export interface SignerChoice {
  userId: string;
  name: string;
  role: string | null;
}

export const editCommunicationUpdate = defineUpdate<
  CommunicationState,
  [{ actor: CommunicationActor; recipientUnitId?: string; subject?: string; body?: string }]
>('editCommunication');
export const addCommunicationAttachmentUpdate = defineUpdate<
  CommunicationState,
  [{ actor: CommunicationActor; attachment: CommunicationAttachmentRef }]
>('addCommunicationAttachment');
export const removeCommunicationAttachmentUpdate = defineUpdate<
  CommunicationState,
  [{ actor: CommunicationActor; attachmentId: string }]
>('removeCommunicationAttachment');
export const submitCommunicationUpdate = defineUpdate<
  CommunicationState,
  [{ actor: CommunicationActor; signers: SignerChoice[]; mode: SigningMode }]
>('submitCommunication');
export const withdrawCommunicationUpdate = defineUpdate<CommunicationState, [{ actor: CommunicationActor }]>('withdrawCommunication');
export const signCommunicationUpdate = defineUpdate<CommunicationState, [{ actor: CommunicationActor }]>('signCommunication');
export const rejectCommunicationUpdate = defineUpdate<CommunicationState, [{ actor: CommunicationActor; reason: string }]>('rejectCommunication');
export const receiveCommunicationUpdate = defineUpdate<
  CommunicationState,
  [{ actor: CommunicationActor; processingWorkingDays?: number }]
>('receiveCommunication');
export const forwardCommunicationUpdate = defineUpdate<
  CommunicationState,
  [{ actor: CommunicationActor; unitId: string; note?: string | null }]
>('forwardCommunication');
export const processCommunicationUpdate = defineUpdate<
  CommunicationState,
  [{ actor: CommunicationActor; observations: string }]
>('processCommunication');
export const closeCommunicationUpdate = defineUpdate<CommunicationState, [{ actor: CommunicationActor; reason: string }]>('closeCommunication');
export const communicationStateQuery = defineQuery<CommunicationState>('communicationState');
