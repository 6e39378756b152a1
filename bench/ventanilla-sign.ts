// Signing latency: POST /api/ventanilla/:id/sign = the Update + the signed PDF (pdf-lib, QR,
// SHA-256, stored) + projection + the recipient unit's notifications and emails over SMTP.
// Then a bulk sign of 100 from the tray, total time.
//   npm run bench:sign          (N=100 single signs, B=100 bulk)
import { count, sql } from 'drizzle-orm';
import { capturedMails } from '../db/schema';
import { ms, summarize } from './support';
import { machine, startVentanillaBench } from './ventanilla-support';

const N = Number(process.env.N ?? 100);
const BULK = Number(process.env.B ?? 100);

const bench = await startVentanillaBench();
const { sender, recipient, db } = bench;
const author = await bench.client(sender.people.professional.email);
const signer = await bench.client(sender.people.signer.email);

async function submitted(n: number, label: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = (await author.post('/api/ventanilla', { recipientUnitId: recipient.unitId, subject: `${label} ${i}`, body: 'Texto de la comunicación. '.repeat(40) })).body;
    const res = await author.post(`/api/ventanilla/${id}/submit`, { signerId: sender.people.signer.id });
    if (res.status !== 200) throw new Error(`submit ${res.status}`);
    ids.push(id);
  }
  return ids;
}
const mailsToRecipient = async () =>
  (await db.select({ n: count() }).from(capturedMails).where(sql`${recipient.people.professional.email} = ANY(${capturedMails.to})`))[0].n;

// Warm-up: bundles, caches, fonts.
for (const id of await submitted(5, 'Calentamiento')) await signer.post(`/api/ventanilla/${id}/sign`);

const single = await submitted(N, 'Firma');
const samples: number[] = [];
for (const id of single) {
  const t = performance.now();
  const res = await signer.post(`/api/ventanilla/${id}/sign`);
  samples.push(performance.now() - t);
  if (res.status !== 200 || res.body.status !== 'pending_reception') throw new Error(`sign ${res.status} ${JSON.stringify(res.body)}`);
}
const latency = summarize(samples);

const bulkIds = await submitted(BULK, 'Lote');
const mailsBefore = await mailsToRecipient();
const t = performance.now();
const bulk = await signer.post('/api/signature-tray/sign', { ids: bulkIds });
const bulkSeconds = (performance.now() - t) / 1000;
if (bulk.body.signed !== BULK) throw new Error(`bulk: ${JSON.stringify(bulk.body).slice(0, 500)}`);
while ((await mailsToRecipient()) < mailsBefore + BULK) await new Promise((r) => setTimeout(r, 50));
const bulkWithMail = (performance.now() - t) / 1000;

console.log(`
sign one communication (POST /api/ventanilla/:id/sign → Update, signed PDF, projection, notifications + emails), ${N} in a row
  p50 ${ms(latency.p50)}   p99 ${ms(latency.p99)}   max ${ms(latency.max)}
bulk sign of ${BULK} (POST /api/signature-tray/sign, one Update each, 4 in flight)
  response after ${bulkSeconds.toFixed(2)} s (${(BULK / bulkSeconds).toFixed(1)} signatures/s); every recipient email captured after ${bulkWithMail.toFixed(2)} s
  machine: ${machine()}
`);
await bench.stop();
process.exit(0);
