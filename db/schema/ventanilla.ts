// Ventanilla electrónica: units that send and receive official communications, and the
// projection of each communication's workflow (the workflow owns the lifecycle).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, id, timestamps } from './common';
import { organisations } from './organisations';
import { referrals } from './referrals';
import { users } from './users';
import type { CommunicationStatus, SignerStatus, SigningMode } from '../../domain/ventanilla';

export type { CommunicationStatus, SignerStatus, SigningMode };

/** Files are kept in Postgres: one backup holds everything, and 10 MB per file is small. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** A service, delegation or centre that sends and receives communications. */
export const units = pgTable(
  'units',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    name: text('name').notNull(),
    /** Listed as a recipient in GET /api/units. */
    receivesCommunications: boolean('receives_communications').notNull().default(true),
    ...timestamps(),
  },
  (t) => [index('units_org_idx').on(t.organisationId, t.name)],
);

/** Who works in a unit: they see its inbox and act on what it receives. */
export const unitMembers = pgTable(
  'unit_members',
  {
    unitId: text('unit_id').notNull().references(() => units.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** Job title printed under a signature (e.g. "Directora"). */
    position: text('position'),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.userId] }), index('unit_members_user_idx').on(t.userId)],
);

export const communications = pgTable(
  'communications',
  {
    id: id(),
    /** The sender's organisation: its people see it in their outbox. */
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    senderUnitId: text('sender_unit_id').notNull().references(() => units.id),
    authorId: text('author_id').notNull().references(() => users.id),
    /** VE-2026-000123, per sender organisation and year. */
    registryNumber: text('registry_number').notNull(),
    /** The first recipient, as the author chose it. */
    recipientUnitId: text('recipient_unit_id').notNull().references(() => units.id),
    /** Where it is now (changes when forwarded): whose inbox shows it. */
    currentUnitId: text('current_unit_id').notNull().references(() => units.id),
    /** Every unit it has been delivered to, in order: they may still read it. */
    unitChain: text('unit_chain').array().notNull().default([]),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').$type<CommunicationStatus>().notNull().default('draft'),
    signingMode: text('signing_mode').$type<SigningMode>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    verificationCode: text('verification_code'),
    observations: text('observations'),
    closeReason: text('close_reason'),
    /** "New communication about this one": the one it follows up. */
    followUpOf: text('follow_up_of'),
    workflowId: text('workflow_id').notNull(),
    /** Monotonic version from the workflow, so a late projection never overwrites a newer one. */
    projectionVersion: integer('projection_version').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    index('communications_outbox_unit_idx').on(t.senderUnitId, t.status, t.updatedAt),
    index('communications_outbox_author_idx').on(t.authorId, t.status, t.updatedAt),
    index('communications_inbox_idx').on(t.currentUnitId, t.status, t.updatedAt),
    index('communications_org_idx').on(t.organisationId, t.status),
    index('communications_follow_up_idx').on(t.followUpOf),
    uniqueIndex('communications_registry_idx').on(t.organisationId, t.registryNumber),
  ],
);

/** Each signer of the current (or last) submission and their own state. */
export const communicationSigners = pgTable(
  'communication_signers',
  {
    communicationId: text('communication_id').notNull().references(() => communications.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id),
    organisationId: text('organisation_id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    role: text('role'),
    status: text('status').$type<SignerStatus>().notNull(),
    /** When it reached this signer's tray: the tray is ordered by it, oldest first. */
    requestedAt: timestamp('requested_at', { withTimezone: true }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    reason: text('reason'),
    remindersSent: integer('reminders_sent').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.communicationId, t.userId] }),
    // The signature tray: my pending signatures, oldest first, straight from the index.
    index('communication_signers_tray_idx').on(t.userId, t.requestedAt).where(sql`status = 'pending'`),
  ],
);

/** The "histórico de trámites": every transition, who, when, what and the note. */
export const communicationEvents = pgTable(
  'communication_events',
  {
    communicationId: text('communication_id').notNull().references(() => communications.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.communicationId, t.seq] })],
);

export type AttachmentKind = 'file' | 'link';

/**
 * A stored file or a link to an external one (a file-sharing service), editable in draft.
 * The same store keeps a referral's signed written consent: then `referralId` is its owner.
 */
export const communicationAttachments = pgTable(
  'communication_attachments',
  {
    id: id(),
    communicationId: text('communication_id').references(() => communications.id, { onDelete: 'cascade' }),
    referralId: text('referral_id').references(() => referrals.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    kind: text('kind').$type<AttachmentKind>().notNull(),
    name: text('name').notNull(),
    mediaType: text('media_type'),
    size: integer('size'),
    sha256: text('sha256'),
    url: text('url'),
    content: bytea('content'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('communication_attachments_comm_idx').on(t.communicationId, t.createdAt),
    index('communication_attachments_referral_idx').on(t.referralId).where(sql`referral_id IS NOT NULL`),
    check('communication_attachments_one_owner', sql`(communication_id IS NULL) <> (referral_id IS NULL)`),
  ],
);

/** The signed PDF, found by its secure verification code (CSV) at the public verification page. */
export const signedDocuments = pgTable(
  'signed_documents',
  {
    communicationId: text('communication_id').primaryKey().references(() => communications.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    verificationCode: text('verification_code').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    pdf: bytea('pdf').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    /** The facts shown by the verification page, frozen as they were signed. */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('signed_documents_code_idx').on(t.verificationCode)],
);
