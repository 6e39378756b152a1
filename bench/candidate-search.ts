// Candidate search of a job offer (GET /api/job-offers/:id/candidates/search) through the HTTP
// API: p50/p99 with 50,000 persons with CV data versus 1,000, in the same run, so the ratio says
// what the agency's size costs. The persons, CVs and cards are seeded in SQL in bulk. Requests
// rotate over the offer's criteria as given, relaxed ones (ranked by what they meet), overrides
// and extra filters. It prints the planner's plan of each variant's page query first, with its
// execution time (measured 2026-12-08 on the shared, loaded 2-core machine: p50 58 ms, p99 127 ms
// with 50,000 persons; 7 / 14 ms with 1,000; before the folded texts were stored, 240 / 814 ms).
//   npm run bench:candidate-search      (PERSONS=50000 SMALL=1000 QUERIES=300 to change the sizes;
//   FULL_PLANS=1 prints each variant's analysed plan; QUERIES=0 stops after the plans)
import { hash } from '@node-rs/argon2';
import { sql as dsql } from 'drizzle-orm';
import { pageQuery, searchPlan } from '../api/services/candidate-search';
import { ensureCardCatalogue } from '../api/services/cv';
import { jobOffers, organisations, users } from '../db/schema';
import { ms, serveBenchApi, startBenchInfra, summarize } from './support';

const PERSONS = Number(process.env.PERSONS ?? 50_000);
const SMALL = Number(process.env.SMALL ?? 1_000);
const QUERIES = Number(process.env.QUERIES ?? 300);
const START = '2027-03-01';

const infra = await startBenchInfra();
const { db, sql } = infra.database;
const passwordHash = await hash('bench-password');

const criteria = {
  occupation: 'Camarero',
  educationLevel: '20',
  minExperienceYears: 1,
  languages: [{ code: 'en', level: 'B1' as const }],
  licences: ['B'],
  ageMin: 18,
  ageMax: 55,
  availability: ['mornings' as const],
  province: 'Zaragoza',
};
const variants = [
  '',
  'relax=educationLevel,age',
  'relax=occupation,experience&languagesAny=fr,ar',
  'cards=carretillero&relax=languages,occupation,experience',
  'q=garcia&relax=occupation,languages,location',
  'hasPhone=false&notPlaced=true&immigrant=true&relax=languages',
];

