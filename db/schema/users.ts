import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps, createdAt } from './common';
import { organisations } from './organisations';

export type UserStatus = 'invited' | 'active' | 'disabled';

export const users = pgTable(
  'users',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    /** Stored lower-cased: the login identity, unique across the platform. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    roles: text('roles').array().notNull().default([]),
    status: text('status').$type<UserStatus>().notNull().default('invited'),
    locale: text('locale').notNull().default('es'),
    /**
     * Whether the user (or the admin who invited them) chose `locale`. Until then the UI keeps the
     * language picked on this browser's login page; emails and PDFs use `locale` either way.
     */
    localeChosen: boolean('locale_chosen').notNull().default(false),
    /** Printed under a signature ("Cargo: Jefa de servicio"); none means none is printed. */
    jobTitle: text('job_title'),
    /** Notifications also by email (the profile page's switch); in-app ones always. */
    emailNotifications: boolean('email_notifications').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), index('users_org_idx').on(t.organisationId, t.name)],
);

/** "Forgot password" links: single use, short-lived; only the token's hash is kept. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: id(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** A newer request replaces this one: its link answers 410 like a used one. */
    replacedAt: timestamp('replaced_at', { withTimezone: true }),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('password_resets_token_key').on(t.tokenHash), index('password_resets_user_idx').on(t.userId, t.createdAt)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked table does not leak usable sessions. */
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** One row per (organisation, role, permission) that differs from nothing: absent = not allowed. */
export const rolePermissions = pgTable(
  'role_permissions',
  {
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    role: text('role').notNull(),
    permission: text('permission').notNull(),
    allowed: boolean('allowed').notNull(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.role, t.permission] })],
);

/** A permission rule granted to one user on top of what their roles allow. */
export const userPermissions = pgTable(
  'user_permissions',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    permission: text('permission').notNull(),
    grantedBy: text('granted_by'),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.permission] }), index('user_permissions_org_idx').on(t.organisationId)],
);

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'cancelled';

/** Projection of the invitation workflow (the workflow owns the lifecycle). */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    userId: text('user_id').notNull().references(() => users.id),
    email: text('email').notNull(),
    invitedBy: text('invited_by').notNull().references(() => users.id),
    status: text('status').$type<InvitationStatus>().notNull().default('pending'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    remindersSent: integer('reminders_sent').notNull().default(0),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
    workflowId: text('workflow_id').notNull(),
    /** Monotonic version from the workflow, so a late projection never overwrites a newer one. */
    projectionVersion: integer('projection_version').notNull().default(0),
    ...timestamps(),
  },
  (t) => [index('invitations_org_idx').on(t.organisationId, t.status), index('invitations_user_idx').on(t.userId)],
);

/** Every emailed link has its own token; all die when the invitation leaves `pending`. */
export const invitationTokens = pgTable(
  'invitation_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    invitationId: text('invitation_id').notNull().references(() => invitations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('invitation_tokens_inv_idx').on(t.invitationId)],
);
