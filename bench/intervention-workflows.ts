// Interventions on the Temporal dev server (SQLite), 2 cores:
//  1. opened per second, end to end: POST /api/persons/:id/assessments (rows + workflow start)
//     until the workflow's first projection is in Postgres, versus empty workflows started and
//     completed on the same server;
//  2. Update round-trip p50/p99: an Update on an intervention (validator, history entry,
//     projection activity) versus a bare Update on a trivial workflow, and the same through the
//     HTTP API (POST /notes).
//   npm run bench:interventions          (N=300 UPDATES=300 to change the counts)
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { hash } from '@node-rs/argon2';
import { count, eq } from 'drizzle-orm';
import { createActivities } from '../activities';
import { createApp } from '../api/app';
import { interventionEvents, organisations, persons, users } from '../db/schema';
import { createMailer } from '../platform/mailer';
import { createOutbox } from '../platform/outbox';
import { projectRoot } from '../platform/paths';
import { createSmsSender } from '../platform/sms';
import { addNoteUpdate } from '../workflows/intervention.definitions';
import { freePort } from '../support/ports';
import { bareUpdate } from './update.workflow';
import { ms, pool, startBenchInfra, summarize, benchDataConverter } from './support';

const N = Number(process.env.N ?? 300);
const UPDATES = Number(process.env.UPDATES ?? 300);
const CONCURRENCY = 16;

const infra = await startBenchInfra({ temporal: true, smtp: true });
const { db } = infra.database;
const native = await NativeConnection.connect({ address: infra.temporalAddress! });
const connection = await Connection.connect({ address: infra.temporalAddress! });
const client = new Client({ connection, dataConverter: benchDataConverter() });
const mailer = createMailer({ smtpUrl: infra.smtpUrl!, from: 'bench@cauce.local' });
const publicUrl = 'http://localhost:3000';
const cauceWorker = await Worker.create({
  dataConverter: benchDataConverter(),
  connection: native,
  taskQueue: 'bench-cauce',
  workflowsPath: join(projectRoot, 'workflows/index.ts'),
  activities: createActivities({ db, outbox: createOutbox({ db, mailer }), sms: createSmsSender(db, null), publicUrl }),
});
const baselineWorker = await Worker.create({ dataConverter: benchDataConverter(), connection: native, taskQueue: 'bench-baseline', workflowsPath: join(projectRoot, 'bench/baseline.workflows.ts') });
const running = Promise.all([cauceWorker.run(), baselineWorker.run()]);

const [org] = await db.insert(organisations).values({ name: 'Bench', kind: 'social_services' }).returning();
await db.insert(users).values({ organisationId: org.id, email: 'ana@bench.local', name: 'Ana', roles: ['professional'], status: 'active', passwordHash: await hash('bench-password') });
const personIds = (
  await db
    .insert(persons)
    .values(Array.from({ length: N }, (_, i) => ({ organisationId: org.id, code: `EXP-${i}`, firstName: 'Persona', lastName: `Bench ${i}`, searchText: `persona bench ${i}` })))
    .returning({ id: persons.id })
).map((p) => p.id);

const app = createApp({
  db,
  temporal: client,
  config: { publicUrl, temporalUiUrl: '', temporalNamespace: 'default', taskQueue: 'bench-cauce', production: false, smsLive: false, mailCapture: true },
});
const port = await freePort();
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
const base = `http://127.0.0.1:${port}`;
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ana@bench.local', password: 'bench-password' }) });
const cookie = login.headers.getSetCookie()[0].split(';')[0];
const post = async (path: string, body: unknown) => {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${path} ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
};

async function timed(fn: () => Promise<void>) {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}
const ids = (prefix: string, n = N) => Array.from({ length: n }, (_, i) => `${prefix}-${i}-${randomUUID().slice(0, 8)}`);

