// "Estrai su file excel" of a priority list: the streamed XLSX of 50,000 workers (exceljs'
// WorkbookWriter, rows read by keyset in batches of 2,000) against two baselines in the same run:
// the same export of a 1,000-worker list, and a plain CSV of the same 50,000 rows. Time and the
// peak RSS above the start of each export (sampled every 5 ms) say whether memory stays flat.
//   npm run bench:priority-list-export        (WORKERS=50000 SMALL=1000 to change the sizes)
import { Writable } from 'node:stream';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { SessionUser } from '../api/context';
import { exportWorkersXlsx } from '../api/services/priority-lists';
import { organisations, persons, priorityListWorkers, priorityLists, users } from '../db/schema';
import { codiceFiscaleCheckCharacter } from '../domain/identity-documents';
import { startBenchInfra } from './support';

const WORKERS = Number(process.env.WORKERS ?? 50_000);
const SMALL = Number(process.env.SMALL ?? 1_000);

const infra = await startBenchInfra();
const { db } = infra.database;
const [org] = await db.insert(organisations).values({ name: 'Bench CPI', kind: 'cpi', timezone: 'Europe/Rome', locale: 'it' }).returning();
const [op] = await db.insert(users).values({ organisationId: org.id, email: 'bench-cpi@cauce.local', name: 'Operatore', roles: ['professional'], status: 'active', passwordHash: 'x' }).returning();
const user: SessionUser = { id: op.id, email: op.email, name: op.name, roles: ['professional'], organisationId: org.id, organisationName: org.name, organisationTimezone: 'Europe/Rome', organisationLocale: 'it', locale: 'it', localeChosen: true, permissions: [], sessionId: 'bench' };

const surnames = ['ROSSI', 'RUSSO', 'FERRARI', 'ESPOSITO', 'BIANCHI', 'ROMANO', 'COLOMBO', 'RICCI', 'MARINO', 'GRECO', 'BRUNO', 'GALLO', 'CONTI', 'DE LUCA', 'MANCINI'];
const names = ['MARIO', 'GIUSEPPE', 'ANNA', 'LAURA', 'FRANCESCO', 'GIULIA', 'ANTONIO', 'MARIA', 'LUCA', 'SARA'];
const provinces = ['BA', 'BT', 'BR', 'FG', 'LE', 'TA'];
const MONTHS = 'ABCDEHLMPRST';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function codiceFiscale(i: number, year: number, month: number, day: number): string {
  const letters = Array.from({ length: 6 }, (_, k) => LETTERS[Math.floor(i / 26 ** (k % 4)) % 26]).join('');
  const first15 = `${letters}${pad(year % 100)}${MONTHS[month - 1]}${pad(day)}A${pad(i % 1000, 3)}`;
  return first15 + codiceFiscaleCheckCharacter(first15);
}

async function seedList(size: number, label: string) {
  const [list] = await db.insert(priorityLists).values({ organisationId: org.id, name: `Mobilità ${label}`, workerCount: size, createdBy: op.id }).returning();
  for (let start = 0; start < size; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, size - start) }, (_, k) => {
      const i = start + k + (label === 'small' ? 10_000_000 : 0);
      const [year, month, day] = [1960 + (i % 40), (i % 12) + 1, (i % 28) + 1];
      return { i, cf: codiceFiscale(i, year, month, day), birthDate: `${year}-${pad(month)}-${pad(day)}`, firstName: names[i % names.length], lastName: surnames[(i * 7) % surnames.length] };
    });
    const inserted = await db
      .insert(persons)
      .values(batch.map((w) => ({ organisationId: org.id, code: `EXP-${w.i}`, firstName: w.firstName, lastName: w.lastName, documentId: w.cf, documentType: 'codice_fiscale', birthDate: w.birthDate })))
      .returning({ id: persons.id });
    await db.insert(priorityListWorkers).values(
      batch.map((w, k) => ({
        listId: list.id,
        organisationId: org.id,
        personId: inserted[k].id,
        line: start + k + 2,
        codiceFiscale: w.cf,
        firstName: w.firstName,
        lastName: w.lastName,
        birthDate: w.birthDate,
        province: provinces[w.i % provinces.length],
        benefit: w.i % 3 === 0 ? 'NASpI' : null,
        ...(w.i % 5 === 0 ? { verificationOutcome: 'eligible' as const, verificationNote: 'Verificato al telefono', verifiedAt: new Date(), verifiedBy: op.id } : {}),
      })),
    );
  }
  return list.id;
}

