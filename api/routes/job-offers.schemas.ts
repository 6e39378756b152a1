import { z } from '@hono/zod-openapi';
import { isValidEmployerTaxId, normaliseTaxId } from '../../domain/job-offers/employer';
import { candidateStatuses, contractTypes, languageLevels, offerClosedReasons, offerStatuses } from '../../domain/job-offers/offers';
import { ZDate, ZId, ZPageQuery } from '../schemas';
import { ZReferralFollowUp } from './referrals.schemas';

const text = (max: number) => z.string().trim().max(max);
const code = z.string().trim().min(1).max(40);

/** domain/job-offers/offers.ts OfferCriteria: what candidate search applies first. */
export const ZOfferCriteria = z
  .object({
    occupation: code.optional().openapi({ description: 'CNO-11 occupation code', example: '5120' }),
    occupationText: text(200).optional(),
    educationLevel: code.optional().openapi({ description: 'SEPE education level code' }),
    minExperienceYears: z.number().min(0).max(60).optional().openapi({ description: 'Years of experience in the occupation' }),
    categories: z.array(code).max(50).optional().openapi({ description: 'Professional categories of the work experience' }),
    languages: z.array(z.object({ code: z.string().trim().min(2).max(8), level: z.enum(languageLevels).optional() }).strict()).max(20).optional(),
    licences: z.array(z.string().trim().min(1).max(10)).max(20).optional().openapi({ description: 'Driving licence classes (B, C1...)' }),
    ownVehicle: z.boolean().optional(),
    cards: z.array(code).max(50).optional().openapi({ description: 'Professional cards, valid on the offer’s start date' }),
    ageMin: z.number().int().min(16).max(100).optional(),
    ageMax: z.number().int().min(16).max(100).optional(),
    availability: z.array(z.enum(['full_time', 'part_time', 'mornings', 'afternoons', 'weekends', 'shifts', 'travel'])).max(7).optional(),
    province: text(60).optional(),
    municipality: text(120).optional(),
    maxDistanceKm: z.number().int().min(0).max(1000).optional(),
    sex: z.enum(['female', 'male']).optional(),
    disability: z.boolean().optional(),
    longTermUnemployed: z.boolean().optional(),
    youthGuarantee: z.boolean().optional(),
    keywords: text(300).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.ageMin !== undefined && c.ageMax !== undefined && c.ageMin > c.ageMax) ctx.addIssue({ code: 'custom', path: ['ageMax'], message: 'age_range', params: { code: 'age_range' } });
  })
  .openapi('JobOfferCriteria');

const ZTaxId = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .transform(normaliseTaxId)
  .superRefine((v, ctx) => {
    if (!isValidEmployerTaxId(v)) ctx.addIssue({ code: 'custom', message: 'invalid_tax_id', params: { code: 'invalid_tax_id' } });
  })
  .openapi({ description: 'CIF, NIF or NIE: format and check character are verified', example: 'B12345674' });

const ZEmployer = z
  .object({
    name: text(200).min(1),
    taxId: ZTaxId,
    contactName: text(200).nullish(),
    email: z.email().max(254).nullish(),
    phone: text(40).nullish(),
  })
  .strict();

const offerFields = {
  title: text(200).min(1),
  description: text(10_000).optional(),
  own: z.boolean().openapi({ description: 'The organisation’s own offer; false for a third-party employer' }),
  employer: ZEmployer,
  vacancies: z.number().int().min(1).max(1000),
  province: text(60).min(1),
  municipality: text(120).nullish(),
  contractType: z.enum(contractTypes).openapi({ description: 'SEPE contract code: 001 indefinido, 003 indefinido tiempo parcial, 401 obra o servicio, 501 eventual' }),
  salaryMin: z.number().int().min(0).max(1_000_000).nullish(),
  salaryMax: z.number().int().min(0).max(1_000_000).nullish(),
  startsOn: ZDate.nullish(),
  endsOn: ZDate.nullish().openapi({ description: 'The offer closes by itself when this day has passed (organisation’s zone)' }),
  criteria: ZOfferCriteria.optional(),
  searchFilters: z.record(z.string().max(60), z.unknown()).optional().openapi({ description: 'The search panel’s saved extra filters' }),
};

type Ranged = { salaryMin?: number | null; salaryMax?: number | null; startsOn?: string | null; endsOn?: string | null };
const ranges = (o: Ranged, ctx: z.RefinementCtx) => {
  if (o.salaryMin != null && o.salaryMax != null && o.salaryMin > o.salaryMax) ctx.addIssue({ code: 'custom', path: ['salaryMax'], message: 'salary_range', params: { code: 'salary_range' } });
  if (o.startsOn && o.endsOn && o.startsOn > o.endsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'date_range', params: { code: 'date_range' } });
};

export const ZCreateJobOfferRequest = z.object(offerFields).strict().superRefine(ranges).openapi('CreateJobOfferRequest');
export type TCreateJobOffer = z.infer<typeof ZCreateJobOfferRequest>;
export const ZUpdateJobOfferRequest = z
  .object({ ...offerFields, employer: ZEmployer.partial(), status: z.literal('closed').optional().openapi({ description: 'Closes the offer by hand' }) })
  .partial()
  .strict()
  .superRefine(ranges)
  .openapi('UpdateJobOfferRequest');
