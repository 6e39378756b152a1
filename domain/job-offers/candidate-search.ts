// Candidate search of a job offer (issue 14): which of the offer's criteria apply, how the search
// panel relaxes or tightens each, and what a person's CV data says about each criterion. Plain
// rules shared by the API (which turns them into indexed SQL) and the UI (which explains them).
import { educationLevelCodes, educationLevels, type EducationLevel } from '../employment-cv';
import { normalizeForSearch } from '../text';
import type { OfferCriteria } from './offers';

/**
 * The criteria a search applies, each of which the panel can relax (`relax=age,languages`): the
 * person is still told whether they meet it. Age and cards are judged on the offer's start date.
 */
export const searchCriteria = [
  'occupation',
  'educationLevel',
  'experience',
  'categories',
  'languages',
  'licences',
  'cards',
  'age',
  'availability',
  'location',
  'sex',
  'disability',
  'longTermUnemployed',
  'youthGuarantee',
] as const;
export type SearchCriterion = (typeof searchCriteria)[number];

/** Criteria of an offer that CV data does not record, so a search cannot apply them. */
export const unsearchableCriteria = ['ownVehicle', 'maxDistanceKm', 'keywords'] as const;

/** CV language levels, low to high (the CV's scale: CEFR plus native). */
export const cvLanguageLevels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export type CvLanguageLevel = (typeof cvLanguageLevels)[number];

export const availabilityOptions = ['full_time', 'part_time', 'mornings', 'afternoons', 'weekends', 'shifts', 'travel'] as const;
export type AvailabilityOption = (typeof availabilityOptions)[number];

export interface LanguageRequirement {
  code: string;
  level?: CvLanguageLevel;
}

/** The criteria after the panel's overrides: what is asked, whether or not it is relaxed. */
export interface EffectiveCriteria {
  occupation?: string;
  educationLevel?: string;
  minExperienceYears?: number;
  categories?: string[];
  languages?: LanguageRequirement[];
  licences?: string[];
  cards?: string[];
  ageMin?: number;
  ageMax?: number;
  availability?: AvailabilityOption[];
  location?: string;
  sex?: 'female' | 'male';
  disability?: boolean;
  longTermUnemployed?: boolean;
  youthGuarantee?: boolean;
}

/** The panel's overrides of the offer's criteria (any given value replaces the offer's). */
export type CriteriaOverrides = Partial<EffectiveCriteria>;

/**
 * The offer's criteria with the panel's overrides. The occupation is the offer's text when it
 * has one (CVs record occupations as words, not CNO codes); the location is the municipality,
 * else the province, of the criteria.
 */
