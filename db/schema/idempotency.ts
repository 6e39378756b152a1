import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { timestamps } from './common';
import { bytea } from './ventanilla';

export type IdempotencyState = 'running' | 'done';

/**
 * The answer to each change sent with an Idempotency-Key, kept 24 h per (user, key), so that a
 * client retrying after a timeout gets the first answer instead of doing the change twice.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    organisationId: text('organisation_id').notNull(),
    key: text('key').notNull(),
    /** sha256 of method, path, query and body: the same key for another request is refused. */
    requestHash: text('request_hash').notNull(),
    state: text('state').$type<IdempotencyState>().notNull(),
    /** Which running request holds the key; another may take it over once the lease runs out. */
    owner: text('owner').notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }).notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    body: bytea('body'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
);
