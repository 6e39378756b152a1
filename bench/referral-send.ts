// Sending a referral: POST /api/referrals/:id/send = the checks (consent, the person's address),
// the sendReferral Update (validator, projection, the chasing planned) and its delivery (the
// person's email through the message service, the service's link and email through the outbox).
// Baseline measured in the same run on the same server: a bare Update (a workflow whose handler
// only answers), from the Temporal client.
//   npm run bench:referrals          (N=100 sends)
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { count, sql } from 'drizzle-orm';
import { createActivities } from '../activities';
import { createApp } from '../api/app';
import { capturedMails, interventions, personEmails, persons, resources, users, organisations } from '../db/schema';
import { createMailer } from '../platform/mailer';
import { createMessageService } from '../platform/messages';
import { createOutbox } from '../platform/outbox';
import { projectRoot } from '../platform/paths';
import { createSmsSender } from '../platform/sms';
import { simulatedSmsGateway } from '../platform/sms-gateway';
import { ApiClient } from '../support/api-client';
import { benchDataConverter, ms, startBenchInfra, summarize } from './support';
import { bareUpdate } from './update.workflow';
import { machine } from './ventanilla-support';

const N = Number(process.env.N ?? 100);
const PASSWORD = 'bench-password';

const infra = await startBenchInfra({ temporal: true, smtp: true });
const { db } = infra.database;
const native = await NativeConnection.connect({ address: infra.temporalAddress! });
const connection = await Connection.connect({ address: infra.temporalAddress! });
const temporal = new Client({ connection, dataConverter: benchDataConverter() });
const mailer = createMailer({ smtpUrl: infra.smtpUrl!, from: 'bench@cauce.local' });
const publicUrl = 'http://localhost:3000';
const outbox = createOutbox({ db, mailer });
const messages = createMessageService({ db, outbox, sms: simulatedSmsGateway(), publicUrl });
const worker = await Worker.create({
  dataConverter: benchDataConverter(),
  connection: native,
  taskQueue: 'bench-referrals',
  workflowsPath: join(projectRoot, 'workflows/index.ts'),
  activities: createActivities({ db, outbox, sms: createSmsSender(db, null), messages, publicUrl }),
});
const baselineWorker = await Worker.create({ dataConverter: benchDataConverter(), connection: native, taskQueue: 'bench-baseline', workflowsPath: join(projectRoot, 'bench/baseline.workflows.ts') });
const running = Promise.all([worker.run(), baselineWorker.run()]);
const app = createApp({
  db,
  temporal,
  config: { publicUrl, temporalUiUrl: '', temporalNamespace: 'default', taskQueue: 'bench-referrals', production: false, smsLive: false, mailCapture: true },
  messaging: { service: messages },
  outbox,
});

const [org] = await db.insert(organisations).values({ name: 'Servicios Sociales Bench', kind: 'social_services' }).returning();
const email = `professional@${org.id.slice(0, 8)}.bench`;
const [professional] = await db.insert(users).values({ organisationId: org.id, email, name: 'Profesional Bench', roles: ['professional'], status: 'active', passwordHash: await hash(PASSWORD) }).returning();
const serviceEmail = `servicio@${org.id.slice(0, 8)}.bench`;
const [resource] = await db.insert(resources).values({ organisationId: org.id, name: 'Centro de Empleo Bench', email: serviceEmail, languages: ['es'] }).returning();
const ana = new ApiClient(app, 'es');
await ana.login(email, PASSWORD);

/** A person with an email and an open case of theirs (rows only: the referral needs no case workflow), and a draft referral. */
async function drafts(n: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const [person] = await db.insert(persons).values({ organisationId: org.id, code: `EXP-${label}-${i}`, firstName: 'Lucía', lastName: `Bench ${i}` }).returning();
    await db.insert(personEmails).values({ personId: person.id, organisationId: org.id, address: `persona-${label}-${i}@example.org`, isPrimary: true });
    const id = randomUUID();
    await db.insert(interventions).values({ id, organisationId: org.id, personId: person.id, code: `INT-${label}-${i}`, needCode: '0301', groupCode: '03', assigneeId: professional.id, openedBy: professional.id, workflowId: `intervention-${id}` });
    const res = await ana.post(`/api/interventions/${id}/referrals`, { resourceId: resource.id, note: 'Orientación laboral' });
    if (res.status !== 201) throw new Error(`create ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(res.body.id);
  }
  return ids;
}
const send = async (id: string) => {
  const res = await ana.post(`/api/referrals/${id}/send`, { channels: ['email'], consent: { given: true, method: 'verbal' } });
  if (res.status !== 200) throw new Error(`send ${res.status} ${JSON.stringify(res.body)}`);
};
const mailsToService = async () => (await db.select({ n: count() }).from(capturedMails).where(sql`${serviceEmail} = ANY(${capturedMails.to})`))[0].n;

// Warm-up: bundles, caches, connections.
for (const id of await drafts(5, 'warm')) await send(id);
const bare = await temporal.workflow.start('bareUpdateWorkflow', { taskQueue: 'bench-baseline', workflowId: `bare-${randomUUID()}` });
for (let i = 0; i < 10; i++) await bare.executeUpdate(bareUpdate, { args: [{ n: i }] });

// Interleaved, so both see the same machine load.
const ids = await drafts(N, 'send');
const mailsBefore = await mailsToService();
const sendSamples: number[] = [];
const bareSamples: number[] = [];
for (const id of ids) {
  let t = performance.now();
  await bare.executeUpdate(bareUpdate, { args: [{ n: 1 }] });
  bareSamples.push(performance.now() - t);
  t = performance.now();
  await send(id);
  sendSamples.push(performance.now() - t);
}
const t0 = performance.now();
while ((await mailsToService()) < mailsBefore + N) await new Promise((r) => setTimeout(r, 50));
const mailWait = performance.now() - t0;
const s = summarize(sendSamples);
const b = summarize(bareSamples);

console.log(`
send a referral (POST /api/referrals/:id/send → checks, Update + projection, person's email via the message service, service's link + email via the outbox), ${N} in a row
  p50 ${ms(s.p50)}   p99 ${ms(s.p99)}   max ${ms(s.max)}
baseline: bare Update on the same server (handler only answers), interleaved with the sends
  p50 ${ms(b.p50)}   p99 ${ms(b.p99)}   max ${ms(b.max)}
ratio send / bare Update: p50 ×${(s.p50 / b.p50).toFixed(1)}   p99 ×${(s.p99 / b.p99).toFixed(1)}
every service email captured ${ms(mailWait)} after the last send answered
  machine: ${machine()}
`);
await bare.terminate('bench done');
worker.shutdown();
baselineWorker.shutdown();
await running;
mailer.close();
await connection.close();
await native.close();
await infra.stop();
