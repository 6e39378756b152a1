import { z } from '@hono/zod-openapi';
import {
  BODY_MAX,
  communicationStatuses,
  MAX_SIGNERS,
  REASON_MAX,
  signingModes,
  SUBJECT_MAX,
} from '../../domain/ventanilla';
import { ZId } from '../schemas';

const text = (max: number) => z.string().trim().min(1).max(max);

export const ZCreateCommunicationRequest = z
  .object({
    recipientUnitId: ZId,
    subject: text(SUBJECT_MAX),
    body: text(BODY_MAX),
    /** Only for people in several units of their organisation. */
    senderUnitId: ZId.optional(),
  })
  .openapi('CreateCommunicationRequest');

export const ZUpdateCommunicationRequest = z
  .object({
    recipientUnitId: ZId.optional(),
    subject: text(SUBJECT_MAX).optional(),
    body: text(BODY_MAX).optional(),
  })
  .openapi('UpdateCommunicationRequest');

export const ZSubmitCommunicationRequest = z
  .union([
    z.object({ signerId: ZId }).strict(),
    z
      .object({
        signerIds: z.array(ZId).min(1).max(MAX_SIGNERS),
        mode: z.enum(signingModes).default('sequential'),
      })
      .strict(),
  ])
  .openapi('SubmitCommunicationRequest', { description: '{signerId} for one signer, or {signerIds, mode} for a cascade (sequential) or parallel signature' });

export const ZReasonRequest = z.object({ reason: text(REASON_MAX) }).openapi('ReasonRequest');
export const ZForwardRequest = z.object({ unitId: ZId, note: z.string().trim().max(REASON_MAX).optional() }).openapi('ForwardCommunicationRequest');
export const ZProcessRequest = z.object({ observations: text(BODY_MAX) }).openapi('ProcessCommunicationRequest');
export const ZFollowUpRequest = z
  .object({
    recipientUnitId: ZId.optional(),
    subject: text(SUBJECT_MAX).optional(),
    body: text(BODY_MAX).optional(),
  })
  .openapi('FollowUpCommunicationRequest');
export const ZLinkRequest = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    label: text(200),
  })
  .openapi('CommunicationLinkRequest');

export const ZStatus = z.enum(communicationStatuses);
export const ZListQuery = z.object({
  box: z.enum(['outbox', 'inbox']).default('outbox'),
  status: z
    .union([ZStatus, z.literal('forwarded')])
    .optional()
    .openapi({ description: '`forwarded` (Reenviada): sent on by a unit to another and not yet received there' }),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const ZUnitRef = z.object({ id: z.string(), name: z.string(), organisationId: z.string(), organisationName: z.string().nullable().optional() });
const ZActions = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  withdraw: z.boolean(),
  sign: z.boolean(),
  reject: z.boolean(),
  receive: z.boolean(),
  forward: z.boolean(),
  process: z.boolean(),
  close: z.boolean(),
  followUp: z.boolean(),
});
const ZLinked = z.object({ id: z.string(), registryNumber: z.string(), subject: z.string(), status: z.string() });

