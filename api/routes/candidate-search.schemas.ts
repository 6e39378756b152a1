import { z } from '@hono/zod-openapi';
import { drivingLicences, insertionGroups, professionalCategories } from '../../domain/employment-cv';
import { availabilityOptions, cvLanguageLevels, educationLevelsAtLeast, searchCriteria } from '../../domain/job-offers/candidate-search';
import { ZDate, ZId } from '../schemas';

// The search panel's parameters, as the query string carries them (and as they are saved with the
// offer): strings, lists comma-separated. Each is checked here, so a bad one is a 400 naming it.

const bad = (ctx: z.RefinementCtx, code: string, message: string) => ctx.addIssue({ code: 'custom', message, params: { code } });
const items = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

/** A comma-separated list whose every item passes `ok` (at most 30 items). */
const list = (ok: (item: string) => boolean, what: string, description: string) =>
  z
    .string()
    .max(600)
    .superRefine((v, ctx) => {
      const wrong = items(v).filter((i) => !ok(i));
      if (wrong.length) bad(ctx, 'invalid_value', `Not ${what}: ${wrong.join(', ')}`);
      if (items(v).length > 30) bad(ctx, 'too_many', 'At most 30 items');
    })
    .optional()
    .openapi({ description });
const oneOf = (values: readonly string[]) => (i: string) => values.includes(i);
const bool = (description: string) => z.enum(['true', 'false']).optional().openapi({ description });
const text = (description: string) => z.string().trim().min(1).max(200).optional().openapi({ description });
const int = (min: number, max: number, description: string) =>
  z
    .string()
    .superRefine((v, ctx) => {
      if (!/^\d{1,3}$/.test(v) || Number(v) < min || Number(v) > max) bad(ctx, 'out_of_range', `A whole number between ${min} and ${max}`);
    })
    .optional()
    .openapi({ description });
const languageItem = (i: string) => {
  const [code, level, ...rest] = i.split(':');
  return rest.length === 0 && code.trim().length >= 2 && code.trim().length <= 40 && (level === undefined || (cvLanguageLevels as readonly string[]).includes(level));
};
const cardCode = (i: string) => /^[\w.-]{1,40}$/.test(i);
const educationLevel = (description: string) =>
  z
    .string()
    .max(40)
    .refine((v) => educationLevelsAtLeast(v) !== null, { params: { code: 'invalid_value' }, message: 'A SEPE level (00, 10, 20, 30) or a CV education level' })
    .optional()
    .openapi({ description });

/** Criteria overrides: a value given here replaces the offer's (tightens, loosens or adds it). */
const criteriaOverrides = {
  relax: list(oneOf(searchCriteria), 'a criterion', `Criteria to ignore (each is still explained in meets): ${searchCriteria.join(', ')}`),
  occupation: text('Overrides the occupation: words found in the occupations of the work experience (accents and case ignored)'),
  educationLevel: educationLevel('Overrides the minimum education: SEPE NIVEL_FORMATIVO (00, 10, 20, 30) or a CV level (primary … doctorate)'),
  minExperienceYears: z.string().regex(/^\d{1,2}(\.\d)?$/, 'Years, e.g. 2 or 1.5').optional().openapi({ description: 'Overrides the minimum years of experience in the occupation (all experience when no occupation); 0 drops it' }),
  categories: list(oneOf(professionalCategories), 'a professional category', `Overrides the categories (any of): ${professionalCategories.join(', ')}`),
  languages: list(languageItem, 'a language', 'Overrides the languages (all of), each `code[:minLevel]`, e.g. `en:B2,fr`; code is ISO 639-1 or a name; levels A1…C2, native'),
  licences: list(oneOf(drivingLicences), 'a driving licence', 'Overrides the driving licences (all of), e.g. `B,C1`'),
  cards: list(cardCode, 'a card code', 'Overrides the professional cards (all of, valid on the offer’s start date), by catalogue code'),
  ageMin: int(16, 100, 'Overrides the minimum age on the offer’s start date'),
  ageMax: int(16, 100, 'Overrides the maximum age on the offer’s start date'),
  availability: list(oneOf(availabilityOptions), 'an availability', `Overrides the availability (all of): ${availabilityOptions.join(', ')}`),
  location: text('Overrides the location: words found in the person’s address (municipality or province)'),
  sex: z.enum(['female', 'male']).optional().openapi({ description: 'Overrides the sex criterion' }),
  disability: bool('Overrides the disability criterion'),
  longTermUnemployed: bool('Overrides the long-term unemployed criterion (insertion group)'),
  youthGuarantee: bool('Overrides the youth guarantee criterion (insertion group youth_under_30)'),
};

