// Links for people without an account (a receiving service answering a referral; later a person
// uploading requested documents, a company reading a shared CV, someone answering a survey).
// One table for all of them, so each is scoped, expiring, revocable and audited the same way:
// the link carries a random token and only its hash is stored (security/tokens.ts).
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './common';
import { organisations } from './organisations';

/** What a link lets its holder do; each purpose is one kind of page. */
export type PublicLinkPurpose = 'referral_answer' | 'document_upload' | 'cv_share' | 'survey_answer';

export const publicLinks = pgTable(
  'public_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    purpose: text('purpose').$type<PublicLinkPurpose>().notNull(),
    /** The one thing the link opens (`referral`, id): the scope, checked on every use. */
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** The holder: a service's email, a company, a person (shown in the audit). */
    issuedTo: text('issued_to'),
    /** The reader's language, for the page and for anything it sends back. */
    locale: text('locale').notNull().default('es'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    uses: integer('uses').notNull().default(0),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('public_links_subject_idx').on(t.subjectType, t.subjectId)],
);
