// Directory search (GET /api/resources?q=&needCode=) through the HTTP API, as the referral dialog
// calls it: p50/p99 over a directory of 5,000 resources versus one of 50, in the same run, so
// the ratio says what the directory's size costs.
//   npm run bench:resources            (RESOURCES=5000 SMALL=50 QUERIES=400 to change the sizes)
import { hash } from '@node-rs/argon2';
import { resourceListQueries } from '../api/services/resources';
import { organisations, resources, users } from '../db/schema';
import { resourceSearchText, searchTerms } from '../domain/text';
import { ms, serveBenchApi, startBenchInfra, timeSequential } from './support';

const RESOURCES = Number(process.env.RESOURCES ?? 5_000);
const SMALL = Number(process.env.SMALL ?? 50);
const QUERIES = Number(process.env.QUERIES ?? 400);

const kinds = ['Cáritas', 'Cruz Roja', 'Banco de Alimentos', 'Centro de Salud Mental', 'Servicio de Empleo', 'Albergue', 'Comedor Social', 'Asociación Gitana', 'Centro de Día', 'Punto de Violencia de Género', 'Oficina de Vivienda', 'Escuela de Adultos', 'Centro Ocupacional', 'Ropero Solidario', 'Asesoría Jurídica'];
const places = ['Móstoles', 'Alcalá', 'Getafe', 'Leganés', 'Fuenlabrada', 'Ávila', 'Cádiz', 'Málaga', 'Córdoba', 'León', 'Logroño', 'Cáceres', 'Jaén', 'Almería', 'Castellón', 'San Sebastián', 'Gijón', 'Ourense'];
const streets = ['Calle Mayor', 'Avenida de Andalucía', 'Plaza de España', 'Calle Real', 'Paseo de la Estación', 'Calle Núñez de Balboa', 'Ronda Sur'];
const needCodes = ['0101', '0102', '0103', '0201', '0202', '0203', '0204', '0205', '0301', '0302', '0303', '0401', '0402'];
const pick = <T>(list: T[], i: number) => list[i % list.length];

const infra = await startBenchInfra();
const { db, sql } = infra.database;
const passwordHash = await hash('bench-password');

async function directory(size: number, label: string) {
  const [org] = await db.insert(organisations).values({ name: `Bench ${label}`, kind: 'social_services' }).returning();
  const email = `bench-${label}@cauce.local`;
  await db.insert(users).values({ organisationId: org.id, email, name: 'Bench', roles: ['professional'], status: 'active', passwordHash });
  for (let start = 0; start < size; start += 1000) {
    await db.insert(resources).values(
      Array.from({ length: Math.min(1000, size - start) }, (_, k) => {
        const i = start + k;
        const name = `${pick(kinds, i)} ${pick(places, i * 7 + 3)} ${i}`;
        const description = `Atención a personas en situación de ${pick(['exclusión', 'desempleo', 'sinhogarismo', 'dependencia', 'violencia'], i * 3)}; información y acompañamiento.`;
        const address = `${pick(streets, i * 5)} ${(i % 120) + 1}, ${pick(places, i * 7 + 3)}`;
        return {
          organisationId: org.id,
          name,
          description,
          address,
          needCodes: [pick(needCodes, i), pick(needCodes, i * 11 + 5)],
          email: `servicio${i}@example.org`,
          languages: ['es'],
          active: i % 17 !== 0,
          searchText: resourceSearchText({ name, description, address }),
        };
      }),
    );
  }
  return { org, email };
}

console.log(`seeding ${RESOURCES} + ${SMALL} resources…`);
const big = await directory(RESOURCES, 'big');
const small = await directory(SMALL, 'small');
await sql`ANALYZE`;

// What professionals type: a kind of service, a town without accents, both, nothing (need only).
const queries = Array.from({ length: QUERIES }, (_, i) => {
  const needCode = pick(needCodes, i * 7);
  switch (i % 4) {
    case 0: return { q: searchTerms(pick(kinds, i)).join(' '), needCode };
    case 1: return { q: searchTerms(pick(places, i * 3)).join(' '), needCode };
    case 2: return { q: searchTerms(`${pick(kinds, i * 5)} ${pick(places, i)}`).join(' '), needCode };
    default: return { q: '', needCode };
  }
});

const api = await serveBenchApi(db);
const { base, session } = api;

async function measure(cookie: string) {
  const run = async ({ q, needCode }: { q: string; needCode: string }) => {
    const res = await fetch(`${base}/api/resources?q=${encodeURIComponent(q)}&needCode=${needCode}&pageSize=20`, { headers: { cookie } });
    if (!res.ok) throw new Error(`API ${res.status}`);
    return (await res.json()).total as number;
  };
  return timeSequential(queries, run);
}

const bigResult = await measure(await session(big.email));
const smallResult = await measure(await session(small.email));
const explain = async (q: string) => {
  const rows = resourceListQueries(db, big.org.id, { q, needCode: '0401', active: 'true', page: 1, pageSize: 20 }).rows.toSQL();
  const plan = await sql.unsafe(`EXPLAIN ${rows.sql}`, rows.params as never[]);
  return plan.map((r) => r['QUERY PLAN'] as string).find((l) => /Index|Bitmap|Seq Scan/.test(l))?.trim();
};

console.log(`
directory search through the API (HTTP, session, validation, JSON), ${QUERIES} queries each, sequential, pageSize 20
  ${String(RESOURCES).padStart(5)} resources:  p50 ${ms(bigResult.p50)}  p99 ${ms(bigResult.p99)}  max ${ms(bigResult.max)}  (mean ${bigResult.meanHits.toFixed(0)} matches)
  ${String(SMALL).padStart(5)} resources:  p50 ${ms(smallResult.p50)}  p99 ${ms(smallResult.p99)}  max ${ms(smallResult.max)}  (mean ${smallResult.meanHits.toFixed(1)} matches)
  ratio ${RESOURCES} / ${SMALL}:      p50 ${(bigResult.p50 / smallResult.p50).toFixed(2)}x  p99 ${(bigResult.p99 / smallResult.p99).toFixed(2)}x
  plan for "cruz roja" ranked by 0401: ${await explain('cruz roja')}
  plan for "malaga" ranked by 0401: ${await explain('malaga')}
`);
await api.close();
await infra.stop();
process.exit(0);
