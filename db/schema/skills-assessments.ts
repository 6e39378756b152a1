// The CPI's skills assessments (bilanci delle competenze). The skills-assessment workflow owns
// each assessment; these tables are its projection (rows carry the workflow's version) plus the
// signed contract scans, and the organisation's competences repertoire and training catalogue
// that the repositioning phase matches courses from.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamps } from './common';
import { organisations } from './organisations';
import { persons } from './persons';
import { users } from './users';
import { bytea } from './ventanilla';
import type { Panels, SkillsAssessmentPhase, SkillsAssessmentPhaseStatus, SkillsAssessmentStatus } from '../../domain/skills-assessments';

export const skillsAssessments = pgTable(
  'skills_assessments',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    personId: text('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    /** The appointment it was started from. No foreign key yet: appointments land with another branch. */
    appointmentId: text('appointment_id'),
    /** The operator who runs it: reminded when it stalls. */
    operatorId: text('operator_id').notNull().references(() => users.id),
    status: text('status').$type<SkillsAssessmentStatus>().notNull().default('in_progress'),
    /** The phase being worked on (the last one once complete). */
    phase: text('phase').$type<SkillsAssessmentPhase>().notNull().default('preliminary'),
    contractFileId: text('contract_file_id'),
    enrolment: jsonb('enrolment').$type<{ courseId: string; courseTitle: string; providerId: string; providerName: string; chosenAt: string } | null>(),
    lastSavedAt: timestamp('last_saved_at', { withTimezone: true }),
    nextReminderAt: timestamp('next_reminder_at', { withTimezone: true }),
    reminders: integer('reminders').notNull().default(0),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    workflowId: text('workflow_id').notNull(),
    createdBy: text('created_by').notNull(),
    projectionVersion: integer('projection_version').notNull().default(-1),
    ...timestamps(),
  },
  (t) => [
    index('skills_assessments_org_status_idx').on(t.organisationId, t.status, t.updatedAt),
    index('skills_assessments_operator_idx').on(t.organisationId, t.operatorId, t.status),
    index('skills_assessments_person_idx').on(t.personId),
  ],
);

export const skillsAssessmentPhaseRows = pgTable(
  'skills_assessment_phases',
  {
    assessmentId: text('assessment_id').notNull().references(() => skillsAssessments.id, { onDelete: 'cascade' }),
    phase: text('phase').$type<SkillsAssessmentPhase>().notNull(),
    organisationId: text('organisation_id').notNull(),
    status: text('status').$type<SkillsAssessmentPhaseStatus>().notNull().default('pending'),
    panels: jsonb('panels').$type<Panels>().notNull().default({}),
    savedAt: timestamp('saved_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: text('completed_by'),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.phase] })],
);

/** Files of an assessment: the signed contract scan (PDF, JPEG or PNG, checked by content). */
export const skillsAssessmentFiles = pgTable(
  'skills_assessment_files',
  {
    id: id(),
    assessmentId: text('assessment_id').notNull().references(() => skillsAssessments.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    kind: text('kind').$type<'signed_contract'>().notNull(),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('skills_assessment_files_assessment_idx').on(t.assessmentId, t.createdAt)],
);

/** The organisation's competences repertoire (imported, editable by admins). */
export const competences = pgTable(
  'competences',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sector: text('sector').notNull().default(''),
    ...timestamps(),
  },
  (t) => [uniqueIndex('competences_org_code_idx').on(t.organisationId, t.code)],
);

/** The training catalogue: courses with the competences they give. */
export const trainingCourses = pgTable(
  'training_courses',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    sector: text('sector').notNull().default(''),
    competenceCodes: text('competence_codes').array().notNull().default(sql`'{}'::text[]`),
    hours: integer('hours'),
    province: text('province').notNull().default(''),
    ...timestamps(),
  },
  (t) => [uniqueIndex('training_courses_org_code_idx').on(t.organisationId, t.code)],
);

export const trainingProviders = pgTable(
  'training_providers',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('training_providers_org_code_idx').on(t.organisationId, t.code)],
);

/** Which provider runs which course in which province. */
export const trainingCourseProviders = pgTable(
  'training_course_providers',
  {
    courseId: text('course_id').notNull().references(() => trainingCourses.id, { onDelete: 'cascade' }),
    providerId: text('provider_id').notNull().references(() => trainingProviders.id, { onDelete: 'cascade' }),
    province: text('province').notNull(),
    organisationId: text('organisation_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.providerId, t.province] }), index('training_course_providers_org_idx').on(t.organisationId, t.province)],
);
