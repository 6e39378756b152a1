// The SEPE file of a placement agency (issue 14, API.md "Employment"): who was attended in a
// period, read from the CV data and the job offers in one query per concern, checked
// (documents/sepe checkSepeWorkersFile), written as ENPI XML in ISO-8859-1, validated against its
// XSD, recorded (sepe_files: period, who, when, SHA-256) and audited.
//
// Who is "attended in the period" (one ACCION each): a person of the organisation with employment
// activity in the period's days (in the organisation's time zone):
//   - registered with the agency in the period (the CV's agencyRegisteredOn), or
//   - a job-offer candidate record added, or moved from one status to another, in the period
//     (added_at, status_at, or any entry of the candidate's history), or
//   - placed in the period: candidate status "placed" with placedOn in the period.
// The annual file (YYYY99) covers the whole year with the same rules. A person placed more than
// once in the period is reported with the latest placement (ENPI has one COLOCACION per ACCION).
// DATOS_AGREGADOS about offers come from the offers "of the period": created before the period
// ended and not closed before it began (see offerCounts).
import { count, desc, eq, sql } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db } from '../../db/client';
import { organisations, sepeFiles } from '../../db/schema';
import { checkSepeWorkersFile, renderEnpiFile, SepeDataIncompleteError, type SepeFile } from '../../documents/sepe/files';
import { sepeWorkerData, type CvSepeInput, type EducationLevel, type InsertionGroup, type Sex } from '../../domain/employment-cv';
import { t, type Locale } from '../../domain/i18n';
import { effectiveSettings } from '../../domain/organisation-settings';
import type { SepeOfferCounts } from '../../domain/sepe/aggregates';
import { contractTypeFromEnpiCode, isSepeAgencyCode } from '../../domain/sepe/codes';
import { parseSepePeriod, type SepePeriod } from '../../domain/sepe/period';
import { sepeProblemsByPerson, splitSurnames, type SepeProblem, type SepeWorker } from '../../domain/sepe/records';
import { addCalendarDays, fromLocal, isoDate, toLocal } from '../../domain/working-days';
import { validateSepeXml } from '../../platform/sepe-xml-validator';
import type { SessionUser } from '../context';
import { ApiError, invalidInput } from '../errors';
import { iso } from '../schemas';

/** Who makes SEPE files: professionals, supervisors and admins of the organisation; anyone else 403. */
const SEPE_ROLES = ['admin', 'supervisor', 'professional'];
function requireSepeRole(user: SessionUser) {
  if (!user.roles.some((r) => SEPE_ROLES.includes(r))) throw new ApiError(403, 'forbidden', 'errors.sepe_forbidden', {}, { reason: 'role' });
}

interface SepeContext {
  agencyCode: string;
  timezone: string;
  period: SepePeriod;
}

/** The organisation's agency code and time zone, and the period checked against its today (400 when it is not a closed period). */
async function sepeContext(db: Db, user: SessionUser, periodCode: string): Promise<SepeContext> {
  requireSepeRole(user);
  const [org] = await db.select({ timezone: organisations.timezone, settings: organisations.settings }).from(organisations).where(eq(organisations.id, user.organisationId));
  const today = isoDate(toLocal(new Date(), org.timezone));
  const parsed = parseSepePeriod(periodCode, 'enpi', today);
  if (!parsed.ok) throw invalidInput([{ path: 'period', message: parsed.problem, code: parsed.problem, messageKey: `sepe.period.${parsed.problem}` }]);
  return { agencyCode: effectiveSettings(org.settings).sepeAgencyCode.trim(), timezone: org.timezone, period: parsed.period };
}

/** Without its agency code (Administración → Organización) the organisation cannot send any SEPE file. */
function requireAgencyCode(ctx: SepeContext) {
  if (!ctx.agencyCode) throw new ApiError(409, 'sepe_agency_code_missing', 'errors.sepe_agency_code_missing');
  if (!isSepeAgencyCode(ctx.agencyCode, 'enpi')) throw new ApiError(409, 'sepe_agency_code_invalid', 'errors.sepe_agency_code_invalid', { code: ctx.agencyCode });
}