/** An agency with `size` persons with CV data (and cards for a fifth of them) and one offer. */
async function agency(size: number, label: string) {
  const [org] = await db.insert(organisations).values({ name: `Bench agencia ${label}`, kind: 'social_services', locale: 'es' }).returning();
  const email = `bench-search-${label}@cauce.local`;
  const [user] = await db.insert(users).values({ organisationId: org.id, email, name: 'Técnica', roles: ['professional'], status: 'active', passwordHash }).returning();
  await ensureCardCatalogue(db, org.id);
  await sql`
    INSERT INTO persons (id, organisation_id, code, first_name, last_name, birth_date, address, search_text)
    SELECT md5(${org.id} || g)::uuid::text, ${org.id}, 'P-' || g,
      (ARRAY['Lucía','Marta','Pedro','Jorge','Rosa','Ahmed','Ioana','Carmen','Javier','Fátima'])[1 + g % 10],
      (ARRAY['García','López','Martín','Sánchez','Pérez','Gómez','Ruiz','Díaz','Moreno','Alonso','Romero','Navarro'])[1 + (g / 10) % 12] || ' ' || g,
      date '1960-01-01' + (g * 7919 % 17000),
      'Calle ' || (g % 300) || ', ' || (ARRAY['Zaragoza','Huesca','Teruel','Calatayud','Utebo','Ejea de los Caballeros','Tarazona','Alcañiz'])[1 + g % 8],
      lower('p-' || g || ' ' || (ARRAY['lucia','marta','pedro','jorge','rosa','ahmed','ioana','carmen','javier','fatima'])[1 + g % 10] || ' ' || (ARRAY['garcia','lopez','martin','sanchez','perez','gomez','ruiz','diaz','moreno','alonso','romero','navarro'])[1 + (g / 10) % 12])
    FROM generate_series(1, ${size}) g`;
  await sql`
    INSERT INTO person_cvs (person_id, organisation_id, sex, immigrant, unemployment_benefit, insertion_groups, agency_registered_on, working_time, shifts, travel, driving_licences, education, experience, languages)
    SELECT md5(${org.id} || g)::uuid::text, ${org.id},
      CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END, g % 7 = 0, g % 3 = 0,
      CASE WHEN g % 5 = 0 THEN ARRAY['long_term_unemployed'] WHEN g % 11 = 0 THEN ARRAY['over_45'] ELSE ARRAY[]::text[] END,
      date '2020-01-01' + (g % 2500),
      (ARRAY['full_time','part_time','any'])[1 + g % 3],
      CASE g % 4 WHEN 0 THEN ARRAY['morning'] WHEN 1 THEN ARRAY['afternoon'] WHEN 2 THEN ARRAY['morning','afternoon'] ELSE ARRAY['night'] END,
      g % 4 = 0,
      CASE WHEN g % 10 < 7 THEN ARRAY['B'] WHEN g % 10 = 7 THEN ARRAY['B','C'] ELSE ARRAY[]::text[] END,
      jsonb_build_array(jsonb_build_object('level', (ARRAY['none','primary','lower_secondary','upper_secondary','vocational_intermediate','vocational_higher','university_degree','master'])[1 + g % 8], 'title', 'Título', 'centre', null, 'year', 2005)),
      (SELECT jsonb_agg(jsonb_build_object('employer', 'Empresa ' || k, 'occupation', (ARRAY['Camarero','Camarera de pisos','Reponedora','Mozo de almacén','Carretillero','Limpiador','Albañil','Cocinero','Dependienta','Conductor de reparto','Auxiliar administrativo','Peón agrícola','Soldador','Electricista','Gerocultora','Teleoperador'])[1 + (g * 3 + k * 5) % 16],
         'category', (ARRAY['peon','oficial_2','low_qualified_auxiliary','qualified_technician'])[1 + (g + k) % 4], 'startDate', (date '2008-01-01' + ((g * 31 + k * 400) % 5000))::text, 'endDate', CASE WHEN k = 0 THEN null ELSE (date '2008-01-01' + ((g * 31 + k * 400) % 5000) + 200 + (g % 900))::text END))
       FROM generate_series(0, g % 3) k),
      (SELECT jsonb_agg(jsonb_build_object('language', (ARRAY['Español','Inglés','Francés','Árabe','Rumano','Italiano','Alemán','Portugués'])[1 + (g + k * 3) % 8], 'level', (ARRAY['A1','A2','B1','B2','C1','C2','native'])[1 + (g + k) % 7]))
       FROM generate_series(0, g % 3) k)
    FROM generate_series(1, ${size}) g`;
  await sql`
    INSERT INTO person_professional_cards (id, person_id, organisation_id, card_id, expires_on)
    SELECT gen_random_uuid()::text, md5(${org.id} || g)::uuid::text, ${org.id}, (SELECT id FROM professional_cards c WHERE c.organisation_id = ${org.id} ORDER BY code OFFSET g % 20 LIMIT 1),
      CASE WHEN g % 3 = 0 THEN null ELSE date '2026-06-01' + (g % 1000) END
    FROM generate_series(1, ${size}) g WHERE g % 5 = 0`;
  await sql`INSERT INTO person_phones (id, person_id, organisation_id, number, is_primary) SELECT gen_random_uuid()::text, md5(${org.id} || g)::uuid::text, ${org.id}, '+3460' || lpad(g::text, 7, '0'), true FROM generate_series(1, ${size}) g WHERE g % 4 <> 0`;
  const [offer] = await db
    .insert(jobOffers)
    .values({ organisationId: org.id, own: true, employerName: 'Hostelería Bench SL', employerTaxId: 'B12345674', title: 'Camarero/a', vacancies: 3, province: 'Zaragoza', contractType: '501', startsOn: START, criteria, workflowId: `job-offer-bench-${label}`, createdBy: user.id })
    .returning();
  return { email, organisationId: org.id, offerId: offer.id, userId: user.id };
}

