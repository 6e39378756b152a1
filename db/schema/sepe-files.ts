// The record of SEPE files generated (issue 14): each download of an ENPI/ACCD/ACCI file leaves
// one row with its period, who made it and when, and the SHA-256, record count and size of the
// exact bytes given, so the agency can prove which file it sent. The bytes themselves are not
// kept: the file can be made again from the same data, and its hash says whether it is the same.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { SepeFileKind } from '../../domain/sepe/codes';
import { id } from './common';
import { organisations } from './organisations';
import { users } from './users';

export const sepeFiles = pgTable(
  'sepe_files',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    kind: text('kind').$type<SepeFileKind>().notNull(),
    /** AÑO_MES_ENVIO: YYYYMM, or YYYY99 for the annual file. */
    period: text('period').notNull(),
    fileName: text('file_name').notNull(),
    generatedBy: text('generated_by').references(() => users.id, { onDelete: 'set null' }),
    /** The user's name at the time, so the record reads the same after the user is removed. */
    generatedByName: text('generated_by_name'),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    sha256: text('sha256').notNull(),
    records: integer('records').notNull(),
    byteSize: integer('byte_size').notNull(),
  },
  (t) => [index('sepe_files_org_generated_idx').on(t.organisationId, t.generatedAt)],
);
