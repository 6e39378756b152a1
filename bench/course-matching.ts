// Course matching for the repositioning phase (GET /api/skills-assessments/:id/courses) through
// the HTTP API: p50/p99 with a catalogue of 5,000 courses versus one of 50, in the same run, so
// the ratio says what the catalogue's size costs. It prints the planner's plan of the catalogue reads
// first: the organisation filters use training_courses_org_code_idx and training_course_providers_org_idx
// (seen on the small catalogue); on the big one, which holds nearly every row of the table, Postgres
// rightly reads the table through (a sequential scan is cheaper than 5,000 index lookups), and
// matching reads the whole catalogue of the organisation by design (scoring is in memory), so no
// further index would help (measured 2026-12-08: p50 65 ms, p99 338 ms with 5,000 courses on a
// shared, loaded 2-core machine; 37 / 222 ms with 50).
//   npm run bench:course-matching      (COURSES=5000 SMALL=50 QUERIES=300 to change the sizes)
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { accreditations, competences, organisations, persons, skillsAssessmentPhaseRows, skillsAssessments, trainingCourseProviders, trainingCourses, trainingProviders, users } from '../db/schema';
import { ms, serveBenchApi, startBenchInfra, timeSequential } from './support';

const COURSES = Number(process.env.COURSES ?? 5_000);
const SMALL = Number(process.env.SMALL ?? 50);
const QUERIES = Number(process.env.QUERIES ?? 300);
const sectors = ['Logistica', 'Amministrazione', 'ICT', 'Turismo', 'Servizi alla persona', 'Edilizia', 'Agricoltura', 'Manifattura'];
const provinces = ['BA', 'BT', 'BR', 'FG', 'LE', 'TA'];
const titles = ['Addetto', 'Tecnico', 'Operatore', 'Assistente', 'Specialista', 'Responsabile'];
const pick = <T>(list: T[], i: number) => list[i % list.length];
const codes = Array.from({ length: 400 }, (_, i) => `C${String(i).padStart(3, '0')}`);

const infra = await startBenchInfra();
const { db, sql } = infra.database;
const passwordHash = await hash('bench-password');

/** An organisation with `size` courses (1–3 providers each) and assessments whose panels vary. */
async function catalogue(size: number, label: string) {
  const [org] = await db.insert(organisations).values({ name: `Bench CPI ${label}`, kind: 'cpi', locale: 'it' }).returning();
  const email = `bench-courses-${label}@cauce.local`;
  const [user] = await db.insert(users).values({ organisationId: org.id, email, name: 'Operatore', roles: ['professional'], status: 'active', passwordHash }).returning();
  // The API lets a CPI operator in only with an approved accreditation; the gate reads this row.
  await db.insert(accreditations).values({ organisationId: org.id, userId: user.id, cpiId: 'CPI Bench', province: 'BA', status: 'approved', submittedAt: new Date(), decidedAt: new Date() });
  await db.insert(competences).values(codes.map((code, i) => ({ organisationId: org.id, code, name: `Competenza ${i}`, sector: pick(sectors, i) })));
  const providers = await db
    .insert(trainingProviders)
    .values(Array.from({ length: 60 }, (_, i) => ({ organisationId: org.id, code: `ENTE-${i}`, name: `Ente di formazione ${i}` })))
    .returning({ id: trainingProviders.id });
  for (let start = 0; start < size; start += 1000) {
    const rows = await db
      .insert(trainingCourses)
      .values(
        Array.from({ length: Math.min(1000, size - start) }, (_, k) => {
          const i = start + k;
          return {
            organisationId: org.id,
            code: `FOR-${i}`,
            title: `${pick(titles, i)} ${pick(sectors, i * 3)} ${i}`,
            sector: pick(sectors, i * 3),
            competenceCodes: [pick(codes, i), pick(codes, i * 7 + 1), pick(codes, i * 13 + 2)],
            hours: 40 + (i % 20) * 20,
            province: pick(provinces, i),
          };
        }),
      )
      .returning({ id: trainingCourses.id });
    await db.insert(trainingCourseProviders).values(
      rows.flatMap((c, k) => Array.from({ length: 1 + ((start + k) % 3) }, (_, j) => ({ organisationId: org.id, courseId: c.id, providerId: providers[(start + k + j * 17) % providers.length].id, province: pick(provinces, start + k + j) }))),
    );
  }
  const [person] = await db.insert(persons).values({ organisationId: org.id, code: `LAV-${label}`, firstName: 'Giulia', lastName: 'Bianchi' }).returning();
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) {
    const id = randomUUID();
    ids.push(id);
    await db.insert(skillsAssessments).values({ id, organisationId: org.id, personId: person.id, operatorId: user.id, workflowId: `skills-assessment-${id}`, createdBy: user.id, phase: 'repositioning' });
    await db.insert(skillsAssessmentPhaseRows).values([
      { assessmentId: id, phase: 'investigative', organisationId: org.id, status: 'complete', panels: { competences: { codes: Array.from({ length: 8 }, (_, j) => pick(codes, i * 11 + j * 5)) }, interests: { sectors: [pick(sectors, i)] } } },
      { assessmentId: id, phase: 'repositioning', organisationId: org.id, status: 'in_progress', panels: { project: { sector: pick(sectors, i + 1), province: pick(provinces, i) } } },
    ]);
  }
  return { email, ids, organisationId: org.id };
}

