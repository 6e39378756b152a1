import { z } from '@hono/zod-openapi';
import {
  drivingLicences,
  educationLevelCodes,
  insertionGroups,
  languageLevels,
  professionalCategories,
  sexes,
  shifts,
  workingTimes,
} from '../../domain/employment-cv';
import { checkWorkerId } from '../../domain/spanish-ids';
import { ZDate, ZId } from '../schemas';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional().transform((v) => v || null);
const year = z.number().int().min(1930).max(2100).nullable().optional().transform((v) => v ?? null);

const ZEducation = z.object({
  level: z.enum(educationLevelCodes as [string, ...string[]]).openapi({ description: 'Maps to SEPE’s NIVEL_FORMATIVO (domain/employment-cv.ts)' }),
  title: text(200),
  centre: optionalText(200),
  year,
});
const ZCourse = z.object({ name: text(200), hours: z.number().int().min(1).max(5000).nullable().optional().transform((v) => v ?? null), centre: optionalText(200), year });
const ZExperience = z
  .object({
    employer: text(200),
    occupation: text(200),
    category: z.enum(professionalCategories).nullable().optional().transform((v) => v ?? null),
    startDate: ZDate.nullable().optional().transform((v) => v ?? null),
    endDate: ZDate.nullable().optional().transform((v) => v ?? null),
  })
  .superRefine((e, ctx) => {
    if (e.startDate && e.endDate && e.endDate < e.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date is before the start date', params: { code: 'end_before_start' } });
  });
const ZLanguage = z.object({ language: text(60).openapi({ example: 'Inglés' }), level: z.enum(languageLevels) });
const ZCardEntry = z.object({
  id: ZId.optional().openapi({ description: 'The person’s card, to keep it (and its reminder) when saving; omitted for a new one' }),
  cardId: ZId.openapi({ description: 'From GET /api/professional-cards' }),
  expiresOn: ZDate.nullable().optional().transform((v) => v ?? null),
});

const ZProfile = z.object({
  sex: z.enum(sexes).nullable().optional().transform((v) => v ?? null).openapi({ description: 'SEPE’s SEXO_TRABAJADOR: male 1, female 2' }),
  disability: z.boolean().default(false),
  disabilityPercent: z.number().int().min(0).max(100).nullable().optional().transform((v) => v ?? null),
  immigrant: z.boolean().default(false),
  unemploymentBenefit: z.boolean().default(false),
  insertionGroups: z.array(z.enum(insertionGroups)).max(insertionGroups.length).default([]),
  agencyRegisteredOn: ZDate.nullable().optional().transform((v) => v ?? null).openapi({ description: 'The day the person registered with the agency' }),
});
const ZAvailability = z.object({
  workingTime: z.enum(workingTimes).nullable().optional().transform((v) => v ?? null),
  shifts: z.array(z.enum(shifts)).max(shifts.length).default([]),
  travel: z.boolean().default(false),
});

export const ZCvRequest = z
  .object({
    documentId: z
      .string()
      .trim()
      .max(20)
      .nullable()
      .optional()
      .openapi({ example: '12345678Z', description: 'The person’s NIF or NIE for SEPE, checked by format and check letter (400 invalid_nif); stored on the person file. Omitted: unchanged' }),
    profile: ZProfile.default({ disability: false, immigrant: false, unemploymentBenefit: false, insertionGroups: [] } as never),
    availability: ZAvailability.default({ shifts: [], travel: false } as never),
    education: z.array(ZEducation).max(30).default([]),
    courses: z.array(ZCourse).max(100).default([]),
    experience: z.array(ZExperience).max(100).default([]),
    languages: z.array(ZLanguage).max(20).default([]),
    drivingLicences: z.array(z.enum(drivingLicences)).max(drivingLicences.length).default([]),
    cards: z.array(ZCardEntry).max(50).default([]),
  })
  .superRefine((cv, ctx) => {
    if (cv.documentId) {
      const checked = checkWorkerId(cv.documentId);
      if (!checked.ok) ctx.addIssue({ code: 'custom', path: ['documentId'], message: `Not a valid NIF or NIE (${checked.problem})`, params: { code: 'invalid_nif' } });
    }
    if (!cv.profile.disability && cv.profile.disabilityPercent) ctx.addIssue({ code: 'custom', path: ['profile', 'disabilityPercent'], message: 'A percentage needs the disability marked', params: { code: 'invalid' } });
  })
  .openapi('CvRequest');
export type TCvRequest = z.infer<typeof ZCvRequest>;

export const ZCv = z
  .object({
    personId: z.string(),
    documentId: z.string().nullable(),
    profile: z.object({
      sex: z.enum(sexes).nullable(),
      disability: z.boolean(),
      disabilityPercent: z.number().nullable(),
      immigrant: z.boolean(),
      unemploymentBenefit: z.boolean(),
      insertionGroups: z.array(z.enum(insertionGroups)),
      agencyRegisteredOn: z.string().nullable(),
    }),
    availability: z.object({ workingTime: z.enum(workingTimes).nullable(), shifts: z.array(z.enum(shifts)), travel: z.boolean() }),
    education: z.array(z.object({ level: z.string(), title: z.string(), centre: z.string().nullable(), year: z.number().nullable() })),
    courses: z.array(z.object({ name: z.string(), hours: z.number().nullable(), centre: z.string().nullable(), year: z.number().nullable() })),
    experience: z.array(z.object({ employer: z.string(), occupation: z.string(), category: z.enum(professionalCategories).nullable(), startDate: z.string().nullable(), endDate: z.string().nullable() })),
    languages: z.array(z.object({ language: z.string(), level: z.enum(languageLevels) })),
    drivingLicences: z.array(z.string()),
    cards: z.array(z.object({ id: z.string(), cardId: z.string(), code: z.string(), name: z.string(), expiresOn: z.string().nullable(), reminderAt: z.string().nullable() })),
    sepe: z.object({
      educationLevel: z.enum(['00', '10', '20', '30']),
      sex: z.enum(['1', '2']).nullable(),
      disability: z.enum(['S', 'N']),
      immigrant: z.enum(['S', 'N']),
    }).openapi({ description: 'What the SEPE file will say of this person' }),
    updatedAt: z.string().nullable(),
  })
  .openapi('Cv');
export type TCv = z.infer<typeof ZCv>;

export const ZProfessionalCard = z.object({ id: z.string(), code: z.string(), name: z.string(), active: z.boolean() }).openapi('ProfessionalCard');
export const ZProfessionalCardQuery = z.object({
  q: z.string().trim().max(100).optional().openapi({ description: 'Words of the name, accents ignored' }),
  all: z.enum(['true', 'false']).optional().openapi({ description: 'Include inactive cards (the admin page)' }),
});
export const ZCreateProfessionalCard = z.object({
  code: z.string().trim().min(1).max(60).regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, - and _'),
  name: text(200),
});
export const ZUpdateProfessionalCard = z.object({ name: text(200).optional(), active: z.boolean().optional() });