/** A sink that counts bytes and drains slowly enough to exercise backpressure, like a network. */
function sink() {
  let bytes = 0;
  const stream = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      setImmediate(done);
    },
  });
  return { stream, bytes: () => bytes };
}

const gc = (globalThis as { gc?: () => void }).gc;
/** What is really held: heap, Buffers and ArrayBuffers, right after a full collection. */
const live = () => {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

async function measure(label: string, run: (out: Writable) => Promise<unknown>) {
  const baseLive = live();
  const base = process.memoryUsage().rss;
  let peak = base;
  let peakLive = baseLive;
  const rssTimer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  // Every second, a full collection first: garbage not yet collected is not "held".
  const liveTimer = setInterval(() => (peakLive = Math.max(peakLive, live())), 1000);
  const out = sink();
  const finished = new Promise((resolve) => out.stream.on('finish', resolve));
  const t0 = performance.now();
  await run(out.stream);
  await finished;
  const elapsed = performance.now() - t0;
  clearInterval(rssTimer);
  clearInterval(liveTimer);
  const result = { label, ms: elapsed, peakMb: (peak - base) / 2 ** 20, liveMb: (peakLive - baseLive) / 2 ** 20, kb: out.bytes() / 1024 };
  console.log(
    `${label.padEnd(34)} ${elapsed.toFixed(0).padStart(7)} ms   peak RSS +${result.peakMb.toFixed(1).padStart(6)} MB   peak held +${result.liveMb.toFixed(1).padStart(5)} MB   ${(result.kb / 1024).toFixed(2)} MB written`,
  );
  return result;
}

/** The same rows as a plain CSV written straight from the same keyset batches (no XLSX, no zip). */
async function exportCsv(listId: string, out: Writable) {
  let after = 0;
  out.write('codice_fiscale;cognome;nome;data_nascita;provincia;beneficio;verifica\n');
  for (;;) {
    const rows = await db.select().from(priorityListWorkers).where(and(eq(priorityListWorkers.listId, listId), gt(priorityListWorkers.line, after))).orderBy(asc(priorityListWorkers.line)).limit(2000);
    for (const r of rows) {
      if (!out.write(`${r.codiceFiscale};${r.lastName};${r.firstName};${r.birthDate};${r.province};${r.benefit ?? ''};${r.verificationOutcome ?? ''}\n`)) await new Promise((res) => out.once('drain', res));
    }
    if (rows.length < 2000) break;
    after = rows[rows.length - 1].line;
  }
  out.end();
}

console.log(`seeding ${WORKERS.toLocaleString('en')} + ${SMALL.toLocaleString('en')} workers…`);
const bigId = await seedList(WORKERS, 'big');
const smallId = await seedList(SMALL, 'small');
await infra.database.sql`VACUUM ANALYZE priority_list_workers`;

// Warm-up (module loading, JIT, connection pool) outside the figures.
await measure('warm-up (small XLSX)', (out) => exportWorkersXlsx(db, user, smallId, {}, 'it', out));
const small = await measure(`XLSX ${SMALL.toLocaleString('en')} workers (baseline)`, (out) => exportWorkersXlsx(db, user, smallId, {}, 'it', out));
const big = await measure(`XLSX ${WORKERS.toLocaleString('en')} workers`, (out) => exportWorkersXlsx(db, user, bigId, {}, 'it', out));
const csv = await measure(`CSV ${WORKERS.toLocaleString('en')} workers (baseline)`, (out) => exportCsv(bigId, out));
console.log('');
console.log(`XLSX ${WORKERS}/${SMALL}: time ×${(big.ms / small.ms).toFixed(1)} for ×${(WORKERS / SMALL).toFixed(0)} rows; peak held ×${(big.liveMb / Math.max(small.liveMb, 0.1)).toFixed(1)} (+${big.liveMb.toFixed(1)} MB vs +${small.liveMb.toFixed(1)} MB); peak RSS +${big.peakMb.toFixed(1)} MB vs +${small.peakMb.toFixed(1)} MB`);
console.log(`XLSX vs CSV of the same ${WORKERS} rows: time ×${(big.ms / csv.ms).toFixed(1)}; peak held +${big.liveMb.toFixed(1)} MB vs +${csv.liveMb.toFixed(1)} MB`);
console.log(`throughput: ${((WORKERS / big.ms) * 1000).toFixed(0)} rows/s XLSX`);
await infra.stop();