export const ZCommunication = z
  .object({
    id: z.string(),
    registryNumber: z.string(),
    status: ZStatus,
    statusName: z.string(),
    forwarded: z.boolean(),
    subject: z.string(),
    body: z.string(),
    recipientUnitId: z.string(),
    recipientUnit: ZUnitRef.nullable(),
    currentUnit: ZUnitRef.nullable(),
    senderUnit: ZUnitRef.nullable(),
    organisationId: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    signingMode: z.enum(signingModes).nullable(),
    signers: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        role: z.string().nullable(),
        status: z.enum(['waiting', 'pending', 'signed', 'rejected', 'cancelled']),
        position: z.number(),
        requestedAt: z.string().nullable(),
        signedAt: z.string().nullable(),
        rejectedAt: z.string().nullable(),
        reason: z.string().nullable(),
        remindersSent: z.number(),
      }),
    ),
    attachments: z.array(
      z.object({ id: z.string(), kind: z.enum(['file', 'link']), name: z.string(), mediaType: z.string().nullable(), size: z.number().nullable(), url: z.string().nullable(), createdAt: z.string() }),
    ),
    history: z.array(
      z.object({
        seq: z.number(),
        at: z.string(),
        action: z.string(),
        label: z.string(),
        actorId: z.string().nullable(),
        actorName: z.string().nullable(),
        note: z.string().nullable(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
    observations: z.string().nullable(),
    closeReason: z.string().nullable(),
    verificationCode: z.string().nullable(),
    verificationUrl: z.string().nullable(),
    pdfSha256: z.string().nullable(),
    pdfUrl: z.string(),
    submittedAt: z.string().nullable(),
    signedAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    receivedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    followUpOf: ZLinked.nullable(),
    followUps: z.array(ZLinked),
    can: ZActions,
    workflowId: z.string(),
  })
  .openapi('Communication');

const ZSignerProgress = z.object({ total: z.number(), signed: z.number() });
const ZUnitName = z.object({ id: z.string(), name: z.string() });

export const ZCommunicationListItem = z
  .object({
    id: z.string(),
    registryNumber: z.string(),
    status: ZStatus,
    statusName: z.string(),
    /** Pending reception at a unit it was forwarded to: listed as "Reenviada". */
    forwarded: z.boolean(),
    subject: z.string(),
    senderUnit: ZUnitName,
    currentUnit: ZUnitName,
    recipientUnitId: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    signers: ZSignerProgress,
    hasObservations: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    receivedAt: z.string().nullable(),
  })
  .openapi('CommunicationListItem');

export const ZCommunicationList = z.object({
  items: z.array(ZCommunicationListItem),
  total: z.number(),
  counts: z.record(z.string(), z.number()),
});

export const ZTrayItem = z
  .object({
    id: z.string(),
    registryNumber: z.string(),
    subject: z.string(),
    senderUnit: ZUnitName,
    recipientUnit: ZUnitName,
    author: z.object({ id: z.string(), name: z.string() }),
    signingMode: z.enum(signingModes).nullable(),
    position: z.number(),
    signers: ZSignerProgress,
    requestedAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    remindersSent: z.number(),
    pdfUrl: z.string(),
  })
  .openapi('SignatureTrayItem');

const ZSignPassword = z.string().min(1).max(200).optional().openapi({ description: 'The signer’s password, when the organisation asks for it again at signing' });
export const ZSignRequest = z.object({ password: ZSignPassword }).openapi('SignRequest');
export const ZBulkSignRequest = z.object({ ids: z.array(ZId).min(1).max(200), password: ZSignPassword }).openapi('BulkSignRequest');
export const ZBulkSignResult = z
  .object({
    signed: z.number(),
    failed: z.number(),
    results: z.array(
      z.object({
        id: z.string(),
        ok: z.boolean(),
        status: z.string().optional(),
        error: z.object({ status: z.number(), code: z.string(), message: z.string() }).optional(),
      }),
    ),
  })
  .openapi('BulkSignResult');

export const ZAttachment = z
  .object({ id: z.string(), kind: z.enum(['file', 'link']), name: z.string(), size: z.number().nullable(), url: z.string() })
  .openapi('CommunicationAttachment');

export const ZVerification = z
  .object({
    verificationCode: z.string(),
    registryNumber: z.string(),
    subject: z.string(),
    sender: z.object({ organisation: z.string(), unit: z.string() }),
    recipient: z.object({ organisation: z.string(), unit: z.string() }),
    signers: z.array(z.object({ name: z.string(), role: z.string().nullable(), signedAt: z.string() })),
    signedAt: z.string(),
    sha256: z.string(),
    size: z.number(),
    pdfUrl: z.string(),
  })
  .openapi('DocumentVerification');