// Warm-up: bundles built, caches filled, the catalogue copied for the organisation.
await pool(ids('warm', 20), 8, async (id) => void (await client.workflow.execute('emptyWorkflow', { taskQueue: 'bench-baseline', workflowId: id })));
await post(`/api/persons/${personIds[0]}/assessments`, { summary: 'warm-up', needs: ['030101'] });

// 1. opened per second.
const emptySeconds = await timed(async () => {
  const handles: Array<{ result(): Promise<unknown> }> = [];
  await pool(ids('empty'), CONCURRENCY, async (id) => void handles.push(await client.workflow.start('emptyWorkflow', { taskQueue: 'bench-baseline', workflowId: id })));
  await Promise.all(handles.map((h) => h.result()));
});
const openedBefore = (await db.select({ n: count() }).from(interventionEvents).where(eq(interventionEvents.action, 'opened')))[0].n;
const interventionIds: string[] = [];
const openSeconds = await timed(async () => {
  await pool(personIds.slice(1), CONCURRENCY, async (personId) => {
    const res = await post(`/api/persons/${personId}/assessments`, { summary: 'Valoración', needs: ['030101'] });
    interventionIds.push(res.interventions[0].id);
  });
  // Projection visible: the workflow's first projection wrote its "opened" history entry.
  while ((await db.select({ n: count() }).from(interventionEvents).where(eq(interventionEvents.action, 'opened')))[0].n < openedBefore + personIds.length - 1) {
    await new Promise((r) => setTimeout(r, 20));
  }
});
const opened = personIds.length - 1;

// 2. Update round-trip, one at a time (latency, not throughput).
const bare = await client.workflow.start('bareUpdateWorkflow', { taskQueue: 'bench-baseline', workflowId: `bare-${randomUUID()}` });
const bareSamples: number[] = [];
for (let i = 0; i < UPDATES; i++) {
  const t = performance.now();
  await bare.executeUpdate(bareUpdate, { args: [{ n: i }] });
  bareSamples.push(performance.now() - t);
}
const updateSamples: number[] = [];
for (let i = 0; i < UPDATES; i++) {
  const handle = client.workflow.getHandle(`intervention-${interventionIds[i % interventionIds.length]}`);
  const t = performance.now();
  await handle.executeUpdate(addNoteUpdate, { args: [{ by: 'bench', id: randomUUID(), body: `Nota ${i}` }] });
  updateSamples.push(performance.now() - t);
}
const apiSamples: number[] = [];
for (let i = 0; i < UPDATES; i++) {
  const t = performance.now();
  await post(`/api/interventions/${interventionIds[(i * 7) % interventionIds.length]}/notes`, { body: `Nota API ${i}` });
  apiSamples.push(performance.now() - t);
}

const b = summarize(bareSamples);
const u = summarize(updateSamples);
const a = summarize(apiSamples);
const perSecond = (n: number, s: number) => `${(n / s).toFixed(1).padStart(7)} /s  (${n} in ${s.toFixed(2)} s)`;
console.log(`
interventions on the Temporal dev server (SQLite) and embedded Postgres, ${CONCURRENCY} in flight, 2 cores
  empty workflows started and completed                  ${perSecond(N, emptySeconds)}
  assessments via API → workflow start → projection      ${perSecond(opened, openSeconds)}
  ratio interventions / empty workflows                  ${(opened / openSeconds / (N / emptySeconds)).toFixed(2)}

Update round-trip, one at a time (${UPDATES} each)
  bare Update on a trivial workflow          p50 ${ms(b.p50).padStart(10)}  p99 ${ms(b.p99).padStart(10)}
  addNote Update on an intervention          p50 ${ms(u.p50).padStart(10)}  p99 ${ms(u.p99).padStart(10)}   (×${(u.p50 / b.p50).toFixed(1)} at p50)
  POST /api/interventions/:id/notes          p50 ${ms(a.p50).padStart(10)}  p99 ${ms(a.p99).padStart(10)}
`);
server.close();
cauceWorker.shutdown();
baselineWorker.shutdown();
await running;
mailer.close();
await connection.close();
await native.close();
await infra.stop();
process.exit(0);
