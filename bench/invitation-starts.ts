// Invitation workflow starts per second versus an empty workflow on the same dev server.
//  1. raw starts: client.workflow.start, 16 in flight, invitation vs empty workflow;
//  2. end to end: POST /api/users/invitations (rows + start) until every invitation email has
//     reached the SMTP capture, versus empty workflows started and completed.
//   npm run bench:invitations        (N=300 to change the count)
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { hash } from '@node-rs/argon2';
import { count } from 'drizzle-orm';
import { createActivities } from '../activities';
import { createApp } from '../api/app';
import { capturedMails, invitations, organisations, users } from '../db/schema';
import { createMailer } from '../platform/mailer';
import { createOutbox } from '../platform/outbox';
import { projectRoot } from '../platform/paths';
import { createSmsSender } from '../platform/sms';
import { invitationWorkflowId } from '../workflows/invitation.definitions';
import { freePort } from '../support/ports';
import { pool, startBenchInfra, benchDataConverter } from './support';
import { randomUUID } from 'node:crypto';

const N = Number(process.env.N ?? 300);
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
const emptyWorker = await Worker.create({ dataConverter: benchDataConverter(), connection: native, taskQueue: 'bench-empty', workflowsPath: join(projectRoot, 'bench/empty.workflow.ts') });
const running = Promise.all([cauceWorker.run(), emptyWorker.run()]);

const [org] = await db.insert(organisations).values({ name: 'Bench', kind: 'social_services' }).returning();
await db.insert(users).values({ organisationId: org.id, email: 'admin@bench.local', name: 'Admin', roles: ['admin'], status: 'active', passwordHash: await hash('bench-password') });

async function timed(label: string, fn: () => Promise<void>) {
  const t = performance.now();
  await fn();
  const seconds = (performance.now() - t) / 1000;
  return { label, seconds, perSecond: N / seconds };
}
const ids = (prefix: string) => Array.from({ length: N }, (_, i) => `${prefix}-${i}-${randomUUID().slice(0, 8)}`);

// Warm-up both workers (bundles are built, caches filled).
await pool(ids('warm'), 8, async (id) => void (await client.workflow.execute('emptyWorkflow', { taskQueue: 'bench-empty', workflowId: id })));

// 1. raw starts. Invitation workflows need their rows for the activities to succeed.
const invitationIds = Array.from({ length: N }, () => randomUUID());
for (const id of invitationIds) {
  const [u] = await db.insert(users).values({ organisationId: org.id, email: `raw-${id}@bench.local`, name: 'Raw', roles: ['professional'] }).returning();
  const admin = (await db.select().from(users).limit(1))[0];
  await db.insert(invitations).values({ id, organisationId: org.id, userId: u.id, email: u.email, invitedBy: admin.id, expiresAt: new Date(Date.now() + 7 * 86_400_000), workflowId: invitationWorkflowId(id) });
}
const rawEmpty = await timed('empty workflow starts', () =>
  pool(ids('empty'), CONCURRENCY, async (id) => void (await client.workflow.start('emptyWorkflow', { taskQueue: 'bench-empty', workflowId: id }))),
);
const rawInvitation = await timed('invitation workflow starts', () =>
  pool(invitationIds, CONCURRENCY, async (id) =>
    void (await client.workflow.start('invitationWorkflow', {
      taskQueue: 'bench-cauce',
      workflowId: invitationWorkflowId(id),
      args: [{ invitationId: id, organisationId: org.id, userId: id, invitedBy: id, timezone: 'Europe/Madrid', holidays: [] }],
    })),
  ),
);

// Let the raw-start invitations finish their first mail, so phase 2 measures only its own work.
while ((await db.select({ n: count() }).from(capturedMails))[0].n < N) await new Promise((r) => setTimeout(r, 50));

// 2. end to end through the API until the mails arrive, versus empty workflows completed.
const app = createApp({
  db,
  temporal: client,
  config: { publicUrl, temporalUiUrl: '', temporalNamespace: 'default', taskQueue: 'bench-cauce', production: false, smsLive: false, mailCapture: true },
});
const port = await freePort();
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
const base = `http://127.0.0.1:${port}`;
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@bench.local', password: 'bench-password' }) });
const cookie = login.headers.getSetCookie()[0].split(';')[0];
const mailsBefore = (await db.select({ n: count() }).from(capturedMails))[0].n;

const e2eEmpty = await timed('empty workflows started and completed', async () => {
  const handles: Array<{ result(): Promise<unknown> }> = [];
  await pool(ids('e2e-empty'), CONCURRENCY, async (id) => void handles.push(await client.workflow.start('emptyWorkflow', { taskQueue: 'bench-empty', workflowId: id })));
  await Promise.all(handles.map((h) => h.result()));
});
const e2eInvitation = await timed('invitations via API until the email is captured', async () => {
  await pool(Array.from({ length: N }, (_, i) => i), CONCURRENCY, async (i) => {
    const res = await fetch(`${base}/api/users/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ email: `e2e-${i}-${randomUUID().slice(0, 6)}@bench.local`, name: `Invitada ${i}`, roles: ['professional'] }),
    });
    if (res.status !== 201) throw new Error(`invite ${res.status} ${await res.text()}`);
  });
  while ((await db.select({ n: count() }).from(capturedMails))[0].n < mailsBefore + N) await new Promise((r) => setTimeout(r, 50));
});

const line = (r: { label: string; seconds: number; perSecond: number }) => `  ${r.label.padEnd(52)} ${r.perSecond.toFixed(1).padStart(7)} /s  (${N} in ${r.seconds.toFixed(2)} s)`;
console.log(`
workflow starts on the Temporal dev server (SQLite), ${N} each, ${CONCURRENCY} in flight, 2 cores
${line(rawEmpty)}
${line(rawInvitation)}
  ratio invitation / empty (raw starts):                ${(rawInvitation.perSecond / rawEmpty.perSecond).toFixed(2)}
${line(e2eEmpty)}
${line(e2eInvitation)}
  ratio invitation / empty (end to end):                ${(e2eInvitation.perSecond / e2eEmpty.perSecond).toFixed(2)}
`);
server.close();
cauceWorker.shutdown();
emptyWorker.shutdown();
await running;
mailer.close();
await connection.close();
await native.close();
await infra.stop();
process.exit(0);
