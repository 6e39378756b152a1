// Signature tray listing with 10,000 communications awaiting one signer: the bulk is seeded
// straight into the projection tables (as the workflows would leave them), plus a few real
// communications made through the API and signed by the real workflow.
//   npm run bench:tray          (N=10000 PENDING rows, R=500 requests)
import { randomUUID } from 'node:crypto';
import { communications, communicationSigners } from '../db/schema';
import { registryNumber } from '../domain/ventanilla';
import { ventanillaWorkflowId } from '../workflows/ventanilla.definitions';
import { ms, summarize } from './support';
import { machine, startVentanillaBench } from './ventanilla-support';

const PENDING = Number(process.env.N ?? 10_000);
const REQUESTS = Number(process.env.R ?? 500);
const REAL = 20;

const bench = await startVentanillaBench();
const { db, sender, recipient } = bench;
const signer = bench.sender.people.signer;

// Other signers' pending rows too, so the index has to pick mine out of many.
const otherSigner = sender.people.admin;
const start = Date.now() - PENDING * 60_000;
for (let offset = 0; offset < PENDING * 2; offset += 1000) {
  const batch = Array.from({ length: Math.min(1000, PENDING * 2 - offset) }, (_, j) => {
    const i = offset + j;
    const id = randomUUID();
    return { id, i, mine: i % 2 === 0 };
  });
  await db.insert(communications).values(
    batch.map(({ id, i }) => ({
      id,
      organisationId: sender.id,
      senderUnitId: sender.unitId,
      authorId: sender.people.professional.id,
      registryNumber: registryNumber(2026, 100_000 + i),
      recipientUnitId: recipient.unitId,
      currentUnitId: recipient.unitId,
      subject: `Comunicación sembrada ${i}`,
      body: 'Texto',
      status: 'awaiting_signature' as const,
      signingMode: 'sequential' as const,
      submittedAt: new Date(start + i * 30_000),
      workflowId: ventanillaWorkflowId(id),
      projectionVersion: 2,
    })),
  );
  await db.insert(communicationSigners).values(
    batch.map(({ id, i, mine }) => ({
      communicationId: id,
      userId: mine ? signer.id : otherSigner.id,
      organisationId: sender.id,
      position: 1,
      name: mine ? signer.name : otherSigner.name,
      status: 'pending' as const,
      requestedAt: new Date(start + i * 30_000),
    })),
  );
}
await db.execute('ANALYZE communications; ANALYZE communication_signers' as never);

const author = await bench.client(sender.people.professional.email);
for (let i = 0; i < REAL; i++) {
  const { id } = (await author.post('/api/ventanilla', { recipientUnitId: recipient.unitId, subject: `Real ${i}`, body: 'Texto real' })).body;
  const res = await author.post(`/api/ventanilla/${id}/submit`, { signerId: signer.id });
  if (res.status !== 200) throw new Error(`submit ${res.status} ${JSON.stringify(res.body)}`);
}

const tray = await bench.client(signer.email);
const first = await tray.get('/api/signature-tray?pageSize=50');
if (first.status !== 200 || first.body.total !== PENDING + REAL) throw new Error(`tray: ${first.status} total ${first.body.total}`);
for (let i = 0; i < 30; i++) await tray.get('/api/signature-tray?pageSize=50');

const samples: number[] = [];
const deepSamples: number[] = [];
for (let i = 0; i < REQUESTS; i++) {
  let t = performance.now();
  const res = await tray.get('/api/signature-tray?pageSize=50');
  samples.push(performance.now() - t);
  if (res.status !== 200) throw new Error(String(res.status));
  t = performance.now();
  await tray.get(`/api/signature-tray?pageSize=50&page=${1 + (i % 200)}`);
  deepSamples.push(performance.now() - t);
}
const firstPage = summarize(samples);
const anyPage = summarize(deepSamples);
const plan = await bench.infra.database.sql.unsafe(
  `EXPLAIN ANALYZE SELECT * FROM communication_signers WHERE user_id = '${signer.id}' AND status = 'pending' ORDER BY requested_at LIMIT 50`,
);
console.log(`
signature tray (GET /api/signature-tray, in process: session, SQL, JSON), ${PENDING + REAL} pending for the signer
(${PENDING} seeded + ${REAL} real workflows) among ${PENDING * 2 + REAL} pending signatures; ${REQUESTS} requests each
  first page (50, oldest first)   p50 ${ms(firstPage.p50)}   p99 ${ms(firstPage.p99)}   max ${ms(firstPage.max)}
  pages 1..200 (offset paging)    p50 ${ms(anyPage.p50)}   p99 ${ms(anyPage.p99)}   max ${ms(anyPage.max)}
  plan of the tray query: ${plan.map((r) => Object.values(r)[0]).slice(0, 2).join(' | ')}
  machine: ${machine()}
`);
await bench.stop();
process.exit(0);
