// Worker memory with many open intervention workflows: RSS and V8 heap of a worker process
// after starting N cases (each with two needs, a note and a scheduled follow-up, so its state
// and a child timer workflow are real), with every workflow kept in the worker's cache.
// The worker runs alone in a child process, so the figure is the worker's, not the client's.
//   npm run bench:interventions-memory       (OPEN=10000 to change; STEP=2000 samples on the way;
//                                             CACHE=2000 to bound the worker's workflow cache)
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { count, eq } from 'drizzle-orm';
import { interventionEvents, organisations, persons } from '../db/schema';
import { defaultInterventionPolicy } from '../domain/interventions';
import { addNoteUpdate, interventionWorkflowId, scheduleFollowUpUpdate, type InterventionInput } from '../workflows/intervention.definitions';
import { pool, startBenchInfra, benchDataConverter } from './support';

const OPEN = Number(process.env.OPEN ?? 10_000);
const STEP = Number(process.env.STEP ?? 2_000);
const CONCURRENCY = 24;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

if (process.env.CAUCE_BENCH_WORKER) {
  // The child: a worker and nothing else; it reports its memory when asked.
  const { NativeConnection, Worker } = await import('@temporalio/worker');
  const { createActivities } = await import('../activities');
  const { connectDatabase } = await import('../db/client');
  const { createMailer } = await import('../platform/mailer');
  const { createOutbox } = await import('../platform/outbox');
  const { createSmsSender } = await import('../platform/sms');
  const { workflowsEntry } = await import('../platform/paths');
  const database = connectDatabase(process.env.DATABASE_URL!, { max: 10, statementTimeoutMs: 0 });
  const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'bench@cauce.local' });
  const worker = await Worker.create({
    dataConverter: benchDataConverter(),
    connection: await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! }),
    taskQueue: 'bench-memory',
    workflowsPath: workflowsEntry,
    activities: createActivities({ db: database.db, outbox: createOutbox({ db: database.db, mailer }), sms: createSmsSender(database.db, null), publicUrl: 'http://localhost' }),
    maxCachedWorkflows: Number(process.env.MAX_CACHED),
  });
  process.on('message', (m: string) => {
    if (m === 'memory') {
      global.gc?.();
      const u = process.memoryUsage();
      process.send!({ rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external, cached: worker.getStatus().numCachedWorkflows });
    }
    if (m === 'stop') worker.shutdown();
  });
  process.send!('ready');
  await worker.run();
  await database.close();
  process.exit(0);
}

const infra = await startBenchInfra({ temporal: true });
const { db } = infra.database;
const connection = await Connection.connect({ address: infra.temporalAddress! });
const client = new Client({ connection, dataConverter: benchDataConverter() });
// By default every workflow stays cached (twice the cases: each has its follow-up's timer too).
const cache = Number(process.env.CACHE ?? 2 * OPEN + 100);
const child = fork(fileURLToPath(import.meta.url), [], {
  env: { ...process.env, CAUCE_BENCH_WORKER: '1', DATABASE_URL: infra.databaseUrl, TEMPORAL_ADDRESS: infra.temporalAddress!, MAX_CACHED: String(cache) },
  execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=8192'],
});
const messages: Array<(m: any) => void> = [];
child.on('message', (m) => messages.shift()?.(m));
const next = () => new Promise<any>((resolve) => messages.push(resolve));
await next(); // ready
const memory = async () => {
  child.send('memory');
  return next();
};

const [org] = await db.insert(organisations).values({ name: 'Bench memory', kind: 'social_services' }).returning();
const calendar = { timezone: 'Europe/Madrid', holidays: [] };
const policy = { ...defaultInterventionPolicy };

/** Cases as the API opens them (rows first), then a note and a follow-up on each. */
async function openCases(n: number, offset: number) {
  const people = await db
    .insert(persons)
    .values(Array.from({ length: n }, (_, i) => ({ organisationId: org.id, code: `EXP-${offset + i}`, firstName: 'Persona', lastName: `${offset + i}` })))
    .returning({ id: persons.id });
  await pool(people, CONCURRENCY, async (p, i) => {
    const id = randomUUID();
    const code = `INT-${String(offset + i).padStart(6, '0')}`;
    const workflowId = interventionWorkflowId(id);
    await infra.database.sql`INSERT INTO interventions (id, organisation_id, person_id, code, need_code, group_code, opened_by, workflow_id) VALUES (${id}, ${org.id}, ${p.id}, ${code}, '0301', '03', 'bench', ${workflowId})`;
    const input: InterventionInput = {
      interventionId: id, organisationId: org.id, personId: p.id, code, needCode: '0301', needs: ['030101', '030102'],
      assessmentId: 'bench', openedBy: 'bench', assigneeId: 'bench', calendar, policy,
    };
    const handle = await client.workflow.start('interventionWorkflow', { taskQueue: 'bench-memory', workflowId, args: [input] });
    await handle.executeUpdate(addNoteUpdate, { args: [{ by: 'bench', id: randomUUID(), body: 'Primera entrevista: busca empleo; seguimiento en un mes.' }] });
    await handle.executeUpdate(scheduleFollowUpUpdate, {
      args: [{ by: 'bench', id: randomUUID(), dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), note: 'Revisar', calendar, policy }],
    });
  });
}

const base = await memory();
console.log(`worker alone: rss ${mb(base.rss)}, heap ${mb(base.heapUsed)}`);
const samples: Array<{ open: number; rss: number; heapUsed: number; cached: number; seconds: number }> = [];
const t0 = performance.now();
for (let open = 0; open < OPEN; open += STEP) {
  const n = Math.min(STEP, OPEN - open);
  await openCases(n, open);
  const m = await memory();
  samples.push({ open: open + n, rss: m.rss, heapUsed: m.heapUsed, cached: m.cached, seconds: (performance.now() - t0) / 1000 });
  console.log(`  ${String(open + n).padStart(6)} open cases (+ as many timers): rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}, cached workflows ${m.cached}, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
const projected = (await db.select({ n: count() }).from(interventionEvents).where(eq(interventionEvents.action, 'opened')))[0].n;
const last = samples[samples.length - 1];
console.log(`
worker memory, ${last.open} open interventions, worker cache limit ${cache} (${last.cached} workflows cached incl. follow-up timers; ${projected} projected), 2 cores
  rss    ${mb(base.rss)} → ${mb(last.rss)}   (${((last.rss - base.rss) / last.cached / 1024).toFixed(1)} KB per cached workflow)
  heap   ${mb(base.heapUsed)} → ${mb(last.heapUsed)}   (${((last.heapUsed - base.heapUsed) / last.cached / 1024).toFixed(1)} KB per cached workflow)
`);
child.send('stop');
await new Promise((r) => child.once('exit', r));
await connection.close();
await infra.stop();
process.exit(0);
