import { z } from '@hono/zod-openapi';
import { consentMethods, referralAnswerChannels, referralAnswerStatuses, referralChannels, referralDecisions, referralStatuses } from '../../domain/referrals';
import { ZError, ZId, ZPageQuery, ZPlannedAt } from '../schemas';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const ZReferralStatus = z.enum(referralStatuses);

// ---- requests ---------------------------------------------------------------------------------

export const ZCreateReferralRequest = z
  .object({
    resourceId: ZId.openapi({ description: 'A resource of the organisation’s directory' }),
    note: optionalText(5_000).openapi({ description: 'The professional’s note to the service: why, what is expected' }),
  })
  .strict()
  .openapi('CreateReferralRequest');

export const ZSendReferralRequest = z
  .object({
    channels: z.array(z.enum(referralChannels)).min(1).max(2).openapi({ description: 'How the person is told: email, SMS or both', example: ['email'] }),
    consent: z
      .object({ given: z.boolean(), method: z.enum(consentMethods) })
      .nullish()
      .openapi({ description: 'The person’s consent to share their data with the service; without it → 422 consent_required' }),
    email: z.email().max(254).nullish().openapi({ description: 'Overrides the person file’s email for this sending' }),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).nullish().openapi({ description: 'Overrides the person file’s phone for this sending' }),
  })
  .strict()
  .openapi('SendReferralRequest');

const needsReason = (v: { status?: string; decision?: string; reason?: string | null }, ctx: z.RefinementCtx) => {
  const s = v.status ?? v.decision;
  if ((s === 'declined' || s === 'cancelled') && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'A reason is required' });
};

export const ZReferralStatusRequest = z
  .object({
    status: z.enum(referralAnswerStatuses),
    reason: optionalText(1_000).openapi({ description: 'Required for declined and cancelled' }),
    note: optionalText(5_000),
    via: z.enum(referralAnswerChannels).exclude(['link', 'in_app']).default('phone').openapi({ description: 'How staff learnt it (history); default phone' }),
  })
  .strict()
  .superRefine(needsReason)
  .openapi('ReferralStatusRequest');

export const ZReferralAnswerRequest = z
  .object({
    decision: z.enum(referralDecisions),
    reason: optionalText(1_000).openapi({ description: 'Required for declined' }),
    note: optionalText(5_000),
  })
  .strict()
  .superRefine(needsReason)
  .openapi('ReferralAnswerRequest');

export const ZReferralFollowUpRequest = z
  .object({ dueAt: ZPlannedAt.openapi({ description: 'ISO 8601 with offset, or a date (then 09:00 in the organisation’s time zone)' }), note: text(2_000).optional() })
  .strict()
  .openapi('ReferralFollowUpRequest');
export const ZCompleteReferralFollowUpRequest = z.object({ outcome: text(200), notes: optionalText(5_000) }).strict().openapi('CompleteReferralFollowUpRequest');
export const ZCancelReferralFollowUpRequest = z.object({ reason: optionalText(1_000) }).strict().openapi('CancelReferralFollowUpRequest');

const bool = z.enum(['true', 'false']).optional();
export const ZReferralListQuery = ZPageQuery.extend({
  status: z
    .string()
    .regex(new RegExp(`^(${referralStatuses.join('|')})(,(${referralStatuses.join('|')}))*$`))
    .optional()
    .openapi({ description: 'One status or several separated by commas' }),
  awaitingAnswer: bool.openapi({ description: 'Sent, the service has not answered yet' }),
  overdue: bool.openapi({ description: 'Unanswered past the answer delay, or accepted and the outcome requested' }),
  assignee: z.union([z.literal('me'), ZId]).optional().openapi({ description: 'me or a user id' }),
  interventionId: ZId.optional(),
  personId: ZId.optional(),
  resourceId: ZId.optional(),
});
export type TReferralListQuery = z.infer<typeof ZReferralListQuery>;

export const ZReferralReportQuery = z.object({
  from: z.iso.date().optional().openapi({ description: 'Created on or after this date' }),
  to: z.iso.date().optional().openapi({ description: 'Created on or before this date' }),
  format: z.enum(['json', 'csv']).default('json'),
});

export const ZTokenParam = z.object({
  token: z.string().min(1).max(200).openapi({ param: { name: 'token', in: 'path' }, description: 'The token of the link the service received' }),
});

// ---- responses --------------------------------------------------------------------------------