/** The period's first instant and the next period's first instant, in the organisation's zone, as ISO text for SQL. */
function periodInstants(period: SepePeriod, timezone: string) {
  const at = (date: string) => {
    const [year, month, day] = date.split('-').map(Number);
    return fromLocal({ year, month, day, hour: 0, minute: 0, second: 0 }, timezone);
  };
  return { fromTs: at(period.from).toISOString(), toTs: addCalendarDays(at(period.to), 1, timezone).toISOString() };
}

interface AttendedRow extends Record<string, unknown> {
  id: string;
  code: string;
  anonymous: boolean;
  first_name: string | null;
  last_name: string | null;
  document_id: string | null;
  birth_date: string | null;
  has_cv: boolean;
  sex: Sex | null;
  education_levels: EducationLevel[] | null;
  disability: boolean | null;
  immigrant: boolean | null;
  unemployment_benefit: boolean | null;
  insertion_groups: InsertionGroup[] | null;
  registered_in_period: boolean;
  placed_on: string | null;
  contract_type: string | null;
  employer_tax_id: string | null;
  employer_name: string | null;
}

/** The persons attended in the period (see the header), with their CV's SEPE data and placement: one query. */
export async function attendedWorkers(db: Db, organisationId: string, period: SepePeriod, timezone: string): Promise<SepeWorker[]> {
  const { fromTs, toTs } = periodInstants(period, timezone);
  const rows = await db.execute<AttendedRow>(sql`
    WITH placed AS (
      SELECT DISTINCT ON (c.person_id) c.person_id, c.placed_on, COALESCE(c.contract_type, o.contract_type) AS contract_type, o.employer_tax_id, o.employer_name
      FROM job_offer_candidates c JOIN job_offers o ON o.id = c.offer_id
      WHERE c.organisation_id = ${organisationId} AND c.status = 'placed' AND c.placed_on BETWEEN ${period.from}::date AND ${period.to}::date
      ORDER BY c.person_id, c.placed_on DESC, c.status_at DESC
    ),
    moved AS (
      SELECT c.person_id FROM job_offer_candidates c
      WHERE c.organisation_id = ${organisationId}
        AND ((c.added_at >= ${fromTs}::timestamptz AND c.added_at < ${toTs}::timestamptz)
          OR (c.status_at >= ${fromTs}::timestamptz AND c.status_at < ${toTs}::timestamptz)
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(c.history) h WHERE (h->>'at')::timestamptz >= ${fromTs}::timestamptz AND (h->>'at')::timestamptz < ${toTs}::timestamptz))
    ),
    registered AS (
      SELECT person_id FROM person_cvs
      WHERE organisation_id = ${organisationId} AND agency_registered_on BETWEEN ${period.from}::date AND ${period.to}::date
    ),
    attended AS (SELECT person_id FROM placed UNION SELECT person_id FROM moved UNION SELECT person_id FROM registered)
    SELECT p.id, p.code, p.anonymous, p.first_name, p.last_name, p.document_id, p.birth_date::text AS birth_date,
      cv.person_id IS NOT NULL AS has_cv, cv.sex,
      (SELECT array_agg(e->>'level') FROM jsonb_array_elements(cv.education) e) AS education_levels,
      cv.disability, cv.immigrant, cv.unemployment_benefit, cv.insertion_groups,
      COALESCE(cv.agency_registered_on BETWEEN ${period.from}::date AND ${period.to}::date, false) AS registered_in_period,
      pl.placed_on::text AS placed_on, pl.contract_type, pl.employer_tax_id, pl.employer_name
    FROM attended a
    JOIN persons p ON p.id = a.person_id AND p.organisation_id = ${organisationId}
    LEFT JOIN person_cvs cv ON cv.person_id = p.id
    LEFT JOIN placed pl ON pl.person_id = p.id
    ORDER BY p.last_name, p.first_name, p.id
  `);
  return rows.map(workerOf);
}

