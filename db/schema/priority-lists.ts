// The CPI's priority lists of workers (Mobilità 2011/2012 and the lists that follow), their
// verifications ("Riscontri/Verifiche", history kept) and the appointments (appuntamenti CPI)
// workers are convoked to. An appointment row is the projection of its `appointment-<id>` workflow.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AppointmentStatus, VerificationOutcome } from '../../domain/priority-lists';
import { createdAt, id, timestamps } from './common';
import { organisations } from './organisations';
import { persons } from './persons';
import { users } from './users';

export const priorityLists = pgTable(
  'priority_lists',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    name: text('name').notNull(),
    /** The file it was imported from, as the admin named it. */
    fileName: text('file_name'),
    workerCount: integer('worker_count').notNull().default(0),
    createdBy: text('created_by').references(() => users.id),
    ...timestamps(),
  },
  (t) => [index('priority_lists_org_created_idx').on(t.organisationId, t.createdAt)],
);

export const priorityListWorkers = pgTable(
  'priority_list_workers',
  {
    id: id(),
    listId: text('list_id').notNull().references(() => priorityLists.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    personId: text('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    /** The line of the imported file: the list keeps the order it was given in. */
    line: integer('line').notNull(),
    codiceFiscale: text('codice_fiscale').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date').notNull(),
    /** Sigla of the Italian province (BA, LE, TA…). */
    province: text('province').notNull(),
    benefit: text('benefit'),
    /** The person's latest verification (worker_verifications keeps them all), copied to every list they are on. */
    verificationOutcome: text('verification_outcome').$type<VerificationOutcome>(),
    verificationNote: text('verification_note'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: text('verified_by').references(() => users.id),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('priority_list_workers_list_person_idx').on(t.listId, t.personId),
    index('priority_list_workers_list_line_idx').on(t.listId, t.line),
    index('priority_list_workers_list_verification_idx').on(t.listId, t.verificationOutcome, t.line),
    index('priority_list_workers_person_idx').on(t.personId),
  ],
);

export const workerVerifications = pgTable(
  'worker_verifications',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    personId: text('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    /** The list it was recorded from. */
    listId: text('list_id').references(() => priorityLists.id, { onDelete: 'set null' }),
    outcome: text('outcome').$type<VerificationOutcome>().notNull(),
    note: text('note'),
    recordedBy: text('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('worker_verifications_person_idx').on(t.personId, t.createdAt)],
);

export interface AppointmentHistoryEntry {
  seq: number;
  at: string;
  by: string | null;
  action: string;
  note: string | null;
  details: Record<string, unknown>;
}

export const appointments = pgTable(
  'appointments',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    personId: text('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    operatorId: text('operator_id').notNull().references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    status: text('status').$type<AppointmentStatus>().notNull().default('booked'),
    cancelReason: text('cancel_reason'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    outcomeBy: text('outcome_by').references(() => users.id),
    reminderAt: timestamp('reminder_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    outcomeRequestedAt: timestamp('outcome_requested_at', { withTimezone: true }),
    history: jsonb('history').$type<AppointmentHistoryEntry[]>().notNull().default([]),
    createdBy: text('created_by').references(() => users.id),
    workflowId: text('workflow_id').notNull(),
    projectionVersion: integer('projection_version').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    index('appointments_org_starts_idx').on(t.organisationId, t.startsAt, t.id),
    index('appointments_org_operator_starts_idx').on(t.organisationId, t.operatorId, t.startsAt),
    index('appointments_org_status_starts_idx').on(t.organisationId, t.status, t.startsAt),
    // The convocation state of a worker is their latest appointment that was not cancelled.
    index('appointments_person_starts_idx').on(t.personId, t.startsAt).where(sql`status <> 'cancelled'`),
  ],
);
