import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, createdAt, timestamps } from './common';
import { organisations } from './organisations';
import { persons } from './persons';
import { outboxMessages } from './outbox';

export type MessageChannel = 'email' | 'sms';
/**
 * queued → sent (SMTP or Twilio accepted) → delivered (SMS callback), or failed / bounced /
 * undelivered with a reason; simulated when no SMS provider is configured.
 */
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'bounced' | 'undelivered' | 'simulated';

/**
 * Every email or SMS Cauce sends to a person (direct, bulk, and what referrals, reminders and
 * surveys will send): the person file's "Mensajes" tab. Messages to staff stay in notifications.
 */
export const messages = pgTable(
  'messages',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    personId: text('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    /** The case or process that sent it (`bulk_message`, `intervention`, `referral`…), when there is one. */
    ownerType: text('owner_type'),
    ownerId: text('owner_id'),
    channel: text('channel').$type<MessageChannel>().notNull(),
    /** The address or E.164 number used, as it was then (contacts may change later). */
    address: text('address').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    sentBy: text('sent_by'),
    sentByName: text('sent_by_name'),
    status: text('status').$type<MessageStatus>().notNull().default('queued'),
    reason: text('reason'),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull().defaultNow(),
    /** Unique per thing said to whom: a retried request or activity finds the row instead of adding one. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** The email's outbox row: its sending, retries and de-duplication are the outbox's. */
    outboxId: text('outbox_id').references(() => outboxMessages.id, { onDelete: 'set null' }),
    /** Twilio's message SID. */
    providerId: text('provider_id'),
    /**
     * Set (and committed) before an SMS is handed to Twilio: a later try that finds it set without
     * a provider id knows the first outcome is unknown and looks it up before sending again.
     */
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }),
    segments: integer('segments').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('messages_idempotency_idx').on(t.idempotencyKey),
    index('messages_person_idx').on(t.personId, t.createdAt),
    index('messages_owner_idx').on(t.ownerType, t.ownerId),
    index('messages_outbox_idx').on(t.outboxId),
    index('messages_provider_idx').on(t.providerId).where(sql`provider_id IS NOT NULL`),
    index('messages_org_idx').on(t.organisationId, t.createdAt),
  ],
);

/** Each status a message went through, with its reason: shown under the message in the file. */
export const messageStatusChanges = pgTable(
  'message_status_changes',
  {
    id: id(),
    messageId: text('message_id').notNull().references(() => messages.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    status: text('status').$type<MessageStatus>().notNull(),
    reason: text('reason'),
    at: createdAt(),
  },
  (t) => [index('message_status_changes_message_idx').on(t.messageId, t.at)],
);

/**
 * Per organisation: the SMS module (off until an admin switches it on, with a balance of
 * segments) and the bulk-send throttles.
 */
export const messagingSettings = pgTable('messaging_settings', {
  organisationId: text('organisation_id').primaryKey().references(() => organisations.id),
  smsEnabled: boolean('sms_enabled').notNull().default(false),
  smsBalance: integer('sms_balance').notNull().default(0),
  emailsPerSecond: integer('emails_per_second').notNull().default(5),
  smsPerSecond: integer('sms_per_second').notNull().default(1),
  ...timestamps(),
});

export type SmsBalanceReason = 'top_up' | 'adjusted' | 'sent' | 'refund';

/** Every change of the SMS balance: top-ups by admins, segments spent by each SMS. */
export const smsBalanceChanges = pgTable(
  'sms_balance_changes',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    delta: integer('delta').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    reason: text('reason').$type<SmsBalanceReason>().notNull(),
    messageId: text('message_id'),
    actorId: text('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [index('sms_balance_changes_org_idx').on(t.organisationId, t.createdAt)],
);

/** Séneca's "Lista de contactos": a named list of persons kept for reuse in bulk sends. */
export const contactLists = pgTable(
  'contact_lists',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    name: text('name').notNull(),
    createdBy: text('created_by'),
    ...timestamps(),
  },
  (t) => [index('contact_lists_org_idx').on(t.organisationId, t.name)],
);

export const contactListMembers = pgTable(
  'contact_list_members',
  {
    listId: text('list_id').notNull().references(() => contactLists.id, { onDelete: 'cascade' }),
    personId: text('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.personId] }), index('contact_list_members_person_idx').on(t.personId)],
);

export type BulkMessageStatus = 'running' | 'completed' | 'cancelled';

/** A bulk send: the projection of its `bulk-message-<id>` workflow. */
export const bulkMessages = pgTable(
  'bulk_messages',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    channel: text('channel').$type<MessageChannel>().notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** How the recipients were chosen: `favorites`, `selection`, `filter`, `contact_list`. */
    source: text('source').notNull(),
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    status: text('status').$type<BulkMessageStatus>().notNull().default('running'),
    total: integer('total').notNull(),
    sent: integer('sent').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    workflowId: text('workflow_id').notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [index('bulk_messages_org_idx').on(t.organisationId, t.createdAt), index('bulk_messages_running_idx').on(t.organisationId, t.channel).where(sql`status = 'running'`)],
);

export type BulkRecipientStatus = 'pending' | 'excluded' | 'done' | 'not_sent';

/**
 * Who a bulk send goes to, fixed when it starts, in order (`position`): the workflow sends by
 * position range, so a restarted batch finds exactly what it had done. Excluded recipients (no
 * email, invalid address, no mobile) are kept with their reason for the final report.
 */
export const bulkMessageRecipients = pgTable(
  'bulk_message_recipients',
  {
    bulkId: text('bulk_id').notNull().references(() => bulkMessages.id, { onDelete: 'cascade' }),
    personId: text('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    /** 0-based among those to send to; null for the excluded. */
    position: integer('position'),
    address: text('address'),
    status: text('status').$type<BulkRecipientStatus>().notNull().default('pending'),
    reason: text('reason'),
    messageId: text('message_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.bulkId, t.personId] }),
    uniqueIndex('bulk_message_recipients_position_idx').on(t.bulkId, t.position),
    index('bulk_message_recipients_person_idx').on(t.personId),
  ],
);

/** Texts admins keep for reuse, with `{{placeholders}}` (domain/messages.ts). */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    name: text('name').notNull(),
    channel: text('channel').$type<MessageChannel>().notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    createdBy: text('created_by'),
    ...timestamps(),
  },
  (t) => [index('message_templates_org_idx').on(t.organisationId, t.name)],
);
