import { z } from '@hono/zod-openapi';
import { accreditationStatuses } from '../../domain/accreditations';
import { ZPageQuery } from '../schemas';

const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const ZAccreditationStatus = z.enum(accreditationStatuses);

const fields = {
  cpiId: z.string().trim().min(1).max(120).openapi({ description: 'The CPI office the operator works at: its code or name', example: 'CPI Bari' }),
  province: optionalText(80).openapi({ description: 'Province (sigla or name)', example: 'BA' }),
  role: optionalText(120).openapi({ description: 'The operator’s role or qualification at the CPI', example: 'Operatore del mercato del lavoro' }),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).nullish().openapi({ description: 'Office phone', example: '+39 080 123456' }),
  note: optionalText(2_000),
};

export const ZCreateAccreditationRequest = z
  .object({
    ...fields,
    submit: z.boolean().default(true).openapi({ description: 'false keeps it as a draft to submit later (POST /{id}/submit); by default the request goes to the service centre at once' }),
  })
  .strict()
  .openapi('CreateAccreditationRequest');

export const ZEditAccreditationRequest = z.object(fields).strict().openapi('EditAccreditationRequest');

export const ZRejectAccreditationRequest = z
  .object({ reason: z.string().trim().min(1).max(1_000).openapi({ description: 'Why; the operator reads it' }) })
  .strict()
  .openapi('RejectAccreditationRequest');

export const ZAccreditationListQuery = ZPageQuery.extend({
  status: ZAccreditationStatus.optional(),
  mine: z.enum(['true', 'false']).optional().openapi({ description: 'Only the caller’s own requests (the service centre sees all of the organisation’s otherwise)' }),
});
export type TAccreditationListQuery = z.infer<typeof ZAccreditationListQuery>;

const ZEvent = z.object({ seq: z.number().int(), at: z.string(), by: z.string().nullable(), byName: z.string().nullable(), action: z.string(), note: z.string().nullable() });

export const ZAccreditation = z
  .object({
    id: z.string(),
    userId: z.string(),
    userName: z.string(),
    userEmail: z.string(),
    cpiId: z.string(),
    province: z.string().nullable(),
    role: z.string().nullable(),
    phone: z.string().nullable(),
    note: z.string().nullable(),
    status: ZAccreditationStatus,
    reason: z.string().nullable(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    reminders: z.number().int(),
    nextReminderAt: z.string().nullable(),
    createdAt: z.string(),
    workflowId: z.string().nullable(),
    history: z.array(ZEvent),
  })
  .openapi('Accreditation');

export const ZAccreditationChange = z.object({ id: z.string(), status: ZAccreditationStatus }).openapi('AccreditationChange');

export const ZMyAccreditation = z
  .object({
    cpi: z.boolean().openapi({ description: 'The caller’s organisation is a CPI' }),
    required: z.boolean().openapi({ description: 'Whether the caller must be accredited to work in the CPI’s pages' }),
    accredited: z.boolean(),
    canDecide: z.boolean().openapi({ description: 'The caller is the service centre (approves and rejects requests)' }),
    requestPath: z.string().openapi({ description: 'The web app’s page where the request is made' }),
    latest: ZAccreditation.nullable().openapi({ description: 'The caller’s latest request, whatever its status' }),
  })
  .openapi('MyAccreditation');