export const ZReferralListItem = z
  .object({
    id: z.string(),
    interventionId: z.string(),
    interventionCode: z.string(),
    personId: z.string(),
    personName: z.string(),
    resourceId: z.string(),
    resourceName: z.string(),
    status: ZReferralStatus,
    assigneeId: z.string(),
    assigneeName: z.string().nullable(),
    sentAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    nextChaseAt: z.string().nullable(),
    chases: z.number().int(),
    pendingFollowUps: z.number().int(),
    overdue: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ReferralListItem');

export const ZReferralFollowUp = z
  .object({
    id: z.string(),
    dueAt: z.string(),
    overdueAt: z.string().nullable(),
    note: z.string(),
    status: z.enum(['scheduled', 'due', 'overdue', 'completed', 'cancelled']),
    overdue: z.boolean(),
    chases: z.number().int(),
    outcome: z.string().nullable(),
    notes: z.string().nullable(),
    createdBy: z.string(),
    finishedBy: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ReferralFollowUp');

export const ZReferralEvent = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    action: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable().openapi({ description: 'The user, or the service’s name when it answered through its link' }),
    note: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('ReferralEvent');

export const ZConsentFile = z
  .object({
    name: z.string().openapi({ description: 'Sanitised: no path or reserved characters, the extension of the type the content really is' }),
    mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
    size: z.number().int(),
    attachedBy: z.string(),
    attachedAt: z.string(),
  })
  .openapi('ReferralConsentFile');

export const ZReferralDetail = ZReferralListItem.extend({
  note: z.string().nullable(),
  reason: z.string().nullable(),
  channels: z.array(z.string()),
  consent: z
    .object({
      given: z.boolean(),
      method: z.string(),
      recordedBy: z.string(),
      recordedAt: z.string(),
      file: ZConsentFile.nullable().openapi({ description: 'The signed written consent once attached (download: GET /api/referrals/{id}/consent-file)' }),
    })
    .nullable(),
  receivingOrganisationId: z.string().nullable(),
  resource: z.object({ id: z.string(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable(), languages: z.array(z.string()) }),
  history: z.array(ZReferralEvent),
  followUps: z.array(ZReferralFollowUp),
  workflowId: z.string(),
}).openapi('ReferralDetail');

export const ZReferralChange = z.object({ id: z.string(), status: ZReferralStatus }).openapi('ReferralChange');

export const ZReceivedReferral = z
  .object({
    id: z.string(),
    status: ZReferralStatus,
    resourceName: z.string(),
    fromOrganisation: z.string(),
    professionalName: z.string().nullable(),
    professionalEmail: z.string().nullable(),
    personName: z.string(),
    need: z.string(),
    note: z.string().nullable(),
    sentAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
  })
  .openapi('ReceivedReferral');

export const ZReferralAnswerView = z
  .object({
    status: ZReferralStatus,
    locale: z.string().openapi({ description: 'The service’s language: the page speaks it' }),
    organisation: z.string().openapi({ description: 'Who refers' }),
    professional: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
    resource: z.string(),
    person: z.string(),
    need: z.string(),
    note: z.string().nullable(),
    sentAt: z.string().nullable(),
    decisions: z.array(z.enum(referralDecisions)).openapi({ description: 'What the service may answer now' }),
  })
  .openapi('ReferralAnswerView');

const ZReportRow = z.object({
  id: z.string().nullable(),
  name: z.string(),
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  withOutcome: z.number().int(),
  outcomeShare: z.number().nullable().openapi({ description: 'completed + no_show over referrals the service accepted' }),
  medianWorkingDaysToAnswer: z.number().nullable(),
  medianWorkingDaysToOutcome: z.number().nullable(),
});
export const ZReferralReport = z
  .object({ overall: ZReportRow, byResource: z.array(ZReportRow), byProfessional: z.array(ZReportRow) })
  .openapi('ReferralReport');

export const ZFhirBundle = z
  .object({ resourceType: z.literal('Bundle'), type: z.literal('collection'), entry: z.array(z.object({ resource: z.record(z.string(), z.unknown()) })) })
  .openapi('FhirReferralBundle', { description: 'HL7 FHIR R4 ServiceRequest and its Task' });

export const gone = { content: { 'application/json': { schema: ZError } }, description: 'The link was revoked, has expired, or the referral is resolved' } as const;
export const unprocessable = { content: { 'application/json': { schema: ZError } }, description: 'Business rule: consent_required, missing_email, missing_phone, sms_disabled, reason_required' } as const;