function workerOf(r: AttendedRow): SepeWorker {
  const levels = r.education_levels ?? [];
  const cv: CvSepeInput = {
    sex: r.sex,
    education: levels.map((level) => ({ level })),
    disability: r.disability ?? false,
    immigrant: r.immigrant ?? false,
    unemploymentBenefit: r.unemployment_benefit ?? false,
    insertionGroups: r.insertion_groups ?? [],
  };
  const sepe = sepeWorkerData(cv);
  const { surname1, surname2 } = splitSurnames(r.anonymous ? null : r.last_name);
  return {
    personId: r.id,
    id: r.document_id,
    name: r.anonymous ? null : r.first_name,
    surname1,
    surname2,
    birthDate: r.birth_date,
    sex: r.sex === 'male' || r.sex === 'female' ? r.sex : null,
    // No education entered is missing, not "sin estudios": that is a level the CV offers (none → 00).
    educationLevel: levels.length ? sepe.educationLevel : null,
    disability: cv.disability,
    immigrant: cv.immigrant,
    benefitRecipient: sepe.benefitRecipient,
    insertionGroup: sepe.insertionDifficulty,
    registeredInPeriod: r.registered_in_period,
    placement: r.placed_on
      ? { date: r.placed_on, contractType: contractTypeFromEnpiCode(r.contract_type), employerTaxId: r.employer_tax_id, employerName: r.employer_name }
      : null,
  };
}

/**
 * DATOS_AGREGADOS about offers, one query. Offers of the period: created before it ended and not
 * closed before it began. Filled (cubierta): all its vacancies placed by the period's end. Posts:
 * their vacancies; posts filled: placements in the period, at most the offer's vacancies. Sent:
 * persons sent to a company (or placed directly) in the period.
 */
export async function offerCounts(db: Db, organisationId: string, period: SepePeriod, timezone: string): Promise<SepeOfferCounts> {
  const { fromTs, toTs } = periodInstants(period, timezone);
  const [row] = await db.execute<{ offers: number; posts: number; offers_filled: number; posts_filled: number; sent: number }>(sql`
    WITH offers AS (
      SELECT o.id, o.vacancies,
        (SELECT count(*) FROM job_offer_candidates c WHERE c.offer_id = o.id AND c.status = 'placed' AND c.placed_on <= ${period.to}::date)::int AS placed_by_end,
        (SELECT count(*) FROM job_offer_candidates c WHERE c.offer_id = o.id AND c.status = 'placed' AND c.placed_on BETWEEN ${period.from}::date AND ${period.to}::date)::int AS placed_in
      FROM job_offers o
      WHERE o.organisation_id = ${organisationId} AND o.created_at < ${toTs}::timestamptz AND (o.closed_at IS NULL OR o.closed_at >= ${fromTs}::timestamptz)
    )
    SELECT
      (SELECT count(*) FROM offers)::int AS offers,
      (SELECT COALESCE(sum(vacancies), 0) FROM offers)::int AS posts,
      (SELECT count(*) FROM offers WHERE placed_by_end >= vacancies AND vacancies > 0)::int AS offers_filled,
      (SELECT COALESCE(sum(LEAST(placed_in, vacancies)), 0) FROM offers)::int AS posts_filled,
      (SELECT count(DISTINCT c.person_id) FROM job_offer_candidates c
        WHERE c.organisation_id = ${organisationId}
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(c.history) h
            WHERE h->>'to' IN ('sent_to_company', 'placed') AND (h->>'at')::timestamptz >= ${fromTs}::timestamptz AND (h->>'at')::timestamptz < ${toTs}::timestamptz))::int AS sent
  `);
  return { offers: row.offers, offersFilled: row.offers_filled, posts: row.posts, postsFilled: row.posts_filled, personsSentToOffers: row.sent };
}

