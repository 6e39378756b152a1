// The training catalogue as the course matching reads it: every course of an organisation with
// its competences and the providers that run it, per province (two queries, grouped in memory).
import { eq, inArray, sql } from 'drizzle-orm';
import type { DbLike } from './client';
import { competences, trainingCourseProviders, trainingCourses, trainingProviders } from './schema';
import { COURSE_SCORE_WEIGHTS, type AssessmentProfile, type CourseCandidate } from '../domain/skills-assessments';

export async function loadCourseCandidates(db: DbLike, organisationId: string): Promise<CourseCandidate[]> {
  const [courses, links] = await Promise.all([
    db
      .select({ id: trainingCourses.id, code: trainingCourses.code, title: trainingCourses.title, sector: trainingCourses.sector, province: trainingCourses.province, hours: trainingCourses.hours, competenceCodes: trainingCourses.competenceCodes })
      .from(trainingCourses)
      .where(eq(trainingCourses.organisationId, organisationId)),
    db
      .select({ courseId: trainingCourseProviders.courseId, providerId: trainingCourseProviders.providerId, province: trainingCourseProviders.province, name: trainingProviders.name })
      .from(trainingCourseProviders)
      .innerJoin(trainingProviders, eq(trainingProviders.id, trainingCourseProviders.providerId))
      .where(eq(trainingCourseProviders.organisationId, organisationId)),
  ]);
  const providersOf = new Map<string, CourseCandidate['providers']>();
  for (const l of links) {
    const list = providersOf.get(l.courseId) ?? [];
    list.push({ providerId: l.providerId, name: l.name, province: l.province });
    providersOf.set(l.courseId, list);
  }
  return courses.map((c) => ({
    courseId: c.id,
    code: c.code,
    title: c.title,
    sector: c.sector || null,
    province: c.province || null,
    hours: c.hours,
    competenceCodes: c.competenceCodes,
    providers: providersOf.get(c.id) ?? [],
  }));
}

// ---- import (CSV or XLSX, all or nothing) ---------------------------------------------------------

export type CatalogueKind = 'competences' | 'courses' | 'providers';

/** Column names admins may write, in Italian, Spanish or English (accents and case ignored). */
const COLUMNS: Record<CatalogueKind, Record<string, string[]>> = {
  competences: { code: ['codice', 'code', 'codigo'], name: ['nome', 'denominazione', 'name', 'nombre'], sector: ['settore', 'sector'] },
  courses: {
    code: ['codice', 'code', 'codigo'],
    title: ['titolo', 'title', 'titulo'],
    sector: ['settore', 'sector'],
    competences: ['competenze', 'competences', 'competencias'],
    hours: ['ore', 'hours', 'horas'],
    province: ['provincia', 'province'],
  },
  providers: {
    course: ['corso', 'codice_corso', 'course', 'curso'],
    code: ['codice_ente', 'provider_code', 'codigo_centro'],
    name: ['ente', 'provider', 'centro'],
    province: ['provincia', 'province'],
    email: ['email', 'e-mail', 'correo'],
  },
};
const REQUIRED: Record<CatalogueKind, string[]> = { competences: ['code', 'name'], courses: ['code', 'title'], providers: ['course', 'code', 'name', 'province'] };
export const CATALOGUE_MAX_ROWS = 20_000;

export interface SheetRow {
  line: number;
  values: string[];
}
export interface ImportProblem {
  line: number;
  key: string;
  params: Record<string, string | number>;
}

const normalize = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_');

const list = (v: string) => v.split(/[;|,]/).map((x) => x.trim()).filter(Boolean);

/**
 * Imports one part of the catalogue: every row or none. Rows are matched by code (a course's
 * providers by course, provider and province) and updated; new ones are added. Returns the
 * problems per line (for the admin, in their language) or how many rows were written.
 */