/** Extra filters of the side panel: applied on top of the criteria, never relaxed. */
const extraFilters = {
  q: text('Text in the name, file code, document, email or phone'),
  immigrant: bool('Immigrant status'),
  benefit: bool('Receives unemployment benefit'),
  insertionGroups: list(oneOf(insertionGroups), 'an insertion group', `In any of these insertion groups: ${insertionGroups.join(', ')}`),
  hasEmail: bool('Has (true) or lacks (false) an email address'),
  hasPhone: bool('Has (true) or lacks (false) a phone number'),
  municipality: text('Words found in the address (the municipality)'),
  registeredSince: ZDate.optional().openapi({ description: 'Registered with the agency on or after this day' }),
  registeredBefore: ZDate.optional().openapi({ description: 'Registered with the agency before this day' }),
  notPlaced: bool('true: never placed through an offer of the organisation'),
  notCandidate: bool('true: not already a candidate of this offer'),
  favourites: bool('true: only the caller’s favourite persons'),
  minEducation: educationLevel('Minimum education (as educationLevel), on top of the criterion'),
  languagesAny: list(languageItem, 'a language', 'Speaks any of these languages, `code[:minLevel]`'),
  licencesAny: list(oneOf(drivingLicences), 'a driving licence', 'Holds any of these driving licences'),
  cardsAny: list(cardCode, 'a card code', 'Holds any of these professional cards, valid on the offer’s start date'),
  workingTime: z.enum(['full_time', 'part_time']).optional().openapi({ description: 'Available for this working time (or any)' }),
  travel: bool('Available to travel'),
  minDisabilityPercent: int(0, 100, 'Recognised disability of at least this percentage'),
  hasExperience: bool('Has (true) or lacks (false) work experience'),
};

export const ZCandidateSearchFilters = z.object({ ...criteriaOverrides, ...extraFilters }).strict().openapi('CandidateSearchFilters');
export type TCandidateSearchFilters = z.infer<typeof ZCandidateSearchFilters>;
export const filterNames = Object.keys(ZCandidateSearchFilters.shape) as Array<keyof TCandidateSearchFilters>;

export const ZCandidateSearchQuery = z
  .object({
    ...criteriaOverrides,
    ...extraFilters,
    saved: z.enum(['true', 'false']).optional().openapi({ description: 'false: ignore the filters saved with the offer. They apply by default when no filter is given' }),
    limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ description: 'Page size, at most 100' }),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict();

export const ZSavedSearchRequest = z.object({ filters: ZCandidateSearchFilters }).strict().openapi('CandidateSearchSaveRequest');

const ZVerdict = z.object({
  criterion: z.enum(searchCriteria),
  met: z.boolean(),
  relaxed: z.boolean().openapi({ description: 'The criterion was relaxed: reported, not required' }),
  detail: z.string().openapi({ description: 'What the CV says: a level, years, codes, an age, the address…' }),
});

export const ZCandidateSearchResult = z
  .object({
    referenceDate: z.string().openapi({ description: 'The day ages and card validity are judged on: the offer’s start date, else today' }),
    filters: z.record(z.string(), z.string()).openapi({ description: 'The filters applied (the saved ones when the request gave none)' }),
    fromSaved: z.boolean(),
    criteria: z.array(z.object({ criterion: z.enum(searchCriteria), relaxed: z.boolean(), value: z.string() })).openapi({ description: 'The criteria asked, after overrides' }),
    notApplied: z.array(z.string()).openapi({ description: 'Criteria of the offer CV data does not record (ownVehicle, maxDistanceKm, keywords)' }),
    items: z.array(
      z.object({
        personId: ZId,
        code: z.string(),
        name: z.string(),
        age: z.number().int().nullable(),
        candidateStatus: z.string().nullable().openapi({ description: 'Already a candidate of this offer: their status' }),
        metCount: z.number().int(),
        meets: z.array(ZVerdict),
      }),
    ),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .openapi('CandidateSearchResult');
export type TCandidateSearchResult = z.infer<typeof ZCandidateSearchResult>;
