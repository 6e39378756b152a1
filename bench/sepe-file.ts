// The SEPE ENPI file through the API for 10,000 persons attended versus 100, in the same run:
// GET /api/sepe/check (the check page) and GET /api/sepe/enpi.xml (the download: the persons and
// offers queries, the completeness check, the XML as ISO-8859-1 bytes, its validation against
// XML_ENPI v1.1, the record of files). Beside them, the two queries alone, so the ratio says
// where the time goes. Seeded directly in SQL: persons with CV data, offers, candidates (a third
// placed), plus persons with no activity in the period, whom the file must skip.
//   npm run bench:sepe-file      (PERSONS=10000 SMALL=100 RUNS=5 to change the sizes)
import { hash } from '@node-rs/argon2';
import { attendedWorkers, offerCounts } from '../api/services/sepe';
import { organisations, users } from '../db/schema';
import { parseSepePeriod } from '../domain/sepe/period';
import { ms, serveBenchApi, startBenchInfra, summarize } from './support';

const PERSONS = Number(process.env.PERSONS ?? 10_000);
const SMALL = Number(process.env.SMALL ?? 100);
const RUNS = Number(process.env.RUNS ?? 5);
const PERIOD = '202603';

const infra = await startBenchInfra();
const { db, sql } = infra.database;
const password = await hash('bench-password');

/** An organisation with `attended` persons active in March 2026 and as many again who were not. */
async function seedAgency(name: string, attended: number) {
  const [org] = await db.insert(organisations).values({ name, kind: 'social_services', settings: { sepeAgencyCode: '9900000001' } }).returning();
  const email = `${name.toLowerCase()}@cauce.local`;
  await db.insert(users).values({ organisationId: org.id, email, name, roles: ['professional'], status: 'active', passwordHash: password });
  const total = attended * 2;
  // Persons i = 1..total: valid DNI (8 digits and its letter), names with accents, birth dates.
  await sql`
    INSERT INTO persons (id, organisation_id, code, first_name, last_name, document_id, document_type, birth_date, search_text)
    SELECT gen_random_uuid()::text, ${org.id}, 'EXP-' || i, (ARRAY['Lucía','José','Íñigo','Begoña','Ahmed','Nuria'])[1 + i % 6],
      (ARRAY['Muñoz','García','de la Fuente','Núñez','Ibáñez'])[1 + i % 5] || ' ' || (ARRAY['Pérez','Gómez','Sánchez'])[1 + i % 3],
      lpad((10000000 + i)::text, 8, '0') || substr('TRWAGMYFPDXBNJZSQVHLCKE', ((10000000 + i) % 23) + 1, 1), 'dni',
      DATE '1960-01-01' + (i * 37 % 15000), ''
    FROM generate_series(1, ${total}) AS i`;
  // CV data for everybody; the first half registered with the agency: odd ones in March, even ones long before.
  await sql`
    INSERT INTO person_cvs (person_id, organisation_id, sex, education, unemployment_benefit, insertion_groups, agency_registered_on)
    SELECT p.id, p.organisation_id, CASE WHEN n % 2 = 0 THEN 'male' ELSE 'female' END,
      jsonb_build_array(jsonb_build_object('level', (ARRAY['primary','upper_secondary','vocational_higher'])[1 + n % 3], 'title', 'Título', 'centre', null, 'year', null)),
      n % 4 = 0, CASE WHEN n % 5 = 0 THEN ARRAY['over_45'] ELSE ARRAY[]::text[] END,
      CASE WHEN n <= ${attended} AND n % 2 = 1 THEN DATE '2026-03-01' + (n % 28)::int ELSE DATE '2024-05-01' END
    FROM (SELECT id, organisation_id, row_number() OVER (ORDER BY code) AS n FROM persons WHERE organisation_id = ${org.id}) p`;
  // Offers created in March; the attended even ones are candidates in March, a third of them placed.
  const offers = Math.max(1, Math.ceil(attended / 200));
  await sql`
    INSERT INTO job_offers (id, organisation_id, own, employer_name, employer_tax_id, title, vacancies, province, contract_type, workflow_id, created_by, created_at)
    SELECT 'offer-' || ${org.id} || '-' || i, ${org.id}, false, 'Construcciones Ibáñez S.L.', 'B12345674', 'Peón', 100, 'Zaragoza', '401', 'job-offer-bench-' || i, 'bench', TIMESTAMPTZ '2026-03-01 09:00+01'
    FROM generate_series(1, ${offers}) AS i`;
  await sql`
    INSERT INTO job_offer_candidates (offer_id, person_id, organisation_id, status, status_at, placed_on, contract_type, added_at, history)
    SELECT 'offer-' || ${org.id} || '-' || (1 + n % ${offers}), p.id, ${org.id},
      CASE WHEN n % 3 = 0 THEN 'placed' ELSE 'shortlisted' END, TIMESTAMPTZ '2026-03-15 10:00+01',
      CASE WHEN n % 3 = 0 THEN DATE '2026-03-01' + (n % 28)::int END, CASE WHEN n % 3 = 0 THEN (ARRAY['001','003','401','501'])[1 + n % 4] END,
      TIMESTAMPTZ '2026-03-10 10:00+01',
      CASE WHEN n % 3 = 0
        THEN '[{"at":"2026-03-10T09:00:00Z","to":"shortlisted"},{"at":"2026-03-12T09:00:00Z","to":"interested"},{"at":"2026-03-15T09:00:00Z","to":"placed"}]'::jsonb
        ELSE '[{"at":"2026-03-10T09:00:00Z","to":"shortlisted"}]'::jsonb END
    FROM (SELECT id, row_number() OVER (ORDER BY code) AS n FROM persons WHERE organisation_id = ${org.id}) p
    WHERE n <= ${attended} AND n % 2 = 0`;
  return { org, email };
}

