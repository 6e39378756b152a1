// Needs catalogue, assessments and interventions. The intervention workflow owns every case's
// lifecycle; the intervention tables are its projection (written by activities, each row with
// the workflow's version so a late write never overwrites a newer one) and serve lists, filters,
// counts and the calendar as plain indexed SQL.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import type { FollowUpOwnerType } from '../../domain/follow-ups';
import { createdAt, id, timestamps } from './common';
import { organisations } from './organisations';
import { persons } from './persons';

/**
 * Each organisation's copy of the three-level needs taxonomy (group → need → specific need).
 * Levels 1 and 2 are fixed; specific needs are the organisation's to add, rename and deactivate.
 */
export const needs = pgTable(
  'needs',
  {
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    code: text('code').notNull(),
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
    name: text('name').notNull(),
    /** Inactive needs cannot be chosen in new assessments but stay readable on old cases. */
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.code] }), index('needs_parent_idx').on(t.organisationId, t.parentCode)],
);

/** Organisations whose users may be added as collaborators on this organisation's cases. */
export const organisationPartners = pgTable(
  'organisation_partners',
  {
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    partnerId: text('partner_id').notNull().references(() => organisations.id),
    createdBy: text('created_by'),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.partnerId] }), index('organisation_partners_partner_idx').on(t.partnerId)],
);

/** A written needs assessment (valoración) and the interventions it opened or extended. */
export const assessments = pgTable(
  'assessments',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    personId: text('person_id').notNull().references(() => persons.id),
    summary: text('summary').notNull(),
    needCodes: text('need_codes').array().notNull(),
    /** [{interventionId, needCode, created}] as answered to the professional. */
    outcome: jsonb('outcome').$type<Array<{ interventionId: string; needCode: string; created: boolean }>>().notNull().default([]),
    createdBy: text('created_by').notNull(),
    ...timestamps(),
  },
  (t) => [index('assessments_person_idx').on(t.personId, t.createdAt)],
);

export type InterventionStatusColumn = 'open' | 'in_progress' | 'pending' | 'closed';

export const interventions = pgTable(
  'interventions',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    personId: text('person_id').notNull().references(() => persons.id),
    /** Human case code, e.g. INT-000042: what people search and what Temporal shows. */
    code: text('code').notNull(),
    /** The second-level need this case covers (one open case per person and need). */
    needCode: text('need_code').notNull(),
    groupCode: text('group_code').notNull(),
    status: text('status').$type<InterventionStatusColumn>().notNull().default('open'),
    assigneeId: text('assignee_id'),
    closureReason: text('closure_reason'),
    closureNote: text('closure_note'),
    openedBy: text('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    needsTotal: integer('needs_total').notNull().default(0),
    needsCovered: integer('needs_covered').notNull().default(0),
    openFlags: integer('open_flags').notNull().default(0),
    pendingFollowUps: integer('pending_follow_ups').notNull().default(0),
    overdueFollowUps: integer('overdue_follow_ups').notNull().default(0),
    nextFollowUpAt: timestamp('next_follow_up_at', { withTimezone: true }),
    workflowId: text('workflow_id').notNull(),
    projectionVersion: integer('projection_version').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    index('interventions_org_status_idx').on(t.organisationId, t.status, t.updatedAt),
    index('interventions_org_updated_idx').on(t.organisationId, t.updatedAt),
    index('interventions_org_assignee_idx').on(t.organisationId, t.assigneeId, t.status),
    index('interventions_org_opened_idx').on(t.organisationId, t.openedAt),
    index('interventions_org_need_idx').on(t.organisationId, t.needCode, t.status),
    index('interventions_person_idx').on(t.personId, t.needCode, t.status),
    // text_pattern_ops: a typed case code is searched as a prefix (INT-0001…).
    index('interventions_org_code_idx').on(t.organisationId, t.code.op('text_pattern_ops')),
    index('interventions_org_next_follow_up_idx').on(t.organisationId, t.nextFollowUpAt),
    index('interventions_org_overdue_idx').on(t.organisationId, t.updatedAt).where(sql`overdue_follow_ups > 0`),
    index('interventions_org_flagged_idx').on(t.organisationId, t.updatedAt).where(sql`open_flags > 0`),
  ],
);

const interventionRef = () => text('intervention_id').notNull().references(() => interventions.id, { onDelete: 'cascade' });
const version = () => integer('version').notNull().default(0);

