import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './common';

export type OrganisationKind = 'social_services' | 'cpi' | 'other';

/** Per-organisation business settings; every field has a default so old rows stay valid. */
export interface OrganisationSettings {
  /** ISO dates (YYYY-MM-DD) that are not working days, besides weekends. */
  holidays?: string[];
  /** Working days after a follow-up's due time before it counts as overdue. */
  followUpGraceWorkingDays?: number;
  /** Days without any action before the assignee is asked to review an intervention. */
  inactivityReviewDays?: number;
  /** Working days a received communication may wait before its unit is reminded to process it. */
  ventanillaProcessingWorkingDays?: number;
}

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
