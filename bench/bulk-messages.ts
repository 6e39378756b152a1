// Bulk email to 10,000 recipients through the bulk-message workflow (throttle lifted) to the
// capture SMTP server, against nodemailer's pooled sending of the same mails to the same server
// in the same run; the memory of the process running the worker meanwhile; and the direct-message
// API's latency.
//   npm run bench:messages        (N=10000 recipients, DIRECT=300 direct messages)
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { hash } from '@node-rs/argon2';
import { count, eq, sql } from 'drizzle-orm';
import { createActivities } from '../activities';
import { createApp } from '../api/app';
import { bulkMessages, capturedMails, messagingSettings, organisations, users } from '../db/schema';
import { createMailer } from '../platform/mailer';
import { createMessageService } from '../platform/messages';
import { createOutbox, startOutboxDispatcher } from '../platform/outbox';
import { projectRoot } from '../platform/paths';
import { createSmsSender } from '../platform/sms';
import { simulatedSmsGateway } from '../platform/sms-gateway';
import { freePort } from '../support/ports';
import { benchDataConverter, ms, pool, startBenchInfra, summarize } from './support';

const N = Number(process.env.N ?? 10_000);
const DIRECT = Number(process.env.DIRECT ?? 300);

const infra = await startBenchInfra({ temporal: true, smtp: true });
const { db } = infra.database;
const publicUrl = 'http://localhost:3000';
const mailer = createMailer({ smtpUrl: infra.smtpUrl!, from: 'Cauce <bench@cauce.local>' });
const outbox = createOutbox({ db, mailer, queue: 'bench' });
const dispatcher = await startOutboxDispatcher(outbox, { sql: infra.database.sql, log: () => {} });
const native = await NativeConnection.connect({ address: infra.temporalAddress! });
const connection = await Connection.connect({ address: infra.temporalAddress! });
const client = new Client({ connection, dataConverter: benchDataConverter() });
const worker = await Worker.create({
  dataConverter: benchDataConverter(),
  connection: native,
  taskQueue: 'bench-messages',
  workflowsPath: join(projectRoot, 'workflows/index.ts'),
  activities: createActivities({ db, outbox, sms: createSmsSender(db, null), messages: createMessageService({ db, outbox, sms: simulatedSmsGateway(), publicUrl }), publicUrl }),
});
const running = worker.run();

const [org] = await db.insert(organisations).values({ name: 'Bench', kind: 'social_services' }).returning();
// The throttle lifted: far above what one machine sends.
await db.insert(messagingSettings).values({ organisationId: org.id, emailsPerSecond: 1_000_000 });
await db.insert(users).values({ organisationId: org.id, email: 'pro@bench.local', name: 'Pro', roles: ['professional'], status: 'active', passwordHash: await hash('bench-password') });
await db.execute(sql`INSERT INTO persons (id, organisation_id, code, first_name, last_name, search_text)
  SELECT gen_random_uuid()::text, ${org.id}, 'B-' || i, 'Persona' || i, 'Bench', 'persona' || i || ' bench' FROM generate_series(1, ${N}) i`);
await db.execute(sql`INSERT INTO person_emails (id, person_id, organisation_id, address, is_primary)
  SELECT gen_random_uuid()::text, id, organisation_id, 'bulk-' || code || '@bench.local', true FROM persons WHERE organisation_id = ${org.id}`);
await db.execute(sql`INSERT INTO contact_lists (id, organisation_id, name) VALUES (${org.id}, ${org.id}, 'Todos')`);
await db.execute(sql`INSERT INTO contact_list_members (list_id, person_id) SELECT ${org.id}, id FROM persons WHERE organisation_id = ${org.id}`);

const app = createApp({
  db,
  temporal: client,
  messaging: { service: createMessageService({ db, outbox, sms: simulatedSmsGateway(), publicUrl }) },
  config: { publicUrl, temporalUiUrl: '', temporalNamespace: 'default', taskQueue: 'bench-messages', production: false, smsLive: false, mailCapture: true },
});
const port = await freePort();
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
const base = `http://127.0.0.1:${port}`;
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'pro@bench.local', password: 'bench-password' }) });
const cookie = login.headers.getSetCookie()[0].split(';')[0];
const capturedCount = async () => (await db.select({ n: count() }).from(capturedMails))[0].n;

