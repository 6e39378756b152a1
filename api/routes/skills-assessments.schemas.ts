import { z } from '@hono/zod-openapi';
import { PANEL_FIELDS_MAX, PANEL_TEXT_MAX, skillsAssessmentDocuments, skillsAssessmentPanels, skillsAssessmentPhases } from '../../domain/skills-assessments';
import { ZId, ZPageQuery } from '../schemas';

export const ZPhase = z.enum(skillsAssessmentPhases).openapi({ description: 'preliminary · investigative · repositioning · enrolment, strictly in this order' });
const allPanels = [...new Set(Object.values(skillsAssessmentPanels).flatMap((p) => p.panels))] as [string, ...string[]];

const ZPanelValue = z.union([
  z.string().max(PANEL_TEXT_MAX),
  z.array(z.string().trim().max(200)).max(200),
  z.number().finite(),
  z.boolean(),
  z.null(),
]);
export const ZPanel = z
  .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/), ZPanelValue)
  .refine((p) => Object.keys(p).length <= PANEL_FIELDS_MAX, { message: `At most ${PANEL_FIELDS_MAX} fields per panel` })
  .openapi({ description: 'A panel’s fields: texts, lists of texts (e.g. `codes`: competence codes), numbers, yes/no', example: { text: 'Diploma di ragioneria (2008)' } });

export const ZSavePanelsRequest = z
  .object({
    panels: z
      .partialRecord(z.enum(allPanels), ZPanel)
      .refine((p) => Object.keys(p).length > 0, { message: 'At least one panel' })
      .openapi({ description: `Panels of the phase, each saved as a draft (merged over what was saved). preliminary: needs, agreement · investigative: education, experience, competences (codes), interests (sectors), constraints · repositioning: project (sector, province), plan, feedback · enrolment: notes` }),
  })
  .strict()
  .openapi('SaveSkillsAssessmentPanelsRequest');

export const ZCreateSkillsAssessmentRequest = z
  .object({
    personId: ZId.openapi({ description: 'A person of the CPI' }),
    appointmentId: z.string().trim().min(1).max(100).nullish().openapi({ description: 'The appointment it is started from' }),
  })
  .strict()
  .openapi('CreateSkillsAssessmentRequest');

export const ZEnrolmentRequest = z
  .object({ courseId: ZId, providerId: ZId })
  .strict()
  .openapi('SkillsAssessmentEnrolmentRequest');

export const ZSkillsAssessmentListQuery = ZPageQuery.extend({
  status: z.enum(['in_progress', 'complete']).optional(),
  operatorId: z.union([ZId, z.literal('me')]).optional().openapi({ description: '`me` for the caller’s own (“i miei bilanci”)' }),
  personId: ZId.optional(),
});

export const ZPhaseParam = z.object({
  id: ZId.openapi({ param: { name: 'id', in: 'path' } }),
  phase: ZPhase.openapi({ param: { name: 'phase', in: 'path' } }),
});
export const ZDocumentParam = z.object({
  id: ZId.openapi({ param: { name: 'id', in: 'path' } }),
  file: z
    .string()
    .regex(new RegExp(`^(${skillsAssessmentDocuments.join('|')})\\.pdf$`))
    .openapi({ param: { name: 'file', in: 'path' }, description: 'contract.pdf · investigative.pdf · repositioning.pdf · enrolment.pdf', example: 'contract.pdf' }),
});

// ---- responses --------------------------------------------------------------------------------

const ZPhaseSummary = z.object({
  phase: ZPhase,
  status: z.enum(['pending', 'in_progress', 'complete']),
  completedAt: z.string().nullable(),
  savedAt: z.string().nullable(),
  panels: z.record(z.string(), ZPanel),
  missingPanels: z.array(z.string()).openapi({ description: 'Required panels still empty' }),
});

export const ZSkillsAssessmentListItem = z
  .object({
    id: z.string(),
    personId: z.string(),
    personName: z.string(),
    operatorId: z.string(),
    operatorName: z.string(),
    appointmentId: z.string().nullable(),
    phase: ZPhase,
    status: z.enum(['in_progress', 'complete']),
    lastSavedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('SkillsAssessmentListItem');

export const ZSkillsAssessmentDetail = ZSkillsAssessmentListItem.extend({
  phases: z.array(ZPhaseSummary),
  contract: z.object({ name: z.string(), mediaType: z.string(), size: z.number(), uploadedAt: z.string() }).nullable(),
  enrolment: z.object({ courseId: z.string(), courseTitle: z.string(), providerId: z.string(), providerName: z.string(), chosenAt: z.string() }).nullable(),
  nextReminderAt: z.string().nullable(),
  reminders: z.number().int(),
  documents: z.array(z.object({ document: z.enum(skillsAssessmentDocuments), available: z.boolean(), url: z.string() })),
  canWork: z.boolean().openapi({ description: 'The caller is its operator, a supervisor or an admin' }),
}).openapi('SkillsAssessmentDetail');

export const ZSkillsAssessmentChange = z
  .object({ id: z.string(), phase: ZPhase, status: z.enum(['in_progress', 'complete']) })
  .openapi('SkillsAssessmentChange');

export const ZCourseMatch = z
  .object({
    courseId: z.string(),
    code: z.string(),
    title: z.string(),
    sector: z.string().nullable(),
    province: z.string().nullable(),
    hours: z.number().int().nullable(),
    score: z.number().int().openapi({ description: '0–100: competences up to 60 (share of the course’s competences the worker has), sector 25, province 15' }),
    why: z.object({
      sharedCompetences: z.array(z.object({ code: z.string(), name: z.string() })),
      sectorMatch: z.boolean(),
      provinceMatch: z.boolean(),
      parts: z.object({ competences: z.number(), sector: z.number(), province: z.number() }),
      text: z.string().openapi({ description: 'The score explained in the reader’s language' }),
    }),
    providers: z.array(z.object({ providerId: z.string(), name: z.string(), province: z.string() })),
  })
  .openapi('SkillsAssessmentCourse');

// ---- training catalogue -----------------------------------------------------------------------------

export const ZCatalogueImportParam = z.object({
  kind: z.enum(['competences', 'courses', 'providers']).openapi({ param: { name: 'kind', in: 'path' } }),
});
export const ZCompetence = z.object({ id: z.string(), code: z.string(), name: z.string(), sector: z.string() }).openapi('Competence');
export const ZCatalogueCourse = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    sector: z.string().nullable(),
    province: z.string().nullable(),
    hours: z.number().int().nullable(),
    competenceCodes: z.array(z.string()),
    providers: z.array(z.object({ providerId: z.string(), name: z.string(), province: z.string() })),
  })
  .openapi('TrainingCourse');
export const ZUpdateCompetenceRequest = z
  .object({ name: z.string().trim().min(1).max(300).optional(), sector: z.string().trim().max(100).optional() })
  .strict()
  .openapi('UpdateCompetenceRequest');
export const ZUpdateCourseRequest = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    sector: z.string().trim().max(100).optional(),
    competenceCodes: z.array(z.string().trim().min(1).max(40)).max(100).optional(),
    hours: z.number().int().min(0).max(10_000).nullable().optional(),
    province: z.string().trim().max(10).optional(),
  })
  .strict()
  .openapi('UpdateTrainingCourseRequest');
