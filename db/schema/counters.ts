import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Per-organisation sequences for human codes (file numbers, case codes, registry numbers). */
export const counters = pgTable(
  'counters',
  {
    organisationId: text('organisation_id').notNull(),
    name: text('name').notNull(),
    value: integer('value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.name] })],
);