console.log(`seeding ${PERSONS} + ${SMALL} persons attended (and as many not attended)…`);
const t0 = Date.now();
const big = await seedAgency('Grande', PERSONS);
const small = await seedAgency('Pequena', SMALL);
await sql`ANALYZE`;
console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const api = await serveBenchApi(db);
const { base } = api;

const parsed = parseSepePeriod(PERIOD, 'enpi', '2026-12-01');
if (!parsed.ok) throw new Error(parsed.problem);

async function measure(agency: { org: { id: string; timezone: string }; email: string }, expected: number) {
  const cookie = await api.session(agency.email);
  const check: number[] = [];
  const download: number[] = [];
  const persons: number[] = [];
  const offers: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    let t = performance.now();
    const c = await fetch(`${base}/api/sepe/check?period=${PERIOD}`, { headers: { cookie } });
    const body = await c.json();
    const checkMs = performance.now() - t;
    if (!c.ok || !body.ready || body.attended !== expected) throw new Error(`check: ${c.status} ${JSON.stringify(body).slice(0, 300)}`);
    t = performance.now();
    const d = await fetch(`${base}/api/sepe/enpi.xml?period=${PERIOD}`, { headers: { cookie } });
    const file = new Uint8Array(await d.arrayBuffer());
    const downloadMs = performance.now() - t;
    if (!d.ok) throw new Error(`download: ${d.status} ${Buffer.from(file).toString('utf8').slice(0, 300)}`);
    bytes = file.byteLength;
    t = performance.now();
    const workers = await attendedWorkers(db, agency.org.id, parsed.ok ? parsed.period : (null as never), agency.org.timezone);
    const personsMs = performance.now() - t;
    if (workers.length !== expected) throw new Error(`persons query: ${workers.length}`);
    t = performance.now();
    await offerCounts(db, agency.org.id, parsed.ok ? parsed.period : (null as never), agency.org.timezone);
    const offersMs = performance.now() - t;
    if (run === 0) continue; // warm-up: JIT, the wasm validator, plans
    check.push(checkMs);
    download.push(downloadMs);
    persons.push(personsMs);
    offers.push(offersMs);
  }
  return { check: summarize(check), download: summarize(download), persons: summarize(persons), offers: summarize(offers), bytes };
}

const smallResult = await measure(small, SMALL);
const bigResult = await measure(big, PERSONS);
const line = (n: number, r: Awaited<ReturnType<typeof measure>>) =>
  `  ${String(n).padStart(6)} attended:  check p50 ${ms(r.check.p50)}  download p50 ${ms(r.download.p50)} (max ${ms(r.download.max)})  persons query ${ms(r.persons.p50)}  offers query ${ms(r.offers.p50)}  (${(r.bytes / 1024).toFixed(0)} KiB)`;
console.log(`
SEPE ENPI file through the API (HTTP, session, SQL, check, XML, XSD validation, record), ${RUNS} runs each after a warm-up; each agency also has as many persons not attended in the period
${line(PERSONS, bigResult)}
${line(SMALL, smallResult)}
  ratio ${PERSONS} / ${SMALL}: download p50 ×${(bigResult.download.p50 / smallResult.download.p50).toFixed(1)}, check ×${(bigResult.check.p50 / smallResult.check.p50).toFixed(1)} for ×${(PERSONS / SMALL).toFixed(0)} persons
`);
await api.close();
await infra.stop();
process.exit(0);
