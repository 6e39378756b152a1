// Job offers of a placement agency (issue 14). The offer's workflow (`job-offer-<id>`) owns the
// candidates' statuses and the offer's closing; job_offers' status columns and
// job_offer_candidates are its projection (written with the workflow's version). The offer's own
// data (title, employer, criteria...) is edited here directly. Shares reuse public_links (purpose
// cv_share) and log every view in job_offer_share_views.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { CandidateStatus, ContractType, OfferClosedReason, OfferCriteria, OfferStatus } from '../../domain/job-offers/offers';
import { createdAt, id, timestamps } from './common';
import { organisations } from './organisations';
import { persons } from './persons';
import { publicLinks } from './public-links';

export interface CandidateHistoryEntry {
  at: string;
  by: string | null;
  from: CandidateStatus | null;
  to: CandidateStatus;
  placedOn?: string | null;
  contractType?: string | null;
  note?: string | null;
}

export const jobOffers = pgTable(
  'job_offers',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    /** The organisation's own offer, or a third-party employer's (named below). */
    own: boolean('own').notNull(),
    employerName: text('employer_name').notNull(),
    /** CIF, NIF or NIE, normalised and checked (domain/job-offers/employer.ts). */
    employerTaxId: text('employer_tax_id').notNull(),
    employerContactName: text('employer_contact_name'),
    employerEmail: text('employer_email'),
    employerPhone: text('employer_phone'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    vacancies: integer('vacancies').notNull(),
    province: text('province').notNull(),
    municipality: text('municipality'),
    contractType: text('contract_type').$type<ContractType>().notNull(),
    salaryMin: integer('salary_min'),
    salaryMax: integer('salary_max'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    /** What candidate search applies first (domain/job-offers/offers.ts OfferCriteria). */
    criteria: jsonb('criteria').$type<OfferCriteria>().notNull().default({}),
    /** The search panel's extra filters, relaxed or tightened, saved with the offer. */
    searchFilters: jsonb('search_filters').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<OfferStatus>().notNull().default('open'),
    closedReason: text('closed_reason').$type<OfferClosedReason>(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    placedCount: integer('placed_count').notNull().default(0),
    workflowId: text('workflow_id').notNull(),
    projectionVersion: integer('projection_version').notNull().default(0),
    createdBy: text('created_by').notNull(),
    ...timestamps(),
  },
  (t) => [
    index('job_offers_org_status_idx').on(t.organisationId, t.status, t.createdAt),
    index('job_offers_employer_idx').on(t.organisationId, t.employerTaxId),
  ],
);

export const jobOfferCandidates = pgTable(
  'job_offer_candidates',
  {
    offerId: text('offer_id').notNull().references(() => jobOffers.id, { onDelete: 'cascade' }),
    personId: text('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    status: text('status').$type<CandidateStatus>().notNull(),
    favourite: boolean('favourite').notNull().default(false),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull(),
    statusBy: text('status_by'),
    /** The placement's date ("fecha de inserción"): today unless the professional says otherwise. */
    placedOn: date('placed_on'),
    contractType: text('contract_type').$type<ContractType>(),
    /** When the professional was reminded that this candidate's interest is unchecked. */
    interestRemindedAt: timestamp('interest_reminded_at', { withTimezone: true }),
    history: jsonb('history').$type<CandidateHistoryEntry[]>().notNull().default([]),
    addedBy: text('added_by'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    projectionVersion: integer('projection_version').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.offerId, t.personId] }),
    index('job_offer_candidates_person_idx').on(t.personId),
    index('job_offer_candidates_placed_idx').on(t.organisationId, t.placedOn).where(sql`status = 'placed'`),
  ],
);

/** A link given to the company: its token, expiry and revocation are the public_links row's. */
export const jobOfferShares = pgTable(
  'job_offer_shares',
  {
    id: id(),
    offerId: text('offer_id').notNull().references(() => jobOffers.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    tokenHash: text('token_hash').notNull().unique().references(() => publicLinks.tokenHash, { onDelete: 'cascade' }),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('job_offer_shares_offer_idx').on(t.offerId)],
);

/** Every opening of a share (the page or one CV), with when, from where and with what browser. */
export const jobOfferShareViews = pgTable(
  'job_offer_share_views',
  {
    id: id(),
    shareId: text('share_id').notNull().references(() => jobOfferShares.id, { onDelete: 'cascade' }),
    offerId: text('offer_id').notNull(),
    /** `offer` (the page) or `cv` (one candidate's CV). */
    what: text('what').$type<'offer' | 'cv'>().notNull(),
    personId: text('person_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    viewedAt: timestamp('viewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('job_offer_share_views_share_idx').on(t.shareId, t.viewedAt)],
);
