import { z } from '@hono/zod-openapi';
import { documentTypes } from '../../domain/identity-documents';
import { ZDate, ZPageQuery } from '../schemas';

const name = z.string().trim().min(1).max(120);
const ZEmailEntry = z.object({
  address: z.string().trim().toLowerCase().pipe(z.email()),
  label: z.string().trim().max(40).optional(),
  isPrimary: z.boolean().optional(),
});
const ZPhoneEntry = z.object({
  number: z.string().trim().min(3).max(30).openapi({ example: '+34 600 111 222' }),
  label: z.string().trim().max(40).optional(),
  isPrimary: z.boolean().optional(),
});

const personFields = {
  firstName: name.optional(),
  lastName: name.optional(),
  documentId: z
    .string()
    .trim()
    .max(40)
    .optional()
    .openapi({ example: '12345678Z', description: 'A DNI, NIE or codice fiscale is checked by its control character (400 invalid_dni / invalid_nie / invalid_codice_fiscale)' }),
  documentType: z.enum(documentTypes).optional().openapi({ description: 'Without it, the type is taken from the number’s shape' }),
  birthDate: ZDate.optional().openapi({ example: '1980-04-23' }),
  email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  phone: z.string().trim().min(3).max(30).optional().openapi({ example: '+34600111222' }),
  emails: z.array(ZEmailEntry).max(10).optional(),
  phones: z.array(ZPhoneEntry).max(10).optional(),
  address: z.string().trim().max(300).optional(),
  notes: z.string().trim().max(5000).optional(),
  anonymous: z.boolean().optional(),
};

export const ZCreatePersonRequest = z
  .object(personFields)
  .superRefine((p, ctx) => {
    if (p.anonymous) return;
    if (!p.firstName) ctx.addIssue({ code: 'custom', path: ['firstName'], message: 'Required unless the profile is anonymous', params: { code: 'required' } });
    if (!p.lastName) ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'Required unless the profile is anonymous', params: { code: 'required' } });
  })
  .openapi('CreatePersonRequest');
export type TCreatePersonRequest = z.infer<typeof ZCreatePersonRequest>;

const nullable = <T extends z.ZodTypeAny>(s: T) => s.nullable().optional();
export const ZUpdatePersonRequest = z
  .object({
    firstName: nullable(name),
    lastName: nullable(name),
    documentId: nullable(z.string().trim().max(40)),
    documentType: nullable(z.enum(documentTypes)),
    birthDate: nullable(ZDate),
    email: nullable(z.string().trim().toLowerCase().pipe(z.email())),
    phone: nullable(z.string().trim().min(3).max(30)),
    emails: personFields.emails,
    phones: personFields.phones,
    address: nullable(z.string().trim().max(300)),
    notes: nullable(z.string().trim().max(5000)),
    anonymous: z.boolean().optional(),
  })
  .openapi('UpdatePersonRequest');
export type TUpdatePersonRequest = z.infer<typeof ZUpdatePersonRequest>;

export const ZContact = z.object({ id: z.string(), label: z.string().nullable(), isPrimary: z.boolean() });
export const ZPerson = z
  .object({
    id: z.string(),
    code: z.string(),
    anonymous: z.boolean(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    displayName: z.string(),
    documentId: z.string().nullable(),
    documentType: z.enum(documentTypes).nullable(),
    birthDate: z.string().nullable(),
    address: z.string().nullable(),
    notes: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    emails: z.array(ZContact.extend({ address: z.string() })),
    phones: z.array(ZContact.extend({ number: z.string() })),
    favorite: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Person');
export type TPerson = z.infer<typeof ZPerson>;

export const ZPersonListItem = ZPerson.omit({ emails: true, phones: true, address: true, notes: true }).openapi('PersonListItem');
export type TPersonListItem = z.infer<typeof ZPersonListItem>;

export const ZPersonListQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional().openapi({ description: 'Name, surname, code, document, email or phone; accents and case ignored' }),
  favorite: z.enum(['true', 'false']).optional(),
  sort: z.enum(['name', 'code', 'recent']).default('name'),
});

export const ZActivityEntry = z
  .object({
    id: z.string(),
    action: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    subjectType: z.string(),
    subjectId: z.string(),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .openapi('ActivityEntry');

export const ZDeletionImpact = z
  .object({
    personId: z.string(),
    removes: z.record(z.string(), z.number().int()),
    /** Per kind, how its count splits: interventions → { open, closed, followUps }. */
    breakdown: z.record(z.string(), z.record(z.string(), z.number().int())),
    /** Per kind, the codes of records that stop the deletion (open interventions) until dealt with. */
    blockedBy: z.record(z.string(), z.array(z.string())),
  })
  .openapi('PersonDeletionImpact');

export const ZDuplicateQuery = z
  .object({
    documentId: z.string().trim().max(40).optional(),
    firstName: z.string().trim().max(120).optional(),
    lastName: z.string().trim().max(120).optional(),
    birthDate: ZDate.optional(),
    excludeId: z.uuid().optional().openapi({ description: 'The file being edited, not a duplicate of itself' }),
  })
  .openapi('PersonDuplicateQuery');
export const ZPossibleDuplicate = z
  .object({
    id: z.string(),
    code: z.string(),
    displayName: z.string(),
    documentId: z.string().nullable(),
    birthDate: z.string().nullable(),
    reasons: z.array(z.enum(['same_document', 'same_name_and_birth_date'])),
  })
  .openapi('PossibleDuplicate');
