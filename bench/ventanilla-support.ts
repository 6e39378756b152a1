// Shared set-up of the ventanilla benchmarks: the real services, a worker with the real
// activities, the app in process, and two organisations with their units and users.
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createApp } from '../api/app';
import { organisations, users } from '../db/schema';
import { ensureDefaultUnit } from '../db/units';
import { createMailer } from '../platform/mailer';
import { createOutbox } from '../platform/outbox';
import { projectRoot } from '../platform/paths';
import { createSmsSender } from '../platform/sms';
import { ApiClient } from '../support/api-client';
import { startBenchInfra, benchDataConverter } from './support';

export const PASSWORD = 'bench-password';

export async function startVentanillaBench() {
  const infra = await startBenchInfra({ temporal: true, smtp: true });
  const { db } = infra.database;
  const native = await NativeConnection.connect({ address: infra.temporalAddress! });
  const connection = await Connection.connect({ address: infra.temporalAddress! });
  const temporal = new Client({ connection, dataConverter: benchDataConverter() });
  const mailer = createMailer({ smtpUrl: infra.smtpUrl!, from: 'bench@cauce.local' });
  const publicUrl = 'http://localhost:3000';
  const worker = await Worker.create({
    dataConverter: benchDataConverter(),
    connection: native,
    taskQueue: 'bench-ventanilla',
    workflowsPath: join(projectRoot, 'workflows/index.ts'),
    activities: createActivities({ db, outbox: createOutbox({ db, mailer }), sms: createSmsSender(db, null), publicUrl }),
  });
  const running = worker.run();
  const app = createApp({
    db,
    temporal,
    config: { publicUrl, temporalUiUrl: '', temporalNamespace: 'default', taskQueue: 'bench-ventanilla', production: false, smsLive: false, mailCapture: true },
  });
  const passwordHash = await hash(PASSWORD);
  async function organisation(name: string) {
    const [org] = await db.insert(organisations).values({ name, kind: 'social_services' }).returning();
    const people: Record<string, { id: string; email: string; name: string }> = {};
    for (const role of ['professional', 'signer', 'admin']) {
      const email = `${role}@${org.id.slice(0, 8)}.bench`;
      const [u] = await db.insert(users).values({ organisationId: org.id, email, name: `${role} ${name}`, roles: [role], status: 'active', passwordHash }).returning();
      people[role] = { id: u.id, email, name: u.name };
    }
    const unit = await ensureDefaultUnit(db, org.id, Object.values(people).map((p) => p.id));
    return { id: org.id, unitId: unit.id, people };
  }
  const sender = await organisation('Servicios Sociales Bench');
  const recipient = await organisation('CPI Bench');
  const client = async (email: string) => {
    const c = new ApiClient(app, 'es');
    await c.login(email, PASSWORD);
    return c;
  };
  return {
    infra,
    db,
    app,
    sender,
    recipient,
    client,
    async stop() {
      worker.shutdown();
      await running;
      mailer.close();
      await connection.close();
      await native.close();
      await infra.stop();
    },
  };
}

export const machine = () =>
  `Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, embedded Postgres, Temporal dev server (SQLite)`;
