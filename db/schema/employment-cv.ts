// CV data of the person file (Formación y empleo): one row of employment profile and CV lists per
// person, the professional cards they hold (each with its expiry reminder workflow) and the
// organisation's catalogue of cards, which admins extend. Lists are JSONB indexed for the
// candidate search; codes come from domain/employment-cv.ts.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestamps } from './common';
import { organisations } from './organisations';
import { persons } from './persons';
import { users } from './users';
import type { EducationLevel, InsertionGroup, LanguageLevel, ProfessionalCategory, Sex } from '../../domain/employment-cv';

export interface CvEducationEntry {
  level: EducationLevel;
  title: string;
  centre: string | null;
  year: number | null;
}
export interface CvCourseEntry {
  name: string;
  hours: number | null;
  centre: string | null;
  year: number | null;
}
export interface CvExperienceEntry {
  employer: string;
  occupation: string;
  category: ProfessionalCategory | null;
  startDate: string | null;
  endDate: string | null;
}
export interface CvLanguageEntry {
  language: string;
  level: LanguageLevel;
}

export const personCvs = pgTable(
  'person_cvs',
  {
    personId: text('person_id').primaryKey().references(() => persons.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    sex: text('sex').$type<Sex>(),
    disability: boolean('disability').notNull().default(false),
    disabilityPercent: integer('disability_percent'),
    immigrant: boolean('immigrant').notNull().default(false),
    unemploymentBenefit: boolean('unemployment_benefit').notNull().default(false),
    insertionGroups: text('insertion_groups').array().$type<InsertionGroup[]>().notNull().default([]),
    /** The day the person registered with the agency (alta en la agencia de colocación). */
    agencyRegisteredOn: date('agency_registered_on'),
    workingTime: text('working_time'),
    shifts: text('shifts').array().notNull().default([]),
    travel: boolean('travel').notNull().default(false),
    drivingLicences: text('driving_licences').array().notNull().default([]),
    education: jsonb('education').$type<CvEducationEntry[]>().notNull().default([]),
    courses: jsonb('courses').$type<CvCourseEntry[]>().notNull().default([]),
    experience: jsonb('experience').$type<CvExperienceEntry[]>().notNull().default([]),
    languages: jsonb('languages').$type<CvLanguageEntry[]>().notNull().default([]),
    /** `<folded language name>:<level>` of each language, for the candidate search (migration 0021). */
    languageKeys: text('language_keys').array().notNull().generatedAlwaysAs(sql`cv_language_keys(languages)`),
    /** The occupations of the experience, folded, for the candidate search (migration 0021). */
    occupationsText: text('occupations_text').notNull().generatedAlwaysAs(sql`cv_occupations(experience)`),
    updatedBy: text('updated_by').references(() => users.id),
    ...timestamps(),
  },
  (t) => [
    index('person_cvs_org_idx').on(t.organisationId),
    index('person_cvs_licences_idx').using('gin', t.drivingLicences),
    index('person_cvs_experience_idx').using('gin', t.experience),
    index('person_cvs_education_idx').using('gin', t.education),
    index('person_cvs_languages_idx').using('gin', t.languages),
    index('person_cvs_language_keys_idx').using('gin', t.languageKeys),
    index('person_cvs_occupations_trgm_idx').using('gin', sql`${t.occupationsText} gin_trgm_ops`),
    index('person_cvs_shifts_idx').using('gin', t.shifts),
    index('person_cvs_insertion_groups_idx').using('gin', t.insertionGroups),
  ],
);

export const professionalCards = pgTable(
  'professional_cards',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('professional_cards_org_code_idx').on(t.organisationId, t.code), index('professional_cards_org_name_idx').on(t.organisationId, t.name)],
);

export const personProfessionalCards = pgTable(
  'person_professional_cards',
  {
    id: id(),
    personId: text('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    cardId: text('card_id').notNull().references(() => professionalCards.id),
    expiresOn: date('expires_on'),
    /** Order in the CV, as entered. */
    position: integer('position').notNull().default(0),
    /** The professional reminded before it expires: whoever last recorded it. */
    recordedBy: text('recorded_by').references(() => users.id),
    /** `professional-card-<id>` while an expiry is set. */
    workflowId: text('workflow_id'),
    ...timestamps(),
  },
  (t) => [index('person_professional_cards_person_idx').on(t.personId), index('person_professional_cards_card_expiry_idx').on(t.cardId, t.expiresOn)],
);
