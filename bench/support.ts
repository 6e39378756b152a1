// Infrastructure for benchmarks: the same real services as tests (embedded Postgres or a fresh
// database on DATABASE_URL's server, the Temporal dev server, the capture SMTP server).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { connectDatabase, type Database } from '../db/client';
import { startEmbeddedPostgres } from '../db/embedded';
import { migrateDatabase } from '../db/migrate';
import { cauceDataConverter } from '../platform/payload-codec';
import { startSmtpCapture } from '../platform/smtp-capture';
import { startTemporalDevServer } from '../platform/temporal-dev-server';
import { registerSearchAttributes, waitForTemporal } from '../platform/temporal';
import { freePort } from '../support/ports';

export interface BenchInfra {
  database: Database;
  databaseUrl: string;
  temporalAddress?: string;
  smtpUrl?: string;
  stop(): Promise<void>;
}

export async function startBenchInfra(options: { temporal?: boolean; smtp?: boolean } = {}): Promise<BenchInfra> {
  const root = mkdtempSync(join(tmpdir(), 'cauce-bench-'));
  chmodSync(root, 0o755);
  const stops: Array<() => Promise<void>> = [];
  let databaseUrl: string;
  if (process.env.DATABASE_URL) {
    const name = `cauce_bench_${randomBytes(4).toString('hex')}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    stops.push(async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
  } else {
    const pg = await startEmbeddedPostgres({ dataDir: join(root, 'pg'), port: await freePort() });
    databaseUrl = pg.url;
    stops.push(() => pg.stop());
  }
  // Seeding writes up to 100k rows in one statement: longer than the production timeout.
  const database = connectDatabase(databaseUrl, { max: 10, statementTimeoutMs: 0 });
  await migrateDatabase(database);
  stops.unshift(() => database.close());

  let temporalAddress: string | undefined;
  if (options.temporal) {
    const server = startTemporalDevServer({ dataDir: join(root, 'temporal'), port: await freePort(), namespace: 'default' });
    temporalAddress = server.address;
    const client = await waitForTemporal({ TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: 'default' });
    await registerSearchAttributes(client, 'default');
    await client.connection.close();
    stops.unshift(() => server.stop());
  }
  let smtpUrl: string | undefined;
  if (options.smtp) {
    const smtp = await startSmtpCapture(database.db, await freePort());
    smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
    stops.unshift(() => smtp.stop());
  }
  return {
    database,
    databaseUrl,
    temporalAddress,
    smtpUrl,
    async stop() {
      for (const stop of stops) await stop().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)];
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Runs `task` for each item with at most `concurrency` in flight. */
export async function pool<T>(items: T[], concurrency: number, task: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await task(items[i], i);
      }
    }),
  );
}

/** Benches encrypt payloads as production does (a fixed bench key, shared by forked workers). */
export const benchDataConverter = () => cauceDataConverter(`bench1:${Buffer.alloc(32, 9).toString('base64')}`)!;

/**
 * The HTTP API on a free local port, as the browser calls it, for benches that only read: its
 * Temporal client never connects. `session` signs a seeded user in and returns the cookie.
 */
export async function serveBenchApi(db: Database['db']) {
  const connection = await Connection.lazy({ address: '127.0.0.1:1' });
  const app = createApp({
    db,
    temporal: new Client({ connection }),
    config: { publicUrl: 'http://localhost', temporalUiUrl: '', temporalNamespace: 'default', taskQueue: 'bench', production: false, smsLive: false, mailCapture: false },
  });
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    async session(email: string, password = 'bench-password'): Promise<string> {
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      if (!login.ok) throw new Error(`login ${login.status}`);
      return login.headers.getSetCookie()[0].split(';')[0];
    },
    async close(): Promise<void> {
      server.close();
      await connection.close().catch(() => {});
    },
  };
}

/**
 * Times `run` once per input, one after another, after `warmup` untimed calls: p50, p99 and max,
 * and the mean of the counts `run` returns (matches, rows listed).
 */
export async function timeSequential<T>(inputs: T[], run: (input: T) => Promise<number>, warmup = 20) {
  for (const input of inputs.slice(0, warmup)) await run(input);
  const samples: number[] = [];
  let found = 0;
  for (const input of inputs) {
    const t = performance.now();
    found += await run(input);
    samples.push(performance.now() - t);
  }
  return { ...summarize(samples), meanHits: found / inputs.length };
}
