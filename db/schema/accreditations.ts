// CPI operators' accreditations (accreditamento operatori CPI). The accreditation workflow owns
// each request; this table is its projection (written with the workflow's version) and what the
// CPI routes' middleware reads: an operator works in them once a row of theirs is `approved`.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps } from './common';
import { organisations } from './organisations';
import { users } from './users';

export type AccreditationStatusColumn = 'draft' | 'pending' | 'approved' | 'rejected';

export interface AccreditationEvent {
  seq: number;
  at: string;
  by: string | null;
  action: string;
  note: string | null;
}

export const accreditations = pgTable(
  'accreditations',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    /** The operator who asked to be accredited. */
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** The CPI office's code or name the operator works at. */
    cpiId: text('cpi_id').notNull(),
    province: text('province'),
    /** Role or qualification at the CPI. */
    qualification: text('qualification'),
    phone: text('phone'),
    note: text('note'),
    status: text('status').$type<AccreditationStatusColumn>().notNull(),
    /** Why the service centre rejected it. */
    reason: text('reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    reminders: integer('reminders').notNull().default(0),
    nextReminderAt: timestamp('next_reminder_at', { withTimezone: true }),
    history: jsonb('history').$type<AccreditationEvent[]>().notNull().default([]),
    /** Null for accreditations recorded without a workflow (imported, demo data). */
    workflowId: text('workflow_id'),
    projectionVersion: integer('projection_version').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    index('accreditations_org_status_idx').on(t.organisationId, t.status, t.updatedAt),
    // One live request (draft, pending) or approval per user: what the middleware looks up.
    uniqueIndex('accreditations_user_live_idx').on(t.userId).where(sql`status IN ('draft', 'pending', 'approved')`),
    index('accreditations_user_idx').on(t.userId, t.createdAt),
  ],
);
