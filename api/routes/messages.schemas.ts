import { z } from '@hono/zod-openapi';
import { MESSAGE_PLACEHOLDERS, unknownPlaceholders } from '../../domain/messages';
import { ZId } from '../schemas';

const ZChannel = z.enum(['email', 'sms']).openapi({ example: 'email' });
const ZMessageStatus = z.enum(['queued', 'sent', 'delivered', 'failed', 'bounced', 'undelivered', 'simulated']);

/** A text with `{{placeholder}}`s: an unknown one is a 400 naming it (in the reader's language). */
const withPlaceholders = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      for (const name of unknownPlaceholders(text)) {
        ctx.addIssue({ code: 'custom', message: 'unknown_placeholder', params: { code: 'unknown_placeholder', messageParams: { name } } });
      }
    })
    .openapi({ description: `May use ${MESSAGE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}` });

const messageText = {
  subject: withPlaceholders(200).optional().openapi({ example: 'Cita del martes' }),
  body: withPlaceholders(5000).openapi({ example: 'Hola {{name}}, te esperamos el martes a las 10.' }),
};

const requireSubjectForEmail = (m: { channel: string; subject?: string }, ctx: z.RefinementCtx) => {
  if (m.channel === 'email' && !m.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'Required for an email' });
};

export const ZSendMessageRequest = z
  .object({
    channel: ZChannel,
    /** One of the person's emails or phones; the preferred one when absent. */
    to: z.string().trim().min(3).max(254).optional().openapi({ example: 'lucia@example.org' }),
    ...messageText,
  })
  .superRefine(requireSubjectForEmail)
  .openapi('SendMessageRequest');
export type TSendMessageRequest = z.infer<typeof ZSendMessageRequest>;

export const ZSentMessage = z.object({ id: z.string(), status: ZMessageStatus }).openapi('SentMessage');

export const ZMessage = z
  .object({
    id: z.string(),
    channel: ZChannel,
    to: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    status: ZMessageStatus,
    reason: z.string().nullable(),
    simulated: z.boolean(),
    segments: z.number().int(),
    sentBy: z.string().nullable(),
    sentByName: z.string().nullable(),
    ownerType: z.string().nullable(),
    ownerId: z.string().nullable(),
    createdAt: z.string(),
    statusAt: z.string(),
    history: z.array(z.object({ status: ZMessageStatus, reason: z.string().nullable(), at: z.string() })),
  })
  .openapi('Message');

const ZRecipients = {
  channel: ZChannel,
  personIds: z.array(ZId).min(1).max(10_000).optional(),
  favorites: z.literal(true).optional(),
  filter: z.object({ q: z.string().trim().max(200).optional() }).optional(),
  contactListId: ZId.optional(),
};
const oneSource = (m: { personIds?: unknown; favorites?: unknown; filter?: unknown; contactListId?: unknown }, ctx: z.RefinementCtx) => {
  const given = ['personIds', 'favorites', 'filter', 'contactListId'].filter((k) => (m as Record<string, unknown>)[k] !== undefined);
  if (given.length !== 1) ctx.addIssue({ code: 'custom', path: ['personIds'], message: 'Give exactly one of personIds, favorites, filter or contactListId' });
};

export const ZBulkPreviewRequest = z.object(ZRecipients).superRefine(oneSource).openapi('BulkMessagePreviewRequest');
export type TBulkPreviewRequest = z.infer<typeof ZBulkPreviewRequest>;

const ZExcluded = z.object({
  personId: z.string(),
  name: z.string(),
  reason: z.enum(['missing_email', 'invalid_email', 'missing_phone', 'not_mobile']),
});
export const ZBulkPreview = z
  .object({ total: z.number().int(), invalid: z.array(ZExcluded), segments: z.number().int().optional() })
  .openapi('BulkMessagePreview');

export const ZBulkMessageRequest = z
  .object({ ...ZRecipients, ...messageText })
  .superRefine(oneSource)
  .superRefine(requireSubjectForEmail)
  .openapi('BulkMessageRequest');
export type TBulkMessageRequest = z.infer<typeof ZBulkMessageRequest>;

export const ZBulkStarted = z.object({ id: z.string(), total: z.number().int(), invalid: z.array(ZExcluded) }).openapi('BulkMessageStarted');

export const ZBulkProgress = z
  .object({
    id: z.string(),
    channel: ZChannel,
    status: z.enum(['running', 'completed', 'cancelled']),
    sent: z.number().int(),
    failed: z.number().int(),
    pending: z.number().int(),
    total: z.number().int(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('BulkMessageProgress');

export const ZBulkRecipient = z
  .object({
    personId: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    outcome: z.enum(['pending', 'queued', 'sent', 'delivered', 'simulated', 'failed', 'bounced', 'undelivered', 'excluded', 'not_sent']),
    reason: z.string().nullable(),
  })
  .openapi('BulkMessageRecipient');

export const ZMessagingSettings = z
  .object({
    smsEnabled: z.boolean(),
    smsBalance: z.number().int(),
    emailsPerSecond: z.number().int(),
    smsPerSecond: z.number().int(),
    smsLive: z.boolean(),
  })
  .openapi('MessagingSettings');

export const ZUpdateMessagingSettings = z
  .object({
    smsEnabled: z.boolean().optional(),
    emailsPerSecond: z.number().int().min(1).max(1000).optional(),
    smsPerSecond: z.number().int().min(1).max(100).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Say what to change: smsEnabled, emailsPerSecond or smsPerSecond' })
  .openapi('UpdateMessagingSettings');

export const ZSmsTopUp = z
  .object({ delta: z.number().int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0, 'Must not be 0') })
  .openapi('SmsBalanceChangeRequest');

export const ZSmsBalanceChange = z
  .object({ id: z.string(), delta: z.number().int(), balanceAfter: z.number().int(), reason: z.string(), messageId: z.string().nullable(), createdAt: z.string() })
  .openapi('SmsBalanceChange');

export const ZContactList = z
  .object({ id: z.string(), name: z.string(), members: z.number().int(), createdAt: z.string() })
  .openapi('ContactList');
export const ZCreateContactList = z
  .object({ name: z.string().trim().min(1).max(120), personIds: z.array(ZId).max(10_000).default([]) })
  .openapi('CreateContactListRequest');
export const ZContactListMembers = z.object({ personIds: z.array(ZId).max(10_000) }).openapi('ContactListMembersRequest');

export const ZTwilioStatusCallback = z
  .object({
    MessageSid: z.string().min(1).max(64),
    MessageStatus: z.string().min(1).max(32),
    ErrorCode: z.string().max(16).optional(),
  })
  .passthrough()
  .openapi('TwilioStatusCallback');

export const ZMessageTemplate = z
  .object({ id: z.string(), name: z.string(), channel: ZChannel, subject: z.string().nullable(), body: z.string(), updatedAt: z.string() })
  .openapi('MessageTemplate');
export const ZMessageTemplateRequest = z
  .object({ name: z.string().trim().min(1).max(120), channel: ZChannel, ...messageText })
  .superRefine(requireSubjectForEmail)
  .openapi('MessageTemplateRequest');
export type TMessageTemplateRequest = z.infer<typeof ZMessageTemplateRequest>;
