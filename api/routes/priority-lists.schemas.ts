import { z } from '@hono/zod-openapi';
import { convocationStates, verificationOutcomes } from '../../domain/priority-lists';
import { ZId, ZPageQuery } from '../schemas';

export const ZPriorityList = z
  .object({
    id: ZId,
    name: z.string(),
    fileName: z.string().nullable(),
    workerCount: z.number().int(),
    createdBy: z.string().nullable(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PriorityList');

export const ZImportPriorityListResult = z
  .object({
    id: ZId,
    imported: z.number().int().openapi({ description: 'Workers on the list' }),
    newPersons: z.number().int().openapi({ description: 'Person files created for workers not known yet' }),
    matched: z.number().int().openapi({ description: 'Workers matched by codice fiscale to an existing person file' }),
  })
  .openapi('ImportPriorityListResult');

export const ZVerificationOutcome = z.enum(verificationOutcomes);

export const ZVerification = z
  .object({ outcome: ZVerificationOutcome, note: z.string().nullable(), at: z.string(), by: z.string().nullable(), byName: z.string().nullable() })
  .openapi('WorkerVerification');

export const ZPriorityListWorker = z
  .object({
    personId: ZId,
    line: z.number().int().openapi({ description: 'Line of the imported file' }),
    codiceFiscale: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string(),
    province: z.string(),
    benefit: z.string().nullable(),
    convocation: z.enum(convocationStates).openapi({ description: 'From the latest appointment that was not cancelled' }),
    verification: ZVerification.nullable(),
  })
  .openapi('PriorityListWorker');

export const ZWorkerFilter = z.object({
  convocation: z.enum(convocationStates).optional(),
  verification: z.enum([...verificationOutcomes, 'none']).optional().openapi({ description: 'An outcome, or none (not verified yet)' }),
  q: z.string().trim().max(100).optional().openapi({ description: 'Part of the name or codice fiscale' }),
});
export const ZWorkerListQuery = ZPageQuery.extend(ZWorkerFilter.shape);

export const ZVerificationRequest = z
  .object({
    outcome: ZVerificationOutcome.openapi({ description: 'renounced and excluded_employed forbid booking appointments; eligible clears it' }),
    note: z.string().trim().max(2000).nullish(),
  })
  .strict()
  .openapi('VerificationRequest');

export const ZVerificationResult = z
  .object({ personId: ZId, outcome: ZVerificationOutcome, note: z.string().nullable(), at: z.string(), by: z.string(), byName: z.string() })
  .openapi('VerificationResult');

export const ZVerificationHistory = z.object({
  items: z.array(z.object({ id: ZId, outcome: ZVerificationOutcome, note: z.string().nullable(), listId: z.string().nullable(), at: z.string(), by: z.string().nullable(), byName: z.string().nullable() })),
});

export const ZWorkerParams = z.object({
  id: ZId.openapi({ param: { name: 'id', in: 'path' } }),
  personId: ZId.openapi({ param: { name: 'personId', in: 'path' } }),
});