console.log(`seeding ${PERSONS} + ${SMALL} persons with CV data…`);
const big = await agency(PERSONS, 'big');
const small = await agency(SMALL, 'small');
await sql`ANALYZE`;

/** The planner's plan of a variant's page query: its scans, one per line. */
async function plan(who: typeof big, query: string) {
  const params = Object.fromEntries(new URLSearchParams(query));
  const rows = await db.execute<{ 'QUERY PLAN': string }>(dsql`EXPLAIN ${pageQuery(searchPlan(criteria, params, { organisationId: who.organisationId, offerId: who.offerId, userId: who.userId, on: START }), 25, 0)}`);
  const scans = rows.map((r) => r['QUERY PLAN'].trim()).filter((l) => /Scan on (person_cvs|persons)|Index Scan/.test(l)).map((l) => l.replace(/\s+\(cost.*$/, '').replace(/^->\s*/, ''));
  const analysed = await db.execute<{ 'QUERY PLAN': string }>(dsql`EXPLAIN (ANALYZE) ${pageQuery(searchPlan(criteria, params, { organisationId: who.organisationId, offerId: who.offerId, userId: who.userId, on: START }), 25, 0)}`);
  if (process.env.FULL_PLANS) console.log(analysed.map((r) => r['QUERY PLAN']).join('\n'));
  return { scans: [...new Set(scans)], execution: analysed.map((r) => r['QUERY PLAN']).find((l) => l.startsWith('Execution Time')) };
}
for (const v of variants) {
  const p = await plan(big, v);
  console.log(`plan (${PERSONS}) ${v || '(offer criteria)'}: ${p.scans.join(' / ')}; ${p.execution}`);
}

if (QUERIES === 0) {
  await infra.stop();
  process.exit(0);
}
const api = await serveBenchApi(db);
const { base } = api;

async function measure(who: typeof big) {
  const cookie = await api.session(who.email);
  const run = async (i: number) => {
    const v = variants[i % variants.length];
    const res = await fetch(`${base}/api/job-offers/${who.offerId}/candidates/search?${v}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`API ${res.status} ${await res.text()}`);
    return ((await res.json()) as { total: number }).total;
  };
  for (let i = 0; i < 12; i++) await run(i); // warm-up
  const samples: number[] = [];
  const byVariant = variants.map(() => [] as number[]);
  let found = 0;
  for (let i = 0; i < QUERIES; i++) {
    const t = performance.now();
    found += await run(i);
    samples.push(performance.now() - t);
    byVariant[i % variants.length].push(performance.now() - t);
  }
  return { ...summarize(samples), meanHits: found / QUERIES, variants: byVariant.map((v) => summarize(v).p50) };
}

const bigResult = await measure(big);
const smallResult = await measure(small);
console.log(`
candidate search through the API (HTTP, session, criteria + filters in SQL, page of 25 explained), ${QUERIES} requests each, sequential, ${variants.length} variants in turn
  ${String(PERSONS).padStart(6)} persons:  p50 ${ms(bigResult.p50)}  p99 ${ms(bigResult.p99)}  max ${ms(bigResult.max)}  (mean ${bigResult.meanHits.toFixed(0)} matches)
  ${String(SMALL).padStart(6)} persons:  p50 ${ms(smallResult.p50)}  p99 ${ms(smallResult.p99)}  max ${ms(smallResult.max)}  (mean ${smallResult.meanHits.toFixed(0)} matches)
  ratio ${PERSONS} / ${SMALL}:  p50 ${(bigResult.p50 / smallResult.p50).toFixed(2)}x  p99 ${(bigResult.p99 / smallResult.p99).toFixed(2)}x
p50 by variant (${PERSONS} / ${SMALL}):
${variants.map((v, i) => `  ${ms(bigResult.variants[i]).padStart(10)} ${ms(smallResult.variants[i]).padStart(10)}  ${v || '(offer criteria)'}`).join('\n')}
`);
await api.close();
await infra.stop();
process.exit(0);
