// Person search over 50k persons: p50/p99 through the HTTP API (session, validation, JSON)
// versus the same SQL through postgres.js alone, in the same run.
//   npm run bench:persons            (PERSONS=50000 QUERIES=400 to change the size)
import { hash } from '@node-rs/argon2';
import { formatCode } from '../db/counters';
import { counters, organisations, personEmails, personPhones, persons, users } from '../db/schema';
import { personSearchText, searchTerms } from '../domain/text';
import { personListQueries } from '../api/services/persons';
import { ms, serveBenchApi, startBenchInfra, timeSequential } from './support';

const PERSONS = Number(process.env.PERSONS ?? 50_000);
const QUERIES = Number(process.env.QUERIES ?? 400);

const firstNames = ['Lucía', 'José', 'María', 'Ángel', 'Íñigo', 'Carmen', 'Begoña', 'Raúl', 'Nuria', 'Óscar', 'Inés', 'Jesús', 'Martín', 'Sofía', 'Ahmed', 'Fatima', 'Giulia', 'Marco', 'Elena', 'Tomás'];
const surnames = ['Muñoz', 'García', 'Fernández', 'Núñez', 'Ibáñez', 'Pérez', 'Gómez', 'Sánchez', 'Martín', 'Jiménez', 'Ruiz', 'Díaz', 'Álvarez', 'Romero', 'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega', 'Delgado', 'Castro', 'Ortiz', 'Rubio', 'Marín', 'Sanz', 'Iglesias', 'Medina', 'Garrido', 'Cortés', 'Castillo', 'Santos', 'Lozano', 'Guerrero'];
const pick = <T>(list: T[], i: number) => list[i % list.length];

const infra = await startBenchInfra();
const { db, sql } = infra.database;
const [org] = await db.insert(organisations).values({ name: 'Bench', kind: 'social_services' }).returning();
const [user] = await db
  .insert(users)
  .values({ organisationId: org.id, email: 'bench@cauce.local', name: 'Bench', roles: ['professional'], status: 'active', passwordHash: await hash('bench-password') })
  .returning();

console.log(`seeding ${PERSONS} persons…`);
const t0 = Date.now();
for (let start = 0; start < PERSONS; start += 2000) {
  const batch = Array.from({ length: Math.min(2000, PERSONS - start) }, (_, k) => {
    const i = start + k;
    const firstName = pick(firstNames, i * 7);
    const lastName = `${pick(surnames, i * 13)} ${pick(surnames, i * 29 + 3)}`;
    const code = formatCode('EXP', i + 1);
    const documentId = `${String(10_000_000 + i * 37).slice(0, 8)}${'TRWAGMYFPDXBNJZSQVHLCKE'[i % 23]}`;
    const phone = `+346${String(10_000_000 + i).padStart(8, '0')}`;
    const email = `persona${i}@example.org`;
    return { organisationId: org.id, code, firstName, lastName, documentId, searchText: personSearchText({ firstName, lastName, code, documentId }, [email], [phone]), email, phone };
  });
  const rows = await db.insert(persons).values(batch.map(({ email: _e, phone: _p, ...p }) => p)).returning({ id: persons.id });
  await db.insert(personEmails).values(rows.map((r, k) => ({ personId: r.id, organisationId: org.id, address: batch[k].email, isPrimary: true })));
  await db.insert(personPhones).values(rows.map((r, k) => ({ personId: r.id, organisationId: org.id, number: batch[k].phone, isPrimary: true })));
}
await db.insert(counters).values({ organisationId: org.id, name: 'person', value: PERSONS });
await sql`ANALYZE`;
console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// What people type: a surname without accents, name + surname, a document, a phone fragment.
const queries = Array.from({ length: QUERIES }, (_, i) => {
  switch (i % 4) {
    case 0: return searchTerms(pick(surnames, i * 3)).join(' ');
    case 1: return searchTerms(`${pick(firstNames, i)} ${pick(surnames, i * 5)}`).join(' ');
    case 2: return String(10_000_000 + ((i * 7919) % PERSONS) * 37).slice(0, 8);
    default: return String(10_000_000 + ((i * 104729) % PERSONS)).slice(2, 8);
  }
});

// Through the API, over HTTP, as the browser calls it.
const http = await serveBenchApi(db);
const { base } = http;
const cookie = await http.session('bench@cauce.local');

async function viaApi(q: string) {
  const res = await fetch(`${base}/api/persons?q=${encodeURIComponent(q)}&pageSize=50`, { headers: { cookie } });
  if (!res.ok) throw new Error(`API ${res.status}`);
  return (await res.json()).total as number;
}

// The exact SQL the list runs (drizzle's own text and parameters), sent by postgres.js alone.
async function viaSql(q: string) {
  const queries = personListQueries(db, user, { q, sort: 'name', page: 1, pageSize: 50 });
  const page = queries.rows.toSQL();
  const total = queries.total.toSQL();
  const [rows, [countRow]] = await Promise.all([sql.unsafe(page.sql, page.params as never[]), sql.unsafe(total.sql, total.params as never[])]);
  const n = Object.values(countRow)[0];
  const ids = rows.map((r) => r.id as string);
  if (ids.length) {
    await Promise.all([
      sql`SELECT * FROM person_emails WHERE person_id = ANY(${ids}) AND is_primary`,
      sql`SELECT * FROM person_phones WHERE person_id = ANY(${ids}) AND is_primary`,
      sql`SELECT * FROM person_favorites WHERE person_id = ANY(${ids}) AND user_id = ${user.id}`,
    ]);
  }
  return Number(n);
}

const measure = (run: (q: string) => Promise<number>) => timeSequential(queries, run);

// Same answers both ways, or the comparison means nothing.
for (const q of queries.slice(0, 8)) {
  const [a, b] = [await viaApi(q), await viaSql(q)];
  if (a !== b) throw new Error(`"${q}": API found ${a}, SQL ${b}`);
}
const api = await measure(viaApi);
const direct = await measure(viaSql);
const explain = async (q: string) => {
  const total = personListQueries(db, user, { q, sort: 'name', page: 1, pageSize: 50 }).total.toSQL();
  const plan = await sql.unsafe(`EXPLAIN ${total.sql}`, total.params as never[]);
  return plan.map((r) => r['QUERY PLAN'] as string).find((l) => /Index|Bitmap|Seq Scan/.test(l))?.trim();
};

console.log(`
person search, ${PERSONS} persons, ${QUERIES} queries (sequential)
  through the API (HTTP, session, validation, JSON):  p50 ${ms(api.p50)}  p99 ${ms(api.p99)}  max ${ms(api.max)}
  same SQL through postgres.js alone:                  p50 ${ms(direct.p50)}  p99 ${ms(direct.p99)}  max ${ms(direct.max)}
  ratio API / SQL:                                     p50 ${(api.p50 / direct.p50).toFixed(2)}x  p99 ${(api.p99 / direct.p99).toFixed(2)}x
  plan for "munoz": ${await explain('munoz')}
  plan for a document "10003700": ${await explain('10003700')}
`);
await http.close();
await infra.stop();
process.exit(0);
