// Candidate search of a job offer (API.md Employment, issue 14): the offer's criteria, each of
// which the panel can relax or override, then the panel's extra filters, as one SQL query over the
// organisation's CV data whose filters the indexes serve (GIN on the CV's JSONB lists and arrays,
// trigram on the folded occupations and address: migration 0021). A page of persons comes back
// with, for each criterion asked, whether they meet it and what their CV says, relaxed or not.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db } from '../../db/client';
import { jobOffers, organisations } from '../../db/schema';
import {
  askedCriteria,
  birthDateBounds,
  containsPattern,
  criterionDetail,
  educationLevelsAtLeast,
  effectiveCriteria,
  languageKeys,
  notApplicable,
  occupationPattern,
  type AvailabilityOption,
  type CriteriaOverrides,
  type CvFacts,
  type CvLanguageLevel,
  type EffectiveCriteria,
  type LanguageRequirement,
  type SearchCriterion,
} from '../../domain/job-offers/candidate-search';
import { searchTerms } from '../../domain/text';
import { isoDate, toLocal } from '../../domain/working-days';
import type { SessionUser } from '../context';
import { notFound } from '../errors';
import { filterNames, ZCandidateSearchFilters, type TCandidateSearchFilters, type TCandidateSearchResult } from '../routes/candidate-search.schemas';
import { requireOfferRole } from './job-offers';
import { displayName } from './persons';

type Filters = TCandidateSearchFilters;
type OfferRow = typeof jobOffers.$inferSelect;

const items = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const flag = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
const languageList = (v: string | undefined): LanguageRequirement[] =>
  items(v).map((i) => {
    const [code, level] = i.split(':');
    return { code: code.trim(), level: level as CvLanguageLevel | undefined };
  });

/** The panel's overrides of the offer's criteria (only those given). */
export function overridesOf(f: Filters): CriteriaOverrides {
  return {
    occupation: f.occupation,
    educationLevel: f.educationLevel,
    minExperienceYears: f.minExperienceYears !== undefined ? Number(f.minExperienceYears) : undefined,
    categories: f.categories !== undefined ? items(f.categories) : undefined,
    languages: f.languages !== undefined ? languageList(f.languages) : undefined,
    licences: f.licences !== undefined ? items(f.licences) : undefined,
    cards: f.cards !== undefined ? items(f.cards) : undefined,
    ageMin: f.ageMin !== undefined ? Number(f.ageMin) : undefined,
    ageMax: f.ageMax !== undefined ? Number(f.ageMax) : undefined,
    availability: f.availability !== undefined ? (items(f.availability) as AvailabilityOption[]) : undefined,
    location: f.location,
    sex: f.sex,
    disability: flag(f.disability),
    longTermUnemployed: flag(f.longTermUnemployed),
    youthGuarantee: flag(f.youthGuarantee),
  };
}

