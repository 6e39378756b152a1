import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { timestamps } from './common';

/**
 * Login attempts counted per client address, per (account, address) and per account, each row
 * updated atomically before a password is checked. Not per organisation: the caller is unknown.
 */
export const loginThrottles = pgTable('login_throttles', {
  /** `ip:<addr>`, `account-ip:<email> <addr>` or `account:<email>`. */
  key: text('key').primaryKey(),
  /** Attempts checked in the current window (successful ones are given back). */
  attempts: integer('attempts').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  /** Per account: no attempt from anywhere before this (progressive delay). */
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  ...timestamps(),
});