console.log(`seeding ${COURSES} + ${SMALL} courses…`);
const big = await catalogue(COURSES, 'big');
const small = await catalogue(SMALL, 'small');
await sql`ANALYZE`;

/** The planner's plan of the catalogue reads of loadCourseCandidates for an organisation, one line per node. */
async function plans(organisationId: string) {
  const explain = async (query: ReturnType<typeof sql>) => ((await query) as unknown as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN'].trim()).filter((l) => /Scan|Join/.test(l)).map((l) => l.replace(/\s+\(cost.*$/, '').replace(/^->\s*/, ''));
  return {
    courses: await explain(sql`EXPLAIN SELECT id, code, title, sector, province, hours, competence_codes FROM training_courses WHERE organisation_id = ${organisationId}`),
    providers: await explain(
      sql`EXPLAIN SELECT cp.course_id, cp.provider_id, cp.province, p.name FROM training_course_providers cp JOIN training_providers p ON p.id = cp.provider_id WHERE cp.organisation_id = ${organisationId}`,
    ),
  };
}
for (const [label, who] of [[`${COURSES} courses`, big], [`${SMALL} courses`, small]] as const) {
  const plan = await plans(who.organisationId);
  console.log(`plan (${label}): courses: ${plan.courses.join(' / ')}; providers: ${plan.providers.join(' / ')}`);
}

const api = await serveBenchApi(db);
const { base, session } = api;

async function measure(who: { email: string; ids: string[] }) {
  const cookie = await session(who.email);
  const run = async (i: number) => {
    const res = await fetch(`${base}/api/skills-assessments/${who.ids[i % who.ids.length]}/courses`, { headers: { cookie, 'accept-language': 'it' } });
    if (!res.ok) throw new Error(`API ${res.status}`);
    return ((await res.json()) as unknown[]).length;
  };
  return timeSequential(Array.from({ length: QUERIES }, (_, i) => i), run);
}

const bigResult = await measure(big);
const smallResult = await measure(small);
console.log(`
course matching through the API (HTTP, session, catalogue read, scoring, explanation), ${QUERIES} requests each, sequential, top 20
  ${String(COURSES).padStart(5)} courses:  p50 ${ms(bigResult.p50)}  p99 ${ms(bigResult.p99)}  max ${ms(bigResult.max)}  (mean ${bigResult.meanHits.toFixed(1)} courses listed)
  ${String(SMALL).padStart(5)} courses:  p50 ${ms(smallResult.p50)}  p99 ${ms(smallResult.p99)}  max ${ms(smallResult.max)}  (mean ${smallResult.meanHits.toFixed(1)} courses listed)
  ratio ${COURSES} / ${SMALL}:    p50 ${(bigResult.p50 / smallResult.p50).toFixed(2)}x  p99 ${(bigResult.p99 / smallResult.p99).toFixed(2)}x
`);
await api.close();
await infra.stop();
process.exit(0);