export type TUpdateJobOffer = z.infer<typeof ZUpdateJobOfferRequest>;

export const ZJobOfferListQuery = ZPageQuery.extend({ status: z.enum(offerStatuses).optional(), q: text(200).optional() });

export const ZAddCandidateRequest = z.object({ personId: ZId }).strict().openapi('AddJobOfferCandidateRequest');
export const ZCandidateStatusRequest = z
  .object({
    status: z.enum(candidateStatuses),
    date: ZDate.nullish().openapi({ description: 'placed: the placement date; today (organisation’s zone) when not given' }),
    contractType: z.enum(contractTypes).nullish().openapi({ description: 'placed: the contract signed; the offer’s when not given' }),
  })
  .strict()
  .openapi('JobOfferCandidateStatusRequest');
export const ZFavouriteRequest = z.object({ favourite: z.boolean() }).strict().openapi('JobOfferCandidateFavouriteRequest');
export const ZShareRequest = z.object({ expiresInDays: z.number().int().min(1).max(90), issuedTo: text(200).nullish() }).strict().openapi('JobOfferShareRequest');
export const ZMessageCandidatesRequest = z
  .object({
    audience: z.enum(['all', 'placed', 'favourites', 'one']),
    personId: ZId.optional().openapi({ description: 'audience one: the candidate' }),
    channel: z.enum(['email', 'sms']),
    subject: text(200).optional(),
    body: z.string().trim().min(1).max(5000),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.audience === 'one' && !m.personId) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'required', params: { code: 'required' } });
    if (m.channel === 'email' && !m.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'required', params: { code: 'required' } });
  })
  .openapi('JobOfferMessageRequest');
export const ZOfferFollowUpRequest = z.object({ dueAt: z.union([z.iso.datetime({ offset: true }), z.iso.date()]), note: text(2000).optional() }).strict().openapi('JobOfferFollowUpRequest');
export const ZCompleteFollowUpRequest = z.object({ outcome: text(2000).min(1), notes: text(5000).nullish() }).strict();
export const ZCancelFollowUpRequest = z.object({ reason: text(2000).nullish() }).strict();

// ---- responses --------------------------------------------------------------------------------

export const ZJobOffer = z
  .object({
    id: ZId,
    title: z.string(),
    own: z.boolean(),
    employer: z.object({ name: z.string(), taxId: z.string(), contactName: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
    vacancies: z.number().int(),
    placed: z.number().int(),
    candidates: z.number().int(),
    province: z.string(),
    municipality: z.string().nullable(),
    contractType: z.enum(contractTypes),
    salaryMin: z.number().int().nullable(),
    salaryMax: z.number().int().nullable(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    status: z.enum(offerStatuses),
    closedReason: z.enum(offerClosedReasons).nullable(),
    closedAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('JobOffer');

export const ZCandidate = z
  .object({
    personId: ZId,
    name: z.string(),
    code: z.string(),
    status: z.enum(candidateStatuses),
    favourite: z.boolean(),
    statusAt: z.string(),
    statusBy: z.string().nullable(),
    placedOn: z.string().nullable(),
    contractType: z.enum(contractTypes).nullable(),
    interestRemindedAt: z.string().nullable(),
    history: z.array(z.object({ at: z.string(), by: z.string().nullable(), from: z.string().nullable(), to: z.string(), placedOn: z.string().nullish(), contractType: z.string().nullish() })),
  })
  .openapi('JobOfferCandidate');

export const ZShare = z
  .object({ id: ZId, issuedTo: z.string().nullable(), expiresAt: z.string(), revokedAt: z.string().nullable(), views: z.number().int(), lastViewedAt: z.string().nullable(), createdAt: z.string() })
  .openapi('JobOfferShare');

export const ZJobOfferDetail = ZJobOffer.extend({
  description: z.string(),
  criteria: ZOfferCriteria,
  searchFilters: z.record(z.string(), z.unknown()),
  candidateList: z.array(ZCandidate),
  shares: z.array(ZShare),
  followUps: z.array(ZReferralFollowUp),
  workflowId: z.string(),
}).openapi('JobOfferDetail');

export const ZJobOfferChange = z
  .object({ id: ZId, status: z.enum(offerStatuses), closedReason: z.enum(offerClosedReasons).nullable(), placed: z.number().int() })
  .openapi('JobOfferChange');

export const ZShareCreated = z.object({ id: ZId, url: z.string(), token: z.string(), expiresAt: z.string() }).openapi('JobOfferShareCreated');

export const ZPublicShare = z
  .object({
    offer: z.object({ title: z.string(), description: z.string(), employer: z.string(), province: z.string(), municipality: z.string().nullable(), contractType: z.enum(contractTypes), vacancies: z.number().int() }),
    organisation: z.string(),
    locale: z.string(),
    expiresAt: z.string(),
    candidates: z.array(z.object({ name: z.string(), cvUrl: z.string().openapi({ description: 'A signed link to the CV PDF, valid for an hour' }) })),
  })
  .openapi('JobOfferPublicShare');

export const ZShareTokenParam = z.object({
  token: z.string().min(1).max(200).openapi({ param: { name: 'token', in: 'path' }, description: 'The token of the link the company received' }),
});
