import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { OrganisationSettings } from '../../domain/organisation-settings';
import { id, timestamps } from './common';

export type OrganisationKind = 'social_services' | 'cpi' | 'other';

export type { OrganisationSettings } from '../../domain/organisation-settings';

export const organisations = pgTable('organisations', {
  id: id(),
  name: text('name').notNull(),
  kind: text('kind').$type<OrganisationKind>().notNull(),
  /** IANA zone: decides what "a working day" and "today" mean for this organisation. */
  timezone: text('timezone').notNull().default('Europe/Madrid'),
  locale: text('locale').notNull().default('es'),
  settings: jsonb('settings').$type<OrganisationSettings>().notNull().default({}),
  ...timestamps(),
});