// 1. Baseline: nodemailer's pool (5 connections, as the mailer is configured), the same N mails.
const mail = (i: number) => ({ to: `base-${i}@bench.local`, subject: `Aviso Persona${i}`, text: `Hola Persona${i}, te esperamos el jueves en el taller de empleo.`, organisationId: org.id });
await pool(Array.from({ length: 20 }, (_, i) => i), 5, async (i) => void (await mailer.send(mail(-i - 1))));
let before = await capturedCount();
let t = performance.now();
await pool(Array.from({ length: N }, (_, i) => i), 10, async (i) => void (await mailer.send(mail(i))));
while ((await capturedCount()) < before + N) await new Promise((r) => setTimeout(r, 20));
const baselineSeconds = (performance.now() - t) / 1000;

// 2. The bulk-message workflow, started through the API, until every mail is captured.
let rssMax = 0;
let heapMax = 0;
const sample = () => {
  const m = process.memoryUsage();
  rssMax = Math.max(rssMax, m.rss);
  heapMax = Math.max(heapMax, m.heapUsed);
};
const baseline = process.memoryUsage();
const sampler = setInterval(sample, 100);
before = await capturedCount();
t = performance.now();
const started = await fetch(`${base}/api/messages/bulk`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie },
  body: JSON.stringify({ channel: 'email', contactListId: org.id, subject: 'Aviso {{name}}', body: 'Hola {{name}}, te esperamos el jueves en el taller de empleo.' }),
});
if (started.status !== 202) throw new Error(`bulk ${started.status} ${await started.text()}`);
const startedBody = (await started.json()) as { id: string; total: number };
const acceptedAt = performance.now() - t;
while ((await capturedCount()) < before + N) await new Promise((r) => setTimeout(r, 50));
const bulkSeconds = (performance.now() - t) / 1000;
await client.workflow.getHandle(`bulk-message-${startedBody.id}`).result();
clearInterval(sampler);
sample();
const [bulkRow] = await db.select().from(bulkMessages).where(eq(bulkMessages.id, startedBody.id));
const captured = await db.execute<{ duplicates: number; distinct: number }>(sql`SELECT count(*) - count(DISTINCT to_addresses[1]) AS duplicates, count(DISTINCT to_addresses[1]) AS distinct
  FROM captured_mails WHERE to_addresses[1] LIKE 'bulk-%'`);

// 3. Direct messages through the API, one at a time.
const personIds = (await db.execute<{ id: string }>(sql`SELECT id FROM persons WHERE organisation_id = ${org.id} LIMIT ${DIRECT}`)).map((r) => r.id);
const latencies: number[] = [];
for (const [i, id] of personIds.entries()) {
  const s = performance.now();
  const res = await fetch(`${base}/api/persons/${id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ channel: 'email', subject: `Directo ${i}`, body: 'Hola {{name}}' }),
  });
  if (res.status !== 201) throw new Error(`direct ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  latencies.push(performance.now() - s);
}
const direct = summarize(latencies.slice(10));

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
console.log(`\nBulk email, ${N} recipients, capture SMTP server, throttle lifted (same run, same server)\n`);
console.log(`  nodemailer pooled (5 connections)    ${baselineSeconds.toFixed(1)} s   ${(N / baselineSeconds).toFixed(0)} mails/s`);
console.log(`  bulk-message workflow via the API    ${bulkSeconds.toFixed(1)} s   ${(N / bulkSeconds).toFixed(0)} mails/s   (202 after ${ms(acceptedAt)})`);
console.log(`  ratio                                ${(baselineSeconds / bulkSeconds).toFixed(2)}`);
console.log(`  final status ${bulkRow.status}, sent ${bulkRow.sent}, failed ${bulkRow.failed}; captured ${captured[0].distinct} distinct recipients, ${captured[0].duplicates} duplicates`);
console.log(`  process running the worker (+ API, capture server): RSS max ${mb(rssMax)} (before ${mb(baseline.rss)}), heap max ${mb(heapMax)} (before ${mb(baseline.heapUsed)})`);
console.log(`\nDirect message API (POST /api/persons/:id/messages, email, ${direct.n} after 10 warm-up): p50 ${ms(direct.p50)}, p99 ${ms(direct.p99)}, max ${ms(direct.max)}\n`);

server.close();
worker.shutdown();
await running;
await dispatcher.stop();
await native.close();
await connection.close();
mailer.close();
await infra.stop();
process.exit(0);
