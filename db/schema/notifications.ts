import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, createdAt } from './common';

/**
 * In-app notifications. The text is kept as an i18n key with parameters and rendered in the
 * reader's language when listed, so a Spanish and an Italian colleague each read their own.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    organisationId: text('organisation_id').notNull(),
    userId: text('user_id').notNull(),
    kind: text('kind').notNull(),
    messageKey: text('message_key').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    link: text('link'),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    /** Idempotency: the same event retried by an activity notifies once. */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId).where(sql`read_at IS NULL`),
    uniqueIndex('notifications_dedupe_idx').on(t.userId, t.dedupeKey),
  ],
);
