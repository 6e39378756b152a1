// Rules of the electronic window (ventanilla electrónica), shared by the workflow's validators
// and the API: the API shows a button exactly when the workflow would accept the action.
// Pure and deterministic: the workflow bundle imports this file.

export const communicationStatuses = [
  'draft',
  'awaiting_signature',
  'pending_reception',
  'received',
  'processed',
  'closed_unprocessed',
] as const;
export type CommunicationStatus = (typeof communicationStatuses)[number];
export const finalStatuses: readonly CommunicationStatus[] = ['processed', 'closed_unprocessed'];
export const isFinalStatus = (s: CommunicationStatus) => finalStatuses.includes(s);

export const signingModes = ['sequential', 'parallel'] as const;
export type SigningMode = (typeof signingModes)[number];
/** waiting: a cascade's later signer; cancelled: the round ended by a withdrawal or another's rejection. */
export type SignerStatus = 'waiting' | 'pending' | 'signed' | 'rejected' | 'cancelled';

export const communicationActions = ['edit', 'submit', 'withdraw', 'sign', 'reject', 'receive', 'forward', 'process', 'close'] as const;
export type CommunicationAction = (typeof communicationActions)[number];

export const SUBJECT_MAX = 250;
export const BODY_MAX = 50_000;
export const REASON_MAX = 4_000;
export const MAX_SIGNERS = 10;
export const MAX_ATTACHMENTS = 20;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Allowed file types by extension; the stored media type comes from here, not from the client. */
export const attachmentTypes: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  txt: 'text/plain',
  csv: 'text/csv',
  rtf: 'application/rtf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};

export function attachmentMediaType(fileName: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext ? (attachmentTypes[ext] ?? null) : null;
}

/** Who asks: the API passes the caller's units so the workflow can judge membership. */
export interface CommunicationActor {
  userId: string;
  name: string;
  unitIds?: string[];
}

/** What the rules look at; both the workflow state and the projection provide it. */
export interface CommunicationFacts {
  status: CommunicationStatus;
  authorId: string;
  currentUnitId: string;
  signers: ReadonlyArray<{ userId: string; status: SignerStatus }>;
}

export interface Refusal {
  code: string;
  message: string;
  details?: Record<string, string | number>;
}

const statusRefusal = (code: string, status: CommunicationStatus, message: string): Refusal => ({
  code,
  message: `${message} (status: ${status})`,
  details: { status, statusName: `@ventanilla.status.${status}` },
});

/**
 * Why `actor` may not do `action` now, or null when they may. Wrong state first (409), then
 * wrong person (codes `forbidden_*`, 403): a communication in the wrong state offers nobody
 * the action.
 */
export function refusalFor(action: CommunicationAction, facts: CommunicationFacts, actor: CommunicationActor): Refusal | null {
  const isAuthor = actor.userId === facts.authorId;
  const signer = facts.signers.find((s) => s.userId === actor.userId);
  const inCurrentUnit = (actor.unitIds ?? []).includes(facts.currentUnitId);
  switch (action) {
    case 'edit':
    case 'submit':
      if (facts.status !== 'draft') return statusRefusal('communication_not_draft', facts.status, 'Only a draft can be edited or submitted');
      if (!isAuthor) return { code: 'forbidden_not_author', message: 'Only the author can change or submit the draft' };
      return null;
    case 'withdraw':
      if (facts.status !== 'awaiting_signature') return statusRefusal('communication_not_awaiting_signature', facts.status, 'Only a communication awaiting signature can be withdrawn');
      if (!isAuthor) return { code: 'forbidden_not_author', message: 'Only the author can withdraw it to draft' };
      if (facts.signers.length > 0 && facts.signers.every((s) => s.status === 'signed')) {
        return { code: 'signing_complete', message: 'Every signer has signed; it can no longer be withdrawn' };
      }
      return null;
    case 'sign':
    case 'reject':
      if (facts.status !== 'awaiting_signature') return statusRefusal('communication_not_awaiting_signature', facts.status, 'It is not awaiting signature');
      if (isAuthor && !signer) return { code: 'forbidden_author_cannot_sign', message: 'The author cannot sign their own communication' };
      if (!signer) return { code: 'forbidden_not_signer', message: 'You are not a signer of this communication' };
      if (signer.status === 'signed') return { code: 'already_signed', message: 'You have already signed it' };
      if (signer.status !== 'pending') return { code: 'forbidden_not_your_turn', message: 'An earlier signer has not signed yet' };
      return null;
    case 'receive':
      if (facts.status !== 'pending_reception') return statusRefusal('communication_not_pending_reception', facts.status, 'It is not pending reception');
      if (isAuthor) return { code: 'forbidden_sender', message: 'The sender cannot receive or process their own communication' };
      if (!inCurrentUnit) return { code: 'forbidden_not_recipient_member', message: 'Only members of the recipient unit can do this' };
      return null;
    case 'forward':
    case 'process':
    case 'close':
      if (facts.status !== 'received') return statusRefusal('communication_not_received', facts.status, 'It must be received first');
      if (isAuthor) return { code: 'forbidden_sender', message: 'The sender cannot receive or process their own communication' };
      if (!inCurrentUnit) return { code: 'forbidden_not_recipient_member', message: 'Only members of the recipient unit can do this' };
      return null;
  }
}

/** `{edit: true, sign: false, ...}` for the caller: the UI shows only valid buttons. */
export function allowedActions(facts: CommunicationFacts, actor: CommunicationActor): Record<CommunicationAction, boolean> {
  return Object.fromEntries(communicationActions.map((a) => [a, refusalFor(a, facts, actor) === null])) as Record<CommunicationAction, boolean>;
}

export const registryNumber = (year: number, n: number) => `VE-${year}-${String(n).padStart(6, '0')}`;