/** The problems as the check page and the 422 list them: per person, each with its sentence in the reader's language. */
function describeProblems(problems: SepeProblem[], locale: Locale) {
  return sepeProblemsByPerson(problems).map((g) => ({
    personId: g.personId,
    name: g.person,
    problems: g.problems.map((p) => ({ field: p.field, code: p.code, message: t(locale, p.messageKey) })),
  }));
}

async function periodData(db: Db, user: SessionUser, ctx: SepeContext) {
  const [workers, offers] = await Promise.all([
    attendedWorkers(db, user.organisationId, ctx.period, ctx.timezone),
    offerCounts(db, user.organisationId, ctx.period, ctx.timezone),
  ]);
  return { sender: { agencyCode: ctx.agencyCode || null }, period: ctx.period, workers, offers };
}

/** What the check page shows before a download: who would be in the file, and what would make it invalid. */
export async function checkSepeFile(db: Db, user: SessionUser, query: { period: string; kind: 'enpi' }, locale: Locale) {
  const ctx = await sepeContext(db, user, query.period);
  const input = await periodData(db, user, ctx);
  const problems = checkSepeWorkersFile(query.kind, input);
  return {
    kind: query.kind,
    period: ctx.period.code,
    from: ctx.period.from,
    to: ctx.period.to,
    agencyCode: ctx.agencyCode || null,
    attended: input.workers.length,
    placed: input.workers.filter((w) => w.placement).length,
    ready: problems.length === 0,
    problems: describeProblems(problems, locale),
  };
}

/**
 * The ENPI file of the period: 409 without the agency code, 422 sepe_data_incomplete with every
 * person's problems, otherwise the file, validated against XML_ENPI v1.1, recorded and audited.
 */
export async function generateEnpiFile(db: Db, user: SessionUser, periodCode: string, locale: Locale): Promise<SepeFile> {
  const ctx = await sepeContext(db, user, periodCode);
  requireAgencyCode(ctx);
  const input = await periodData(db, user, ctx);
  let file: SepeFile;
  try {
    file = renderEnpiFile(input);
  } catch (err) {
    if (!(err instanceof SepeDataIncompleteError)) throw err;
    throw new ApiError(422, 'sepe_data_incomplete', 'errors.sepe_data_incomplete', { count: err.problems.length }, { problems: describeProblems(err.problems, locale) });
  }
  // A safety net: what the check allows must be what SEPE takes; never hand out a file it would refuse.
  const validation = await validateSepeXml(file.content, 'enpi');
  if (!validation.valid) throw new Error(`Generated ENPI file is invalid: ${validation.errors.slice(0, 3).join(' | ')}`);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sepeFiles)
      .values({
        organisationId: user.organisationId,
        kind: file.kind,
        period: file.period,
        fileName: file.fileName,
        generatedBy: user.id,
        generatedByName: user.name,
        sha256: file.sha256,
        records: file.records,
        byteSize: file.content.byteLength,
      })
      .returning({ id: sepeFiles.id });
    await writeAudit(tx, {
      ...auditActor(user),
      action: 'sepe.file_generated',
      subjectType: 'sepe_file',
      subjectId: row.id,
      details: { kind: file.kind, period: file.period, fileName: file.fileName, sha256: file.sha256, records: file.records, bytes: file.content.byteLength },
    });
  });
  return file;
}

/** The record of files generated, newest first. */
export async function listSepeFiles(db: Db, user: SessionUser, query: { page: number; pageSize: number }) {
  requireSepeRole(user);
  const where = eq(sepeFiles.organisationId, user.organisationId);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(sepeFiles).where(where).orderBy(desc(sepeFiles.generatedAt), desc(sepeFiles.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(sepeFiles).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      period: r.period,
      fileName: r.fileName,
      generatedBy: r.generatedByName,
      generatedAt: iso(r.generatedAt)!,
      sha256: r.sha256,
      records: r.records,
      byteSize: r.byteSize,
    })),
    total,
  };
}
