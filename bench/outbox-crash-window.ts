// The outbox's crash window: the time from the SMTP server's 250 (nodemailer resolving) to the
// commit that marks the row sent. A worker killed inside it sends that email again after the
// lease runs out; everywhere else a message goes out once. Mail goes to the capture SMTP server
// (which itself writes each mail to the same Postgres), both through the activities' inline
// path (one at a time) and through the dispatcher (5 at once).
//   npm run bench:outbox        (N=400 mails per path)
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { organisations, outboxMessages } from '../db/schema';
import { createMailer } from '../platform/mailer';
import { createOutbox, startOutboxDispatcher, type AttemptTiming } from '../platform/outbox';
import { ms, startBenchInfra, summarize } from './support';

const N = Number(process.env.N ?? 400);
const infra = await startBenchInfra({ smtp: true });
const { db } = infra.database;
const [org] = await db.insert(organisations).values({ name: 'Bench', kind: 'social_services' }).returning();
const mailer = createMailer({ smtpUrl: infra.smtpUrl!, from: 'Cauce <bench@cauce.local>' });
const timings: Record<'inline' | 'dispatcher', AttemptTiming[]> = { inline: [], dispatcher: [] };
let path: keyof typeof timings = 'inline';
const outbox = createOutbox({ db, mailer, queue: 'bench', onAttempt: (t) => timings[path].push(t) });
const mail = (i: number) => ({
  dedupeKey: `bench:${randomUUID()}`,
  organisationId: org.id,
  to: `person-${i}@bench.local`,
  subject: `Aviso ${i}`,
  text: `Tienes un seguimiento que vence hoy.\n\nhttp://localhost:3000/intervenciones/${i}`,
});

// Warm-up: connections in the SMTP pool and the Postgres pool.
await outbox.send(Array.from({ length: 10 }, (_, i) => mail(i)));
timings.inline.length = 0;

for (let i = 0; i < N; i++) await outbox.send([mail(i)]);

path = 'dispatcher';
const dispatcher = await startOutboxDispatcher(outbox, { sql: infra.database.sql, log: () => {} });
const started = performance.now();
await outbox.enqueue(Array.from({ length: N }, (_, i) => mail(i)));
while (timings.dispatcher.length < N) await new Promise((r) => setTimeout(r, 20));
const seconds = (performance.now() - started) / 1000;
await dispatcher.stop();

const notSent = await db.select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.status, 'queued'));
console.log(`\nOutbox crash window (SMTP 250 → commit of 'sent'), ${N} mails per path, capture SMTP server on this machine\n`);
for (const [name, list] of Object.entries(timings)) {
  const accepted = list.filter((t) => t.outcome === 'accepted');
  const window = summarize(accepted.map((t) => t.recordMs));
  const smtp = summarize(accepted.map((t) => t.smtpMs));
  console.log(`  ${name.padEnd(10)} window p50 ${ms(window.p50)}, p99 ${ms(window.p99)}, max ${ms(window.max)}   (SMTP send itself p50 ${ms(smtp.p50)}, p99 ${ms(smtp.p99)}; ${accepted.length}/${list.length} accepted)`);
}
console.log(`  dispatcher throughput ${(N / seconds).toFixed(0)} mails/s; rows left queued: ${notSent.length}\n`);
mailer.close();
await infra.stop();
