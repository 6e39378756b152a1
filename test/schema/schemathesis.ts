// `npm run test:schema`: schemathesis against the real system, signed in as an admin, looking for
// server errors. The system runs as `npm start` runs it (launch/start.ts: embedded PostgreSQL
// or a fresh database on DATABASE_URL's server, the Temporal dev server, the SMTP capture, the
// worker and the API as separate processes) on free ports and a throwaway data folder.
// Exits non-zero on any 5xx. SCHEMATHESIS_MAX_EXAMPLES bounds the cases per operation.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { connectDatabase } from '../../db/client';
import { projectRoot } from '../../platform/paths';
import { createOrganisation, TEST_PASSWORD } from '../support/fixtures';
import { freePort } from '../support/ports';

const log = (msg: string) => console.log(`[schema] ${msg}`);
const MAX_EXAMPLES = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 15);

function schemathesisPath(): string {
  const path = process.env.SCHEMATHESIS_PATH ?? join(projectRoot, '.tools', 'venv', 'bin', 'schemathesis');
  if (!existsSync(path)) throw new Error(`${path} not found: run "node scripts/install-tools.mjs" (it installs schemathesis from PyPI into .tools/venv)`);
  return path;
}

/** A fresh database on the given server, dropped at the end, like the test set-up does. */
async function freshDatabase(serverUrl: string) {
  const name = `cauce_schema_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function waitForHealth(url: string, launcher: ChildProcess, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (launcher.exitCode !== null) throw new Error(`the system stopped while starting (exit ${launcher.exitCode})`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} was not healthy within ${ms / 1000} s`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}

async function main(): Promise<number> {
  const schemathesis = schemathesisPath();
  const dataDir = mkdtempSync(join(tmpdir(), 'cauce-schema-'));
  // As root, embedded Postgres runs as `postgres`, which must be able to enter this folder.
  chmodSync(dataDir, 0o755);
  const fresh = process.env.DATABASE_URL ? await freshDatabase(process.env.DATABASE_URL) : undefined;
  const [port, pgPort, temporalPort, uiPort, smtpPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const publicUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    PG_PORT: String(pgPort),
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_DEV_SERVER: 'true',
    TEMPORAL_UI_PORT: String(uiPort),
    SMTP_CAPTURE_PORT: String(smtpPort),
    DEMO_SEED: 'false',
  };
  delete env.SMTP_URL;
  if (fresh) env.DATABASE_URL = fresh.url;
  else delete env.DATABASE_URL;

  const started = Date.now();
  log(`starting the system on ${publicUrl} (data in ${dataDir})`);
  const launcher = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'launch/start.ts')], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString());
  launcher.stdout?.on('data', keep);
  launcher.stderr?.on('data', keep);
  try {
    await waitForHealth(`${publicUrl}/api/health`, launcher, 180_000);
    log(`system ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // What launch/start.ts gives its processes (db/embedded.ts).
    const databaseUrl = fresh?.url ?? `postgres://cauce:cauce@127.0.0.1:${pgPort}/cauce`;
    const database = connectDatabase(databaseUrl, { max: 1 });
    const org = await createOrganisation(database.db);
    await database.close();
    const login = await fetch(`${publicUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: publicUrl },
      body: JSON.stringify({ email: org.users.admin.email, password: TEST_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    const reportDir = join(dataDir, 'report');
    const args = [
      'run', `${publicUrl}/api/openapi.json`,
      '--header', `Cookie: ${cookie}`,
      '--header', `Origin: ${publicUrl}`,
      // Logging out would end the session every other case runs with.
      '--exclude-path', '/api/auth/logout',
      '--checks', 'not_a_server_error',
      '--max-examples', String(MAX_EXAMPLES),
      '--phases', 'examples,coverage,fuzzing',
      // One worker: Python 3.11's compile() is not thread-safe (SystemError "AST constructor
      // recursion depth mismatch" while hypothesis describes a strategy), which two workers hit.
      '--workers', '1',
      '--seed', process.env.SCHEMATHESIS_SEED ?? '8',
      '--request-timeout', '30',
      '--suppress-health-check', 'all',
      '--report', 'ndjson',
      '--report-dir', reportDir,
      '--no-color',
    ];
    const fuzzStarted = Date.now();
    log(`schemathesis ${args.map((a) => (a.startsWith('Cookie') ? 'Cookie: [filtered]' : a)).join(' ')}`);
    // Run from the throwaway folder: schemathesis keeps its example database in ./.schemathesis.
    const run = spawnSync(schemathesis, args, { cwd: dataDir, stdio: 'inherit', env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    const seconds = ((Date.now() - fuzzStarted) / 1000).toFixed(1);
    const requests = countRequests(reportDir);
    log(`schemathesis made ${requests ?? 'an unknown number of'} requests in ${seconds} s (whole run ${((Date.now() - started) / 1000).toFixed(1)} s); exit ${run.status}`);
    if (process.env.SCHEMATHESIS_REPORT_DIR) cpSync(reportDir, process.env.SCHEMATHESIS_REPORT_DIR, { recursive: true });
    return run.status ?? 1;
  } catch (err) {
    console.error(output.join('').split('\n').slice(-40).join('\n'));
    throw err;
  } finally {
    await stop(launcher);
    await fresh?.drop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Requests sent, from schemathesis's NDJSON events (each interaction is one request and its response). */
function countRequests(reportDir: string): number | undefined {
  const name = existsSync(reportDir) ? readdirSync(reportDir).find((f) => f.endsWith('.ndjson')) : undefined;
  if (!name) return undefined;
  return (readFileSync(join(reportDir, name), 'utf8').match(/"status_code":/g) ?? []).length;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[schema] ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
