// The resource directory and referrals (derivaciones). The referral workflow owns each
// referral's lifecycle; the referral tables are its projection (written by activities with the
// workflow's version, as for interventions) and serve lists, counts and the report as plain SQL.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamps } from './common';
import { interventions } from './interventions';
import { organisations } from './organisations';
import { persons } from './persons';

/** A service or organisation people are referred to, in one organisation's directory. */
export const resources = pgTable(
  'resources',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Second-level needs it serves: resources serving the case's need rank first. */
    needCodes: text('need_codes').array().notNull().default(sql`'{}'::text[]`),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    openingHours: text('opening_hours'),
    /** Languages its staff speak (es, it, en, ca, ar…): the answer page and emails use the first. */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    /** A partner organisation known to Cauce: its users see the referral in "Derivaciones recibidas". */
    partnerOrganisationId: text('partner_organisation_id').references(() => organisations.id),
    /** Lower-cased, accent-free name, description and address: what search matches. */
    searchText: text('search_text').notNull().default(''),
    createdBy: text('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('resources_org_name_idx').on(t.organisationId, t.active, t.name),
    index('resources_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('resources_needs_idx').using('gin', t.needCodes),
    index('resources_partner_idx').on(t.partnerOrganisationId).where(sql`partner_organisation_id IS NOT NULL`),
  ],
);

export type ReferralStatusColumn = 'draft' | 'sent' | 'accepted' | 'declined' | 'completed' | 'no_show' | 'cancelled';

/** How the person agreed to their data being shared with the receiving service. */
export interface ReferralConsent {
  given: true;
  method: 'verbal' | 'written';
  recordedBy: string;
  recordedAt: string;
  /** The signed written consent, attached later; its bytes are in communication_attachments. */
  file?: { id: string; name: string; mediaType: string; size: number; attachedBy: string; attachedAt: string } | null;
}

export const referrals = pgTable(
  'referrals',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    interventionId: text('intervention_id').notNull().references(() => interventions.id, { onDelete: 'cascade' }),
    personId: text('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    resourceId: text('resource_id').notNull().references(() => resources.id),
    /** Copied at creation: the history reads right after the directory entry changes. */
    resourceName: text('resource_name').notNull(),
    /** Set when the resource is a partner organisation: its users may answer in the app. */
    receivingOrganisationId: text('receiving_organisation_id'),
    status: text('status').$type<ReferralStatusColumn>().notNull().default('draft'),
    /** The professional's note to the service (why, what is expected). */
    note: text('note'),
    /** The professional who follows it: reminded, notified of answers. */
    assigneeId: text('assignee_id').notNull(),
    createdBy: text('created_by').notNull(),
    channels: text('channels').array().notNull().default(sql`'{}'::text[]`),
    consent: jsonb('consent').$type<ReferralConsent>(),
    reason: text('reason'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The service's first answer (accepted / declined): what the chasing waits for. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** completed / no_show / declined / cancelled. */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** Next chase (reminder, escalation, outcome request): the "overdue" filter. */
    nextChaseAt: timestamp('next_chase_at', { withTimezone: true }),
    chases: integer('chases').notNull().default(0),
    pendingFollowUps: integer('pending_follow_ups').notNull().default(0),
    workflowId: text('workflow_id').notNull(),
    projectionVersion: integer('projection_version').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    index('referrals_org_status_idx').on(t.organisationId, t.status, t.updatedAt),
    index('referrals_org_assignee_idx').on(t.organisationId, t.assigneeId, t.status, t.updatedAt),
    index('referrals_intervention_idx').on(t.interventionId, t.createdAt),
    index('referrals_person_idx').on(t.personId, t.createdAt),
    index('referrals_resource_idx').on(t.resourceId, t.createdAt),
    index('referrals_receiving_idx').on(t.receivingOrganisationId, t.status).where(sql`receiving_organisation_id IS NOT NULL`),
    index('referrals_org_chase_idx').on(t.organisationId, t.nextChaseAt).where(sql`next_chase_at IS NOT NULL`),
  ],
);

/** The history people see: every transition, who (a user or the service through its link), how it was learnt. */
export const referralEvents = pgTable(
  'referral_events',
  {
    referralId: text('referral_id').notNull().references(() => referrals.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    organisationId: text('organisation_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id'),
    /** Who answered when it was not a user: the service's name through its link. */
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.referralId, t.seq] })],
);
