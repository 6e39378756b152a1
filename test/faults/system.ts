// Cauce in the production shape for the fault suite: the API and the worker as separate
// processes (as `npm run api` and `npm run worker`), a PostgreSQL of its own that can be paused,
// a Temporal dev server that can be stopped and started on the same data, and an SMTP server
// that can refuse with 451 the way greylisting servers answer on first contact.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { connectDatabase, type Database } from '../../db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded';
import { migrateDatabase } from '../../db/migrate';
import { projectRoot, workflowsEntry } from '../../platform/paths';
import { startTemporalDevServer, type DevServer } from '../../platform/temporal-dev-server';
import { registerSearchAttributes, waitForTemporal } from '../../platform/temporal';
import { freePort } from '../support/ports';
import { TEST_PAYLOAD_KEYS, testDataConverter } from '../support/payload-keys';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  at: number;
}

export interface FaultSystem {
  baseUrl: string;
  database: Database;
  temporal: () => Client;
  bundlePath: string;
  taskQueue: string;
  mails: ReceivedMail[];
  /** SMTP refusals (451) answered so far. */
  refusals: () => number;
  killWorker(): void;
  startWorker(): Promise<void>;
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  pausePostgres(): void;
  resumePostgres(): void;
  refuseSmtpFor(ms: number): void;
  log(line: string): void;
  stop(): Promise<void>;
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };

/** Every process of the embedded cluster: the postmaster and its backends. */
function postgresPids(dataDir: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => Boolean(m))
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const master = rows.find((r) => r.args.includes(dataDir) && /postgres/.test(r.args));
  if (!master) throw new Error(`no postgres process for ${dataDir}`);
  return [master.pid, ...rows.filter((r) => r.ppid === master.pid).map((r) => r.pid)];
}

export async function startFaultSystem(options: { env?: Record<string, string> } = {}): Promise<FaultSystem> {
  const dataRoot = mkdtempSync(join(tmpdir(), 'cauce-faults-'));
  chmodSync(dataRoot, 0o755);
  const logLines: string[] = [];
  const log = (line: string) => {
    logLines.push(`${new Date().toISOString()} ${line}`);
    if (process.env.FAULTS_VERBOSE) console.log(line);
  };

  const pgDir = join(dataRoot, 'pg');
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir: pgDir, port: await freePort() });
  const database = connectDatabase(embedded.url, { max: 4 });
  await migrateDatabase(database);

  const temporalPort = await freePort();
  let temporalServer: DevServer | undefined;
  let client: Client | undefined;
  const startTemporal = async () => {
    temporalServer = startTemporalDevServer({ dataDir: join(dataRoot, 'temporal'), port: temporalPort, namespace: 'default', onOutput: (l) => log(`[temporal] ${l}`) });
    const probe = await waitForTemporal({ TEMPORAL_ADDRESS: temporalServer.address, TEMPORAL_NAMESPACE: 'default' });
    await registerSearchAttributes(probe, 'default');
    await probe.connection.close();
  };
  await startTemporal();
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  const connection = await Connection.connect({ address: temporalAddress });
  client = new Client({ connection, dataConverter: testDataConverter() });

  // SMTP: keeps what it accepts in memory; refuses with 451 while asked to.
  const mails: ReceivedMail[] = [];
  let refuseUntil = 0;
  let refusals = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (Date.now() < refuseUntil) {
        refusals++;
        const err = new Error('4.7.1 Greylisted, please try again later') as Error & { responseCode: number };
        err.responseCode = 451;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? '', text: mail.text ?? '', at: Date.now() });
          callback();
        })
        .catch(callback);
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', () => resolve()));

  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsEntry, logger: quiet });
  const bundlePath = join(dataRoot, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);

  const apiPort = await freePort();
  const taskQueue = `faults-${apiPort}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'development',
    DEMO_SEED: 'false',
    PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    DATABASE_URL: embedded.url,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_KEYS,
    WORKFLOW_BUNDLE_PATH: bundlePath,
    ...options.env,
  };
  const spawnChild = (name: string, script: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, script)], { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: projectRoot });
    const forward = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((l) => log(`[${name}] ${l}`));
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    return child;
  };
  const waitForLine = (child: ChildProcess, pattern: RegExp, timeoutMs = 90_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        if (pattern.test(chunk.toString())) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (c) => reject(new Error(`exited with ${c} before ${pattern}`)));
    });

  let worker: ChildProcess | undefined;
  const startWorker = async () => {
    worker = spawnChild('worker', 'launch/worker-main.ts');
    await waitForLine(worker, /worker polling/);
  };
  const api = spawnChild('api', 'launch/api-main.ts');
  await Promise.all([waitForLine(api, /API on http/), startWorker()]);

  let pgPaused: number[] = [];
  const resumePostgres = () => {
    for (const pid of pgPaused) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // a backend that ended meanwhile
      }
    }
    pgPaused = [];
    log('[faults] PostgreSQL resumed');
  };
  return {
    baseUrl: `http://127.0.0.1:${apiPort}`,
    database,
    temporal: () => client!,
    bundlePath,
    taskQueue,
    mails,
    refusals: () => refusals,
    log,
    killWorker() {
      worker?.kill('SIGKILL');
      log('[faults] worker killed (SIGKILL)');
    },
    startWorker,
    async stopTemporal() {
      await temporalServer?.stop();
      log('[faults] Temporal server stopped');
    },
    async startTemporal() {
      await startTemporal();
      log('[faults] Temporal server started');
    },
    pausePostgres() {
      pgPaused = postgresPids(join(pgDir, 'postgres'));
      for (const pid of pgPaused) process.kill(pid, 'SIGSTOP');
      log(`[faults] PostgreSQL paused (${pgPaused.length} processes)`);
    },
    resumePostgres,
    refuseSmtpFor(ms: number) {
      refuseUntil = Date.now() + ms;
      log(`[faults] SMTP answers 451 for ${ms} ms`);
    },
    async stop() {
      if (pgPaused.length) resumePostgres();
      for (const child of [api, worker]) {
        if (child && child.exitCode === null) {
          child.kill('SIGTERM');
          await new Promise((r) => { child.once('exit', r); setTimeout(r, 15_000); });
        }
      }
      await client?.connection.close().catch(() => undefined);
      await new Promise<void>((r) => smtp.close(() => r()));
      await database.close();
      await temporalServer?.stop();
      await embedded.stop();
      if (process.env.FAULTS_KEEP) console.log(`[faults] data kept in ${dataRoot}; log:\n${logLines.slice(-200).join('\n')}`);
      else rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