export function effectiveCriteria(offer: OfferCriteria, overrides: CriteriaOverrides): EffectiveCriteria {
  const occupation = offer.occupationText?.trim() || offer.occupation?.trim() || undefined;
  const base: EffectiveCriteria = {
    occupation,
    educationLevel: offer.educationLevel,
    minExperienceYears: offer.minExperienceYears,
    categories: offer.categories?.length ? offer.categories : undefined,
    languages: offer.languages?.length ? offer.languages : undefined,
    licences: offer.licences?.length ? offer.licences : undefined,
    cards: offer.cards?.length ? offer.cards : undefined,
    ageMin: offer.ageMin,
    ageMax: offer.ageMax,
    availability: offer.availability?.length ? offer.availability : undefined,
    location: offer.municipality?.trim() || offer.province?.trim() || undefined,
    sex: offer.sex,
    disability: offer.disability,
    longTermUnemployed: offer.longTermUnemployed,
    youthGuarantee: offer.youthGuarantee,
  };
  const merged = { ...base };
  for (const [key, value] of Object.entries(overrides) as Array<[keyof EffectiveCriteria, unknown]>) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Which criteria the effective criteria ask for (each can be relaxed). */
export function askedCriteria(c: EffectiveCriteria): SearchCriterion[] {
  const asked: Record<SearchCriterion, boolean> = {
    occupation: !!c.occupation,
    educationLevel: !!c.educationLevel,
    experience: c.minExperienceYears !== undefined && c.minExperienceYears > 0,
    categories: !!c.categories?.length,
    languages: !!c.languages?.length,
    licences: !!c.licences?.length,
    cards: !!c.cards?.length,
    age: c.ageMin !== undefined || c.ageMax !== undefined,
    availability: !!c.availability?.length,
    location: !!c.location,
    sex: !!c.sex,
    disability: c.disability !== undefined,
    longTermUnemployed: c.longTermUnemployed !== undefined,
    youthGuarantee: c.youthGuarantee !== undefined,
  };
  return searchCriteria.filter((k) => asked[k]);
}

/** Which of an offer's criteria CV data cannot answer (the panel says they were not applied). */
export const notApplicable = (offer: OfferCriteria): string[] => unsearchableCriteria.filter((k) => offer[k] !== undefined && offer[k] !== '');

/**
 * The CV education levels at or above a minimum given as SEPE's NIVEL_FORMATIVO (00, 10, 20, 30)
 * or as one of the CV's levels (`vocational_higher`). Unknown → null (the caller answers 400).
 */
export function educationLevelsAtLeast(min: string): EducationLevel[] | null {
  if (/^\d{2}$/.test(min)) {
    if (!Object.values(educationLevels).includes(min as never)) return null;
    return educationLevelCodes.filter((l) => educationLevels[l] >= min);
  }
  const rank = educationLevelCodes.indexOf(min as EducationLevel);
  return rank < 0 ? null : educationLevelCodes.slice(rank);
}

/** Language names as people type them in a CV, by ISO 639-1 code (es, it, en names). */
const languageNames: Record<string, string[]> = {
  es: ['español', 'castellano', 'spanish', 'spagnolo'],
  en: ['inglés', 'english', 'inglese'],
  fr: ['francés', 'français', 'french', 'francese'],
  de: ['alemán', 'deutsch', 'german', 'tedesco'],
  it: ['italiano', 'italian'],
  pt: ['portugués', 'português', 'portuguese', 'portoghese'],
  ar: ['árabe', 'arabic', 'arabo'],
  ro: ['rumano', 'română', 'romanian', 'rumeno'],
  zh: ['chino', 'mandarín', 'chinese', 'cinese'],
  ru: ['ruso', 'russian', 'russo'],
  uk: ['ucraniano', 'ukrainian', 'ucraino'],
  pl: ['polaco', 'polish', 'polacco'],
  nl: ['neerlandés', 'holandés', 'dutch', 'olandese'],
  ca: ['catalán', 'català', 'catalan', 'catalano'],
  eu: ['euskera', 'vasco', 'basque', 'basco'],
  gl: ['gallego', 'galego', 'galician'],
  wo: ['wolof'],
  bg: ['búlgaro', 'bulgarian', 'bulgaro'],
};

/** The folded names a CV may use for a language given by code or by name ("en", "Inglés"). */
export function languageAliases(codeOrName: string): string[] {
  const key = normalizeForSearch(codeOrName);
  const byCode = languageNames[key];
  const byName = Object.values(languageNames).find((names) => names.some((n) => normalizeForSearch(n) === key));
  return [...new Set([key, ...(byCode ?? byName ?? []).map(normalizeForSearch)])];
}

/** The keys `<folded name>:<level>` of a CV language at or above the level asked (any level when none). */
export function languageKeys(req: LanguageRequirement): string[] {
  const from = req.level ? cvLanguageLevels.indexOf(req.level) : 0;
  const levels = cvLanguageLevels.slice(Math.max(0, from));
  return languageAliases(req.code).flatMap((name) => levels.map((l) => `${name}:${l}`));
}

/** The birth dates (inclusive bounds, YYYY-MM-DD) of people aged ageMin–ageMax on a day. */
export function birthDateBounds(on: string, ageMin?: number, ageMax?: number): { bornOnOrBefore?: string; bornAfter?: string } {
  const shift = (years: number) => {
    const [y, m, d] = on.split('-').map(Number);
    // Born on 29 February: a birthday on 1 March in other years (as Spanish law counts ages).
    const date = new Date(Date.UTC(y - years, m - 1, d));
    if (date.getUTCDate() !== d) date.setUTCDate(0);
    return date.toISOString().slice(0, 10);
  };
  return { bornOnOrBefore: ageMin !== undefined ? shift(ageMin) : undefined, bornAfter: ageMax !== undefined ? shift(ageMax + 1) : undefined };
}

/** A person's age in whole years on a day. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The LIKE pattern of a folded text (words in order, % and _ taken literally). */
export function containsPattern(text: string): string {
  return `%${normalizeForSearch(text).replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/**
 * The LIKE pattern of an occupation: its words in order, each without its Spanish/Italian gender
 * or plural ending, so "Camarero" finds "camarera" and "camareros" ("Reponedora" finds "reponedor").
 */
export function occupationPattern(text: string): string {
  const words = normalizeForSearch(text)
    .replace(/[%_\\]/g, '')
    .split(' ')
    .filter(Boolean)
    .map((w) => (w.length > 4 ? w.replace(/(os|as|es|o|a|i|e)$/, '') : w));
  return `%${words.join('%')}%`;
}

/** The explanation of one criterion for one person. */
export interface CriterionVerdict {
  criterion: SearchCriterion;
  met: boolean;
  /** What the CV says, in codes and numbers the UI renders (e.g. `B2`, `6.5`, `carretillero→2027-03-01`). */
  detail: string;
  relaxed: boolean;
}

/** What the explanation reads from a person's CV (plus what SQL computed: experience, valid cards). */
export interface CvFacts {
  birthDate: string | null;
  address: string | null;
  sex: string | null;
  disability: boolean;
  insertionGroups: string[];
  workingTime: string | null;
  shifts: string[];
  travel: boolean;
  drivingLicences: string[];
  educationLevels: string[];
  categories: string[];
  occupations: string[];
  languages: Array<{ language: string; level: string }>;
  experienceYears: number;
  cards: Array<{ code: string; expiresOn: string | null }>;
}

/** The detail shown beside each criterion: what the person has, whatever the verdict. */
export function criterionDetail(criterion: SearchCriterion, c: EffectiveCriteria, f: CvFacts, on: string): string {
  switch (criterion) {
    case 'occupation':
      return f.occupations.join(', ');
    case 'educationLevel': {
      const best = f.educationLevels.map((l) => educationLevelCodes.indexOf(l as EducationLevel)).reduce((a, b) => Math.max(a, b), -1);
      return best < 0 ? '' : educationLevelCodes[best];
    }
    case 'experience':
      return (Math.round(f.experienceYears * 10) / 10).toString();
    case 'categories':
      return [...new Set(f.categories)].join(', ');
    case 'languages': {
      const wanted = new Set((c.languages ?? []).flatMap((l) => languageAliases(l.code)));
      return f.languages.filter((l) => wanted.has(normalizeForSearch(l.language))).map((l) => `${l.language} ${l.level}`).join(', ');
    }
    case 'licences':
      return f.drivingLicences.join(', ');
    case 'cards':
      return f.cards.map((k) => (k.expiresOn ? `${k.code}→${k.expiresOn}` : k.code)).join(', ');
    case 'age':
      return f.birthDate ? String(ageOn(f.birthDate, on)) : '';
    case 'availability':
      return [f.workingTime, ...f.shifts, f.travel ? 'travel' : null].filter(Boolean).join(', ');
    case 'location':
      return f.address ?? '';
    case 'sex':
      return f.sex ?? '';
    case 'disability':
      return f.disability ? 'yes' : 'no';
    case 'longTermUnemployed':
      return f.insertionGroups.includes('long_term_unemployed') ? 'yes' : 'no';
    case 'youthGuarantee':
      return f.insertionGroups.includes('youth_under_30') ? 'yes' : 'no';
  }
}
