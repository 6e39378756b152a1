import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './common';

/**
 * Everything people do, and what the system did for them. Also the activity log of a person
 * (person_id) and the source of login rate limiting (action login_failed, subject = email).
 * No foreign keys: entries outlive what they describe (a deleted person stays audited).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organisationId: text('organisation_id'),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    personId: text('person_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_org_created_idx').on(t.organisationId, t.createdAt),
    index('audit_person_idx').on(t.personId, t.createdAt),
    index('audit_subject_idx').on(t.subjectType, t.subjectId, t.createdAt),
    // Login rate limiting counts recent failures per client IP.
    index('audit_login_failures_ip_idx').on(t.ip, t.createdAt).where(sql`action = 'auth.login_failed'`),
  ],
);