/** Specific needs of a case, each covered (with a note) or not. */
export const interventionNeeds = pgTable(
  'intervention_needs',
  {
    interventionId: interventionRef(),
    organisationId: text('organisation_id').notNull(),
    code: text('code').notNull(),
    covered: boolean('covered').notNull().default(false),
    coveredAt: timestamp('covered_at', { withTimezone: true }),
    coveredBy: text('covered_by'),
    coverNote: text('cover_note'),
    assessmentId: text('assessment_id'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.interventionId, t.code] })],
);

/** Actuaciones: what the professional did, on which date. */
export const interventionActions = pgTable(
  'intervention_actions',
  {
    id: text('id').primaryKey(),
    interventionId: interventionRef(),
    organisationId: text('organisation_id').notNull(),
    date: date('date').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    authorId: text('author_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: version(),
  },
  (t) => [index('intervention_actions_idx').on(t.interventionId, t.date)],
);

export const interventionNotes = pgTable(
  'intervention_notes',
  {
    id: text('id').primaryKey(),
    interventionId: interventionRef(),
    organisationId: text('organisation_id').notNull(),
    body: text('body').notNull(),
    authorId: text('author_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    /** A tombstone, so a late projection cannot bring a deleted note back. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [index('intervention_notes_idx').on(t.interventionId, t.createdAt)],
);

export const interventionFlags = pgTable(
  'intervention_flags',
  {
    id: text('id').primaryKey(),
    interventionId: interventionRef(),
    organisationId: text('organisation_id').notNull(),
    message: text('message').notNull(),
    raisedBy: text('raised_by').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolution: text('resolution'),
    version: version(),
  },
  (t) => [index('intervention_flags_idx').on(t.interventionId)],
);

/** Key/value pairs, e.g. another system's identifier for this case. */
export const interventionAttributes = pgTable(
  'intervention_attributes',
  {
    interventionId: interventionRef(),
    organisationId: text('organisation_id').notNull(),
    key: text('key').notNull(),
    /** null: removed (kept as a tombstone for ordering). */
    value: text('value'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.interventionId, t.key] })],
);

/** People who work on a case besides its assignee, from this or a partner organisation. */
export const interventionCollaborators = pgTable(
  'intervention_collaborators',
  {
    interventionId: interventionRef(),
    userId: text('user_id').notNull(),
    /** The collaborator's own organisation (may be a partner's). */
    userOrganisationId: text('user_organisation_id').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.interventionId, t.userId] }), index('intervention_collaborators_user_idx').on(t.userId)],
);

/** A link from one case to another person's case, for context (family, household). */
export const interventionRelations = pgTable(
  'intervention_relations',
  {
    interventionId: interventionRef(),
    relatedId: text('related_id').notNull(),
    note: text('note'),
    addedBy: text('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.interventionId, t.relatedId] }), index('intervention_relations_related_idx').on(t.relatedId)],
);

export type FollowUpStatusColumn = 'scheduled' | 'due' | 'overdue' | 'completed' | 'cancelled';

/** Seguimientos: planned checks, each chased by its own follow-up workflow. */
export const followUps = pgTable(
  'follow_ups',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull(),
    /** The case the follow-up belongs to (domain/follow-ups.ts): any kind, not only interventions. */
    ownerType: text('owner_type').$type<FollowUpOwnerType>().notNull(),
    ownerId: text('owner_id').notNull(),
    /** Set for an intervention's follow-ups (= ownerId), so they go when the case is deleted. */
    interventionId: text('intervention_id').references(() => interventions.id, { onDelete: 'cascade' }),
    /** Who is reminded: the case's assignee (or whoever scheduled it, while unassigned). */
    assigneeId: text('assignee_id'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    note: text('note').notNull(),
    status: text('status').$type<FollowUpStatusColumn>().notNull(),
    chases: integer('chases').notNull().default(0),
    outcome: text('outcome'),
    outcomeNotes: text('outcome_notes'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedBy: text('finished_by'),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    workflowId: text('workflow_id').notNull(),
    version: version(),
  },
  (t) => [
    index('follow_ups_assignee_due_idx').on(t.assigneeId, t.dueAt),
    index('follow_ups_intervention_idx').on(t.interventionId, t.dueAt),
    index('follow_ups_owner_idx').on(t.ownerType, t.ownerId, t.dueAt),
    index('follow_ups_pending_idx').on(t.organisationId, t.dueAt).where(sql`status IN ('scheduled','due','overdue')`),
  ],
);

/** The history people see: every transition, who, when, what and the note. */
export const interventionEvents = pgTable(
  'intervention_events',
  {
    interventionId: interventionRef(),
    seq: integer('seq').notNull(),
    organisationId: text('organisation_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.interventionId, t.seq] }), index('intervention_events_actor_idx').on(t.actorId, t.at)],
);