export async function importCatalogue(db: DbLike, organisationId: string, kind: CatalogueKind, rows: SheetRow[]): Promise<{ problems: ImportProblem[]; imported: number }> {
  const problems: ImportProblem[] = [];
  const [header, ...data] = rows;
  const byName = new Map(Object.entries(COLUMNS[kind]).flatMap(([field, names]) => names.map((n) => [n, field] as const)));
  const fields = (header?.values ?? []).map((h) => byName.get(normalize(h)));
  const missingColumns = REQUIRED[kind].filter((f) => !fields.includes(f));
  if (!header || missingColumns.length) {
    for (const f of missingColumns.length ? missingColumns : REQUIRED[kind]) problems.push({ line: header?.line ?? 1, key: 'import.line.required', params: { line: header?.line ?? 1, field: COLUMNS[kind][f][0] } });
    return { problems, imported: 0 };
  }
  if (data.length > CATALOGUE_MAX_ROWS) return { problems: [{ line: data[CATALOGUE_MAX_ROWS].line, key: 'import.line.too_many', params: { line: data[CATALOGUE_MAX_ROWS].line, max: CATALOGUE_MAX_ROWS } }], imported: 0 };
  const records = data.map(({ line, values }) => {
    const cell = (f: string) => {
      const i = fields.indexOf(f);
      return i < 0 ? '' : (values[i] ?? '').trim();
    };
    for (const f of REQUIRED[kind]) if (!cell(f)) problems.push({ line, key: 'import.line.required', params: { line, field: COLUMNS[kind][f][0] } });
    return { line, cell };
  });
  const seen = new Set<string>();
  const unique = (line: number, key: string) => {
    if (seen.has(key)) problems.push({ line, key: 'import.line.duplicate', params: { line, code: key } });
    seen.add(key);
  };

  if (kind === 'competences') {
    const values = records.map(({ line, cell }) => {
      unique(line, cell('code'));
      return { organisationId, code: cell('code'), name: cell('name'), sector: cell('sector') };
    });
    if (problems.length) return { problems, imported: 0 };
    await db.transaction(async (tx) => {
      for (let i = 0; i < values.length; i += 500) {
        await tx
          .insert(competences)
          .values(values.slice(i, i + 500))
          .onConflictDoUpdate({ target: [competences.organisationId, competences.code], set: { name: sql`excluded.name`, sector: sql`excluded.sector`, updatedAt: new Date() } });
      }
    });
    return { problems, imported: values.length };
  }

  if (kind === 'courses') {
    const values = records.map(({ line, cell }) => {
      unique(line, cell('code'));
      const hoursText = cell('hours');
      const hours = hoursText ? Number(hoursText) : null;
      if (hoursText && (!Number.isInteger(hours) || hours! < 0 || hours! > 10_000)) problems.push({ line, key: 'import.line.invalid_number', params: { line, field: COLUMNS.courses.hours[0] } });
      return { organisationId, code: cell('code'), title: cell('title'), sector: cell('sector'), competenceCodes: [...new Set(list(cell('competences')))], hours, province: cell('province').toUpperCase() };
    });
    if (problems.length) return { problems, imported: 0 };
    await db.transaction(async (tx) => {
      for (let i = 0; i < values.length; i += 500) {
        await tx
          .insert(trainingCourses)
          .values(values.slice(i, i + 500))
          .onConflictDoUpdate({
            target: [trainingCourses.organisationId, trainingCourses.code],
            set: { title: sql`excluded.title`, sector: sql`excluded.sector`, competenceCodes: sql`excluded.competence_codes`, hours: sql`excluded.hours`, province: sql`excluded.province`, updatedAt: new Date() },
          });
      }
    });
    return { problems, imported: values.length };
  }

  // providers: each row links a provider to a course in a province.
  const courseIds = new Map(
    (await db.select({ id: trainingCourses.id, code: trainingCourses.code }).from(trainingCourses).where(eq(trainingCourses.organisationId, organisationId))).map((c) => [c.code, c.id]),
  );
  const links = records.map(({ line, cell }) => {
    const courseId = courseIds.get(cell('course'));
    if (cell('course') && !courseId) problems.push({ line, key: 'import.line.unknown_course', params: { line, code: cell('course') } });
    unique(line, `${cell('course')} · ${cell('code')} · ${cell('province').toUpperCase()}`);
    return { courseId, code: cell('code'), name: cell('name'), email: cell('email') || null, province: cell('province').toUpperCase() };
  });
  if (problems.length) return { problems, imported: 0 };
  await db.transaction(async (tx) => {
    const providers = [...new Map(links.map((l) => [l.code, { organisationId, code: l.code, name: l.name, email: l.email }])).values()];
    const saved = await tx
      .insert(trainingProviders)
      .values(providers)
      .onConflictDoUpdate({ target: [trainingProviders.organisationId, trainingProviders.code], set: { name: sql`excluded.name`, email: sql`excluded.email`, updatedAt: new Date() } })
      .returning({ id: trainingProviders.id, code: trainingProviders.code });
    const providerIds = new Map(saved.map((p) => [p.code, p.id]));
    const rowsToLink = links.map((l) => ({ organisationId, courseId: l.courseId!, providerId: providerIds.get(l.code)!, province: l.province }));
    for (let i = 0; i < rowsToLink.length; i += 500) await tx.insert(trainingCourseProviders).values(rowsToLink.slice(i, i + 500)).onConflictDoNothing();
  });
  return { problems, imported: links.length };
}

