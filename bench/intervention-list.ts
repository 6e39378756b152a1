// Intervention list with filters: p50/p99 of the list page (rows + total, exactly the SQL of
// GET /api/interventions) at 1k and at 100k interventions in one organisation, on the
// projection tables seeded directly (no workflows needed to measure SQL).
//   npm run bench:interventions-list        (SIZES=1000,100000 QUERIES=300 to change)
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { SessionUser } from '../api/context';
import { collaboratingIds, interventionListQueries } from '../api/services/interventions';
import type { TInterventionListQuery } from '../api/routes/interventions.schemas';
import { organisations, users } from '../db/schema';
import { ensureNeedsCatalogue } from '../api/services/needs';
import { ms, startBenchInfra, summarize } from './support';

const SIZES = (process.env.SIZES ?? '1000,100000').split(',').map(Number);
const QUERIES = Number(process.env.QUERIES ?? 300);
const PERSONS_PER_CASE = 0.4; // people have 2-3 cases on average

const infra = await startBenchInfra();
const { db, sql: pg } = infra.database;

const needCodes = ['0101', '0102', '0103', '0201', '0202', '0203', '0204', '0205', '0301', '0302', '0303', '0401', '0402'];
const surnames = ['Muñoz', 'García', 'Fernández', 'Núñez', 'Ibáñez', 'Pérez', 'Gómez', 'Sánchez', 'Martín', 'Jiménez', 'Ruiz', 'Díaz', 'Álvarez', 'Romero', 'Navarro', 'Torres'];

async function seed(size: number) {
  const [org] = await db.insert(organisations).values({ name: `Bench ${size}`, kind: 'social_services' }).returning();
  await ensureNeedsCatalogue(db, org.id);
  const staff = await db
    .insert(users)
    .values(Array.from({ length: 20 }, (_, i) => ({ organisationId: org.id, email: `u${i}-${randomUUID().slice(0, 6)}@bench.local`, name: `Profesional ${i}`, roles: ['professional'], status: 'active' as const })))
    .returning({ id: users.id });
  const staffIds = staff.map((s) => s.id);
  const personCount = Math.max(1, Math.round(size * PERSONS_PER_CASE));
  // Generated in SQL: 100k rows in seconds instead of minutes of round trips.
  await pg.unsafe(
    `INSERT INTO persons (id, organisation_id, code, first_name, last_name, search_text)
     SELECT 'p-' || $1 || '-' || g, $1, 'EXP-' || lpad(g::text, 6, '0'), 'Persona' || g, s.surname,
            lower('persona' || g || ' ' || s.plain || ' exp-' || lpad(g::text, 6, '0'))
     FROM generate_series(1, $2::int) g
     CROSS JOIN LATERAL (SELECT (ARRAY[${surnames.map((x) => `'${x}'`).join(',')}])[1 + g % ${surnames.length}] AS surname,
                                (ARRAY[${surnames.map((x) => `'${x.normalize('NFD').replace(/\p{M}/gu, '')}'`).join(',')}])[1 + g % ${surnames.length}] AS plain) s`,
    [org.id, personCount],
  );
  await pg.unsafe(
    `INSERT INTO interventions (id, organisation_id, person_id, code, need_code, group_code, status, assignee_id, opened_by, opened_at, updated_at,
                                last_activity_at, needs_total, needs_covered, open_flags, pending_follow_ups, overdue_follow_ups, next_follow_up_at, workflow_id)
     SELECT 'i-' || $1 || '-' || g, $1, 'p-' || $1 || '-' || (1 + g % $3::int), 'INT-' || lpad(g::text, 6, '0'),
            n.code, left(n.code, 2),
            (ARRAY['open','in_progress','in_progress','pending','closed','closed','closed'])[1 + g % 7],
            CASE WHEN g % 10 = 0 THEN NULL ELSE ($4::text[])[1 + g % 20] END,
            ($4::text[])[1], now() - (g % 1000) * interval '1 day', now() - (g % 5000) * interval '1 minute',
            now() - (g % 90) * interval '1 day', 1 + g % 3, g % 2, CASE WHEN g % 17 = 0 THEN 1 ELSE 0 END,
            g % 3, CASE WHEN g % 23 = 0 THEN 1 ELSE 0 END,
            CASE WHEN g % 3 = 0 THEN NULL ELSE now() + (g % 60) * interval '1 day' END, 'intervention-i-' || $1 || '-' || g
     FROM generate_series(1, $2::int) g
     CROSS JOIN LATERAL (SELECT (ARRAY[${needCodes.map((x) => `'${x}'`).join(',')}])[1 + g % ${needCodes.length}] AS code) n`,
    [org.id, size, personCount, staffIds],
  );
  await db.execute(sql`ANALYZE`);
  return { orgId: org.id, me: staffIds[3] };
}

/** What a team actually asks the list for. */
function filters(i: number, size: number): Partial<TInterventionListQuery> & { label: string } {
  const list: Array<Partial<TInterventionListQuery> & { label: string }> = [
    { label: 'default (recent first)' },
    { label: 'active, assigned to me', status: 'active', assignee: 'me' },
    { label: 'unassigned', assignee: 'unassigned', status: 'active' },
    { label: 'need 0301, open or in progress', needCode: '0301', status: 'open,in_progress' },
    { label: 'group 02, opened last 90 days', needCode: '02', from: new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10) },
    { label: 'search surname (accent-free)', q: 'nunez' },
    { label: 'search case code', q: `INT-${String(1 + ((i * 7919) % size)).padStart(6, '0')}` },
    { label: 'overdue follow-ups', overdue: 'true' },
    { label: 'by next follow-up', status: 'active', sort: 'next_follow_up' },
  ];
  return list[i % list.length];
}

console.log(`list page (50 rows + total), ${QUERIES} queries per size, mixed filters, embedded Postgres, 2 cores`);
for (const size of SIZES) {
  const t0 = Date.now();
  const { orgId, me } = await seed(size);
  const seededIn = (Date.now() - t0) / 1000;
  const user = { id: me, organisationId: orgId } as SessionUser;
  const byLabel = new Map<string, number[]>();
  const all: number[] = [];
  // Warm the cache as a running service would have it.
  for (let i = 0; i < 20; i++) {
    const q = interventionListQueries(db, user, { page: 1, pageSize: 50, sort: 'recent', ...filters(i, size) } as TInterventionListQuery, await collaboratingIds(db, user));
    await Promise.all([q.rows, q.total]);
  }
  for (let i = 0; i < QUERIES; i++) {
    const { label, ...f } = filters(i, size);
    const t = performance.now();
    const q = interventionListQueries(db, user, { page: 1, pageSize: 50, sort: 'recent', ...f } as TInterventionListQuery, await collaboratingIds(db, user));
    await Promise.all([q.rows, q.total]);
    const elapsed = performance.now() - t;
    all.push(elapsed);
    byLabel.set(label, [...(byLabel.get(label) ?? []), elapsed]);
  }
  const s = summarize(all);
  console.log(`\n  ${size.toLocaleString('en')} interventions (seeded in ${seededIn.toFixed(1)} s): all filters p50 ${ms(s.p50)}  p99 ${ms(s.p99)}`);
  for (const [label, samples] of byLabel) {
    const x = summarize(samples);
    console.log(`    ${label.padEnd(34)} p50 ${ms(x.p50).padStart(10)}  p99 ${ms(x.p99).padStart(10)}`);
  }
}
await infra.stop();
process.exit(0);
