// The real API (Hono app) over real Postgres and the real Temporal dev server, with a worker on
// a task queue of its own, and a small client that keeps the session cookie like a browser.
import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import type { AppConfig } from '../../api/context';
import { createActivities } from '../../activities';
import type { CertificateStore } from '../../platform/certificates';
import { connectDatabase, type Database } from '../../db/client';
import { createMailer } from '../../platform/mailer';
import { createOutbox, startOutboxDispatcher, type Outbox, type OutboxPolicy } from '../../platform/outbox';
import { createSmsSender } from '../../platform/sms';
import { createMessageService } from '../../platform/messages';
import { createSmsGateway, type SmsGateway, type TwilioGatewayConfig } from '../../platform/sms-gateway';
import { uniqueSuffix } from './fixtures';
import { testDataConverter } from './payload-keys';
import { ApiClient } from '../../support/api-client';

export interface TestSystem {
  database: Database;
  temporal: Client;
  app: ReturnType<typeof createApp>;
  worker?: Worker;
  taskQueue: string;
  /** The worker's outbox, on a queue of this system's own (its dispatcher runs with the worker). */
  outbox: Outbox;
  config: AppConfig;
  payloadCodec: PayloadCodec;
  client(locale?: string): ApiClient;
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  uiDir?: string;
  publicUrl?: string;
  withWorker?: boolean;
  /** Another SMTP server than the shared capture (one that refuses, in outbox tests). */
  smtpUrl?: string;
  smtpTimeoutMs?: number;
  outboxPolicy?: Partial<OutboxPolicy>;
  /** Activities replaced or wrapped, as in test/support/time-skipping.ts. */
  activities?: (real: ReturnType<typeof createActivities>) => Record<string, (...args: any[]) => unknown>;
  /** A database connection of the test's own (one with short timeouts, through a proxy). */
  database?: Database;
  /** Organisations' signing certificates (PAdES); none without. */
  certificates?: CertificateStore;
  /** Twilio (a local fake's URL in apiUrl) for people's SMS; simulated without. */
  twilio?: TwilioGatewayConfig;
}

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const database = options.database ?? connectDatabase(inject('databaseUrl'), { max: 5 });
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const dataConverter = testDataConverter();
  const temporal = new Client({ connection, namespace: 'default', dataConverter });
  const taskQueue = `test-${uniqueSuffix()}`;
  const mailer = createMailer({ smtpUrl: options.smtpUrl ?? inject('smtpUrl'), from: 'Cauce <no-reply@test.cauce.local>', timeoutMs: options.smtpTimeoutMs });
  // Its own queue: another file's dispatcher must not send this file's mail through another SMTP server.
  const outbox = createOutbox({ db: database.db, mailer, queue: taskQueue, policy: options.outboxPolicy });
  const publicUrl = options.publicUrl ?? 'http://localhost:3000';
  const config: AppConfig = {
    publicUrl,
    temporalUiUrl: 'http://localhost:8233',
    temporalNamespace: 'default',
    taskQueue,
    production: false,
    smsLive: false,
    mailCapture: true,
    // Tests play the proxy: each sets X-Forwarded-For to act as a client of its own.
    trustProxy: true,
  };
  const smsGateway: SmsGateway = createSmsGateway(options.twilio ?? null);
  if (options.twilio) config.smsLive = true;
  const messaging = { service: createMessageService({ db: database.db, outbox, sms: smsGateway, publicUrl }), twilioAuthToken: options.twilio?.authToken };
  const app = createApp({ db: database.db, temporal, config, payloadCodec: dataConverter.payloadCodecs![0], messaging, outbox }, { uiDir: options.uiDir });
  const nativeConnection = options.withWorker === false ? undefined : await NativeConnection.connect({ address: inject('temporalAddress') });
  const activities = createActivities({ db: database.db, outbox, sms: createSmsSender(database.db, null), messages: messaging.service, certificates: options.certificates, publicUrl });
  const worker = nativeConnection
    ? await Worker.create({
        connection: nativeConnection,
        namespace: 'default',
        taskQueue,
        workflowBundle: { codePath: inject('workflowBundlePath') },
        dataConverter,
        activities: { ...activities, ...options.activities?.(activities) },
      })
    : undefined;
  const running = worker ? worker.run() : Promise.resolve();
  // As in launch/worker-main.ts: the worker process also dispatches the outbox.
  const dispatcher = worker ? await startOutboxDispatcher(outbox, { sql: database.sql }) : undefined;
  return {
    database,
    temporal,
    app,
    worker,
    taskQueue,
    outbox,
    config,
    payloadCodec: dataConverter.payloadCodecs![0],
    client: (locale = 'es') => new ApiClient(app, locale),
    async stop() {
      // A test may have stopped its worker already (one that restarts it midway).
      if (worker?.getState() === 'RUNNING') worker.shutdown();
      await running;
      await dispatcher?.stop();
      await nativeConnection?.close();
      await connection.close();
      mailer.close();
      await database.close();
    },
  };
}

export { ApiClient, type ApiResponse } from '../../support/api-client';