/**
 * The best `limit` courses for a profile, scored in SQL with the same rule as rankCourses (which
 * then explains them): only the top reaches the process, whatever the catalogue's size.
 */
export async function loadRankedCandidates(db: DbLike, organisationId: string, profile: AssessmentProfile, limit: number): Promise<CourseCandidate[]> {
  const codes = profile.competenceCodes.map((c) => c.trim().toLowerCase());
  const sectors = profile.sectors.map((s) => s.trim().toLowerCase()).filter(Boolean);
  const province = profile.province?.trim().toLowerCase() || null;
  const w = COURSE_SCORE_WEIGHTS;
  // Arrays travel as one JSON parameter (drizzle would spread a JS array into a list).
  const codeList = sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`;
  const sectorList = sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(sectors)}::jsonb))`;
  const rows = await db.execute<{ id: string }>(sql`
    WITH wanted AS (SELECT ${codeList} AS codes, ${sectorList} AS sectors)
    SELECT c.id FROM (
      SELECT c.id, c.title, m.shared,
        round(${w.competences}::numeric * m.shared / greatest(cardinality(c.competence_codes), 1))
          + CASE WHEN c.sector <> '' AND lower(c.sector) = ANY(wanted.sectors) THEN ${w.sector} ELSE 0 END
          + CASE WHEN ${province}::text IS NOT NULL AND lower(c.province) = ${province} THEN ${w.province} ELSE 0 END AS score
      FROM training_courses c
      CROSS JOIN wanted
      CROSS JOIN LATERAL (SELECT count(*) AS shared FROM unnest(c.competence_codes) x WHERE lower(x) = ANY(wanted.codes)) m
      WHERE c.organisation_id = ${organisationId}
        AND EXISTS (SELECT 1 FROM training_course_providers p WHERE p.course_id = c.id AND (${province}::text IS NULL OR lower(p.province) = ${province}))
    ) c
    WHERE c.score > 0
    ORDER BY c.score DESC, c.shared DESC, c.title
    LIMIT ${limit}`);
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const [courses, links] = await Promise.all([
    db.select().from(trainingCourses).where(inArray(trainingCourses.id, ids)),
    db
      .select({ courseId: trainingCourseProviders.courseId, providerId: trainingCourseProviders.providerId, province: trainingCourseProviders.province, name: trainingProviders.name })
      .from(trainingCourseProviders)
      .innerJoin(trainingProviders, eq(trainingProviders.id, trainingCourseProviders.providerId))
      .where(inArray(trainingCourseProviders.courseId, ids)),
  ]);
  return courses.map((c) => ({
    courseId: c.id,
    code: c.code,
    title: c.title,
    sector: c.sector || null,
    province: c.province || null,
    hours: c.hours,
    competenceCodes: c.competenceCodes,
    providers: links.filter((l) => l.courseId === c.id).map((l) => ({ providerId: l.providerId, name: l.name, province: l.province })),
  }));
}