const textArray = (values: readonly string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
const anyOf = (parts: SQL[]) => (parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`);
const allOf = (parts: SQL[]) => (parts.length ? sql`(${sql.join(parts, sql` AND `)})` : sql`true`);
const contains = (column: SQL, entry: Record<string, string>) => sql`${column} @> ${JSON.stringify([entry])}::jsonb`;
const educationAtLeast = (min: string) => anyOf((educationLevelsAtLeast(min) ?? []).map((level) => contains(sql`cv.education`, { level })));
const languagesAny = (reqs: LanguageRequirement[]) => sql`cv.language_keys && ${textArray(reqs.flatMap(languageKeys))}`;

/** Holds a card of the organisation's catalogue, by code, valid (no expiry, or not expired) on the day. */
const cardValid = (organisationId: string, codes: string[], on: string) => sql`EXISTS (
  SELECT 1 FROM person_professional_cards pc JOIN professional_cards c ON c.id = pc.card_id
  WHERE pc.person_id = cv.person_id AND c.organisation_id = ${organisationId} AND c.code = ANY(${textArray(codes)})
    AND (pc.expires_on IS NULL OR pc.expires_on >= ${on}::date))`;

/** Years of experience (in the occupation when one is asked), counting an open job up to the day. */
const experienceYears = (c: EffectiveCriteria, on: string) => sql`(
  SELECT coalesce(sum(greatest(0, coalesce(least((e->>'endDate')::date, ${on}::date), ${on}::date) - (e->>'startDate')::date)), 0) / 365.25
  FROM jsonb_array_elements(cv.experience) e
  WHERE e->>'startDate' IS NOT NULL ${c.occupation ? sql`AND cauce_fold(e->>'occupation') LIKE ${occupationPattern(c.occupation)}` : sql``})`;

const availabilityPredicate: Record<AvailabilityOption, SQL> = {
  full_time: sql`cv.working_time IN ('full_time', 'any')`,
  part_time: sql`cv.working_time IN ('part_time', 'any')`,
  mornings: sql`cv.shifts @> ARRAY['morning']::text[]`,
  afternoons: sql`cv.shifts @> ARRAY['afternoon']::text[]`,
  weekends: sql`cv.shifts @> ARRAY['weekends']::text[]`,
  // Rotating shifts: available for more than one shift.
  shifts: sql`cardinality(cv.shifts) >= 2`,
  travel: sql`cv.travel`,
};

const inGroup = (group: string, wanted: boolean) => (wanted ? sql`cv.insertion_groups @> ${textArray([group])}` : sql`NOT (cv.insertion_groups @> ${textArray([group])})`);

interface SearchContext {
  organisationId: string;
  offerId: string;
  userId: string;
  on: string;
}

/** The SQL condition of one criterion (the WHERE form: indexes match it as written). */
export function criterionSql(criterion: SearchCriterion, c: EffectiveCriteria, ctx: SearchContext): SQL {
  switch (criterion) {
    case 'occupation':
      return sql`cv.occupations_text LIKE ${occupationPattern(c.occupation!)}`;
    case 'educationLevel':
      return educationAtLeast(c.educationLevel!);
    case 'experience':
      return sql`${experienceYears(c, ctx.on)} >= ${c.minExperienceYears!}`;
    case 'categories':
      return anyOf(c.categories!.map((category) => contains(sql`cv.experience`, { category })));
    case 'languages':
      return allOf(c.languages!.map((l) => languagesAny([l])));
    case 'licences':
      return sql`cv.driving_licences @> ${textArray(c.licences!)}`;
    case 'cards':
      return allOf(c.cards!.map((code) => cardValid(ctx.organisationId, [code], ctx.on)));
    case 'age': {
      const { bornOnOrBefore, bornAfter } = birthDateBounds(ctx.on, c.ageMin, c.ageMax);
      return allOf([...(bornOnOrBefore ? [sql`p.birth_date <= ${bornOnOrBefore}::date`] : []), ...(bornAfter ? [sql`p.birth_date > ${bornAfter}::date`] : [])]);
    }
    case 'availability':
      return allOf(c.availability!.map((a) => availabilityPredicate[a]));
    case 'location':
      return sql`p.address_folded LIKE ${containsPattern(c.location!)}`;
    case 'sex':
      return sql`cv.sex = ${c.sex!}`;
    case 'disability':
      return sql`cv.disability = ${c.disability!}`;
    case 'longTermUnemployed':
      return inGroup('long_term_unemployed', c.longTermUnemployed!);
    case 'youthGuarantee':
      return inGroup('youth_under_30', c.youthGuarantee!);
  }
}

const exists = (wanted: boolean, query: SQL) => (wanted ? sql`EXISTS (${query})` : sql`NOT EXISTS (${query})`);

/** The panel's extra filters (never relaxed). */
export function extraFilterSql(f: Filters, ctx: SearchContext): SQL[] {
  const out: SQL[] = [];
  const push = (given: unknown, make: () => SQL) => {
    if (given !== undefined) out.push(make());
  };
  for (const term of searchTerms(f.q ?? '')) out.push(sql`p.search_text LIKE ${`%${term}%`}`);
  push(f.immigrant, () => sql`cv.immigrant = ${f.immigrant === 'true'}`);
  push(f.benefit, () => sql`cv.unemployment_benefit = ${f.benefit === 'true'}`);
  push(f.insertionGroups, () => sql`cv.insertion_groups && ${textArray(items(f.insertionGroups))}`);
  push(f.hasEmail, () => exists(f.hasEmail === 'true', sql`SELECT 1 FROM person_emails pe WHERE pe.person_id = p.id`));
  push(f.hasPhone, () => exists(f.hasPhone === 'true', sql`SELECT 1 FROM person_phones pp WHERE pp.person_id = p.id`));
  push(f.municipality, () => sql`p.address_folded LIKE ${containsPattern(f.municipality!)}`);
  push(f.registeredSince, () => sql`cv.agency_registered_on >= ${f.registeredSince}::date`);
  push(f.registeredBefore, () => sql`cv.agency_registered_on < ${f.registeredBefore}::date`);
  push(f.notPlaced, () => exists(f.notPlaced === 'false', sql`SELECT 1 FROM job_offer_candidates jp WHERE jp.person_id = p.id AND jp.status = 'placed'`));
  push(f.notCandidate, () => exists(f.notCandidate === 'false', sql`SELECT 1 FROM job_offer_candidates jc WHERE jc.person_id = p.id AND jc.offer_id = ${ctx.offerId}`));
  push(f.favourites, () => exists(f.favourites === 'true', sql`SELECT 1 FROM person_favorites pf WHERE pf.person_id = p.id AND pf.user_id = ${ctx.userId}`));
  push(f.minEducation, () => educationAtLeast(f.minEducation!));
  push(f.languagesAny, () => languagesAny(languageList(f.languagesAny)));
  push(f.licencesAny, () => sql`cv.driving_licences && ${textArray(items(f.licencesAny))}`);
  push(f.cardsAny, () => cardValid(ctx.organisationId, items(f.cardsAny), ctx.on));
  push(f.workingTime, () => sql`cv.working_time IN (${f.workingTime}, 'any')`);
  push(f.travel, () => sql`cv.travel = ${f.travel === 'true'}`);
  push(f.minDisabilityPercent, () => sql`cv.disability AND cv.disability_percent >= ${Number(f.minDisabilityPercent)}`);
  push(f.hasExperience, () => (f.hasExperience === 'true' ? sql`jsonb_array_length(cv.experience) > 0` : sql`jsonb_array_length(cv.experience) = 0`));
  return out;
}

/** What a search is: the criteria asked (relaxed or required) and the SQL of its filter. */
export function searchPlan(offerCriteria: OfferRow['criteria'], filters: Filters, ctx: SearchContext) {
  const criteria = effectiveCriteria(offerCriteria, overridesOf(filters));
  const relaxed = new Set(items(filters.relax));
  const asked = askedCriteria(criteria);
  const required = asked.filter((k) => !relaxed.has(k));
  const where = and(
    sql`cv.organisation_id = ${ctx.organisationId}`,
    sql`p.organisation_id = ${ctx.organisationId}`,
    ...required.map((k) => criterionSql(k, criteria, ctx)),
    ...extraFilterSql(filters, ctx),
  )!;
  // Those meeting more of the relaxed criteria first; then by name.
  const relaxedAsked = asked.filter((k) => relaxed.has(k));
  const score = relaxedAsked.length ? sql.join(relaxedAsked.map((k) => sql`coalesce((${criterionSql(k, criteria, ctx)}), false)::int`), sql` + `) : sql`0`;
  return { criteria, asked, relaxed, where, score };
}

/** The page's query: matching ids in order with the count of all matches. */
export const pageQuery = (plan: ReturnType<typeof searchPlan>, limit: number, offset: number) => sql`
  SELECT cv.person_id AS id, (${plan.score}) AS score, count(*) OVER () AS total
  FROM person_cvs cv JOIN persons p ON p.id = cv.person_id
  WHERE ${plan.where}
  ORDER BY score DESC, p.last_name, p.first_name, p.id
  LIMIT ${limit} OFFSET ${offset}`;

async function findOffer(db: Db, user: SessionUser, id: string): Promise<OfferRow> {
  requireOfferRole(user);
  const [row] = await db.select().from(jobOffers).where(and(eq(jobOffers.id, id), eq(jobOffers.organisationId, user.organisationId)));
  if (!row) throw notFound();
  return row;
}

/** The day ages and cards are judged on: the offer's start date, else today in the organisation's zone. */
async function referenceDate(db: Db, offer: OfferRow): Promise<string> {
  if (offer.startsOn) return offer.startsOn;
  const [org] = await db.select({ timezone: organisations.timezone }).from(organisations).where(eq(organisations.id, offer.organisationId));
  return isoDate(toLocal(new Date(), org.timezone));
}

/** Filters saved with the offer, if they still read as filters (the offer's PATCH may write anything there). */
function savedFilters(offer: OfferRow): Filters {
  const parsed = ZCandidateSearchFilters.safeParse(offer.searchFilters);
  return parsed.success ? parsed.data : {};
}

const given = (f: Record<string, unknown>) => filterNames.filter((k) => f[k] !== undefined);
const asRecord = (f: Filters) => Object.fromEntries(given(f).map((k) => [k, String(f[k])]));

interface DetailRow extends Record<string, unknown> {
  id: string;
  code: string;
  first_name: string | null;
  last_name: string | null;
  anonymous: boolean;
  birth_date: string | null;
  address: string | null;
  sex: string | null;
  disability: boolean;
  insertion_groups: string[];
  working_time: string | null;
  shifts: string[];
  travel: boolean;
  driving_licences: string[];
  education: Array<{ level: string }>;
  experience: Array<{ occupation: string; category: string | null }>;
  languages: Array<{ language: string; level: string }>;
  experience_years: string | number;
  cards: Array<{ code: string; expiresOn: string | null }>;
  candidate_status: string | null;
}

export async function searchCandidates(db: Db, user: SessionUser, offerId: string, query: Filters & { saved?: 'true' | 'false'; limit: number; offset: number }): Promise<TCandidateSearchResult> {
  const offer = await findOffer(db, user, offerId);
  const { saved, limit, offset, ...requested } = query;
  const fromSaved = given(requested).length === 0 && saved !== 'false' && given(savedFilters(offer)).length > 0;
  const filters = fromSaved ? savedFilters(offer) : requested;
  const on = await referenceDate(db, offer);
  const ctx: SearchContext = { organisationId: user.organisationId, offerId: offer.id, userId: user.id, on };
  const plan = searchPlan(offer.criteria, filters, ctx);

  const ids = await db.execute<{ id: string; total: string | number }>(pageQuery(plan, limit, offset));
  let total = ids.length ? Number(ids[0].total) : 0;
  if (!ids.length && offset > 0) {
    const [row] = await db.execute<{ n: string | number }>(sql`SELECT count(*) AS n FROM person_cvs cv JOIN persons p ON p.id = cv.person_id WHERE ${plan.where}`);
    total = Number(row.n);
  }

  const verdictColumns = plan.asked.map((k, i) => sql`coalesce((${criterionSql(k, plan.criteria, ctx)}), false) AS ${sql.raw(`m${i}`)}`);
  const rows = ids.length
    ? await db.execute<DetailRow>(sql`
        SELECT p.id, p.code, p.first_name, p.last_name, p.anonymous, p.birth_date::text AS birth_date, p.address,
          cv.sex, cv.disability, cv.insertion_groups, cv.working_time, cv.shifts, cv.travel, cv.driving_licences, cv.education, cv.experience, cv.languages,
          ${experienceYears(plan.criteria, on)} AS experience_years,
          (SELECT coalesce(json_agg(json_build_object('code', c.code, 'expiresOn', pc.expires_on) ORDER BY pc.position), '[]'::json)
             FROM person_professional_cards pc JOIN professional_cards c ON c.id = pc.card_id WHERE pc.person_id = p.id) AS cards,
          (SELECT jc.status FROM job_offer_candidates jc WHERE jc.offer_id = ${offer.id} AND jc.person_id = p.id) AS candidate_status
          ${verdictColumns.length ? sql`, ${sql.join(verdictColumns, sql`, `)}` : sql``}
        FROM person_cvs cv JOIN persons p ON p.id = cv.person_id
        WHERE p.organisation_id = ${user.organisationId} AND p.id = ANY(${textArray(ids.map((r) => r.id))})`)
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));

  return {
    referenceDate: on,
    filters: asRecord(filters),
    fromSaved,
    criteria: plan.asked.map((k) => ({ criterion: k, relaxed: plan.relaxed.has(k), value: criterionValue(k, plan.criteria) })),
    notApplied: notApplicable(offer.criteria),
    items: ids.map(({ id }) => {
      const r = byId.get(id)!;
      const facts: CvFacts = {
        birthDate: r.birth_date,
        address: r.address,
        sex: r.sex,
        disability: r.disability,
        insertionGroups: r.insertion_groups,
        workingTime: r.working_time,
        shifts: r.shifts,
        travel: r.travel,
        drivingLicences: r.driving_licences,
        educationLevels: r.education.map((e) => e.level),
        categories: r.experience.flatMap((e) => (e.category ? [e.category] : [])),
        occupations: r.experience.map((e) => e.occupation),
        languages: r.languages,
        experienceYears: Number(r.experience_years),
        cards: r.cards,
      };
      const meets = plan.asked.map((k, i) => ({ criterion: k, met: r[`m${i}`] === true, relaxed: plan.relaxed.has(k), detail: criterionDetail(k, plan.criteria, facts, on) }));
      const ageDetail = r.birth_date ? Number(criterionDetail('age', plan.criteria, facts, on)) : null;
      return {
        personId: r.id,
        code: r.code,
        name: displayName({ anonymous: r.anonymous, firstName: r.first_name, lastName: r.last_name, code: r.code }),
        age: ageDetail,
        candidateStatus: r.candidate_status,
        metCount: meets.filter((m) => m.met).length,
        meets,
      };
    }),
    total,
    limit,
    offset,
  };
}

/** The criterion's asked value as the panel shows it. */
function criterionValue(k: SearchCriterion, c: EffectiveCriteria): string {
  switch (k) {
    case 'experience':
      return String(c.minExperienceYears);
    case 'languages':
      return c.languages!.map((l) => (l.level ? `${l.code}:${l.level}` : l.code)).join(',');
    case 'age':
      return `${c.ageMin ?? ''}-${c.ageMax ?? ''}`;
    case 'categories':
    case 'licences':
    case 'cards':
    case 'availability':
      return (c[k] ?? []).join(',');
    default:
      return String(c[k]);
  }
}

/** Saves the panel's filters with the offer: the next search without filters uses them. */
export async function saveSearchFilters(db: Db, user: SessionUser, offerId: string, filters: Filters) {
  const offer = await findOffer(db, user, offerId);
  const record = asRecord(filters);
  await db.update(jobOffers).set({ searchFilters: record, updatedAt: new Date() }).where(eq(jobOffers.id, offer.id));
  await writeAudit(db, { ...auditActor(user), action: 'job_offer.search_saved', subjectType: 'job_offer', subjectId: offer.id, details: { filters: Object.keys(record) } });
  return { filters: record };
}
