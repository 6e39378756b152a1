import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, createdAt, timestamps } from './common';
import { organisations } from './organisations';
import { bytea } from './ventanilla';

/** Only email for now; SMS joins with the messaging work (issue 11) on the same rows and dispatcher. */
export type OutboxChannel = 'email';
/** queued → sending (leased by one process) → sent | failed; a temporary failure goes back to queued. */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';
/** rejected: the server refused for good (5xx); expired: temporary failures until the deadline. */
export type OutboxFailure = 'rejected' | 'expired';
export type OutboxAttemptOutcome = 'accepted' | 'temporary' | 'permanent';

/**
 * Every message Cauce sends, one row each: enqueued once (the dedupe key makes a retried activity
 * a no-op) and sent at least once by whichever process holds its lease.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    /** Derived from what the message is about (a notification, an invitation send): unique. */
    dedupeKey: text('dedupe_key').notNull(),
    channel: text('channel').$type<OutboxChannel>().notNull().default('email'),
    /** The dispatchers that serve it: one SMTP relay per queue ('default' in production). */
    queue: text('queue').notNull().default('default'),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    text: text('text_body').notNull(),
    html: text('html_body'),
    /**
     * Values put into `{{secret:name}}` placeholders at send time (an invitation link's token),
     * erased once the message is sent or failed, so the stored body never holds a usable link.
     */
    secrets: jsonb('secrets').$type<Record<string, string>>(),
    status: text('status').$type<OutboxStatus>().notNull().default('queued'),
    failure: text('failure').$type<OutboxFailure>(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** After this, a temporary failure fails the message as `expired`. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    leaseToken: text('lease_token'),
    lastError: text('last_error'),
    /** The Message-ID header, fixed at enqueue so every attempt carries the same one. */
    messageId: text('message_id').notNull(),
    /** Files sent with it (outbox_attachments): 0 for most mails, so their sends read nothing more. */
    attachmentCount: integer('attachment_count').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('outbox_messages_dedupe_idx').on(t.dedupeKey),
    // The dispatcher's two questions: which queued rows are due, which leases have run out.
    index('outbox_messages_due_idx').on(t.queue, t.nextAttemptAt).where(sql`status = 'queued'`),
    index('outbox_messages_lease_idx').on(t.queue, t.leaseUntil).where(sql`status = 'sending'`),
    index('outbox_messages_org_idx').on(t.organisationId, t.createdAt),
    index('outbox_messages_org_status_idx').on(t.organisationId, t.status, t.createdAt),
  ],
);

/** Each try to hand a message over, with what the server answered. */
export const outboxAttempts = pgTable(
  'outbox_attempts',
  {
    id: id(),
    outboxId: text('outbox_id').notNull().references(() => outboxMessages.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    outcome: text('outcome').$type<OutboxAttemptOutcome>().notNull(),
    /** The SMTP reply code (250, 451, 550…); null when no reply came (refused connection, timeout). */
    responseCode: integer('response_code'),
    response: text('response'),
    /** Nodemailer's error code (ECONNECTION, ETIMEDOUT, EENVELOPE…) when it failed. */
    errorCode: text('error_code'),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_attempts_outbox_idx').on(t.outboxId, t.startedAt)],
);

/** A file an email carries (a PDF sent to a person), kept with its row until it is purged. */
export const outboxAttachments = pgTable(
  'outbox_attachments',
  {
    outboxId: text('outbox_id').notNull().references(() => outboxMessages.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [uniqueIndex('outbox_attachments_pk_idx').on(t.outboxId, t.position)],
);
