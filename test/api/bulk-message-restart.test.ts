// A worker that dies in the middle of a bulk send, and another that takes over: every recipient
// gets exactly one email (0 duplicates, 0 missing), counted at the capture SMTP server.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { startTestSystem, type TestSystem } from '../support/api';
import { createOrganisation, mailsTo, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { testDataConverter } from '../support/payload-keys';

type Activities = ReturnType<typeof createActivities>;
type BatchInput = Parameters<Activities['sendBulkMessageBatch']>[0];

let sys: TestSystem;
let org: TestOrganisation;
let real: Activities;
let batches = 0;
let died: () => void;
const death = new Promise<void>((resolve) => (died = resolve));

beforeAll(async () => {
  sys = await startTestSystem({
    activities: (activities) => {
      real = activities;
      return {
        // The third batch sends half its recipients, then its worker dies before answering.
        async sendBulkMessageBatch(input: BatchInput) {
          if (++batches !== 3) return activities.sendBulkMessageBatch(input);
          await activities.sendBulkMessageBatch({ ...input, to: input.from + Math.floor((input.to - input.from) / 2) });
          died();
          throw new Error('worker died mid-batch');
        },
      };
    },
  });
  org = await createOrganisation(sys.database.db);
});
afterAll(async () => sys?.stop());

it('a worker restarted in the middle of a bulk send sends nobody twice and skips nobody', async () => {
  const admin = sys.client('es');
  await admin.login(org.users.admin.email, TEST_PASSWORD);
  expect((await admin.patch('/api/messaging/settings', { emailsPerSecond: 20 })).status).toBe(200);
  const tag = uniqueSuffix();
  const ids: string[] = [];
  const addresses: string[] = [];
  for (let i = 0; i < 100; i++) {
    const address = `restart-${tag}-${i}@mail.test`;
    const res = await admin.post('/api/persons', { firstName: `P${i}`, lastName: tag, email: address });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id);
    addresses.push(address);
  }
  const started = await admin.post('/api/messages/bulk', { channel: 'email', personIds: ids, subject: 'Reinicio', body: 'Hola {{name}}' });
  expect(started.status, JSON.stringify(started.body)).toBe(202);

  await death;
  await sys.worker!.shutdown();
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const second = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: sys.taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    dataConverter: testDataConverter(),
    activities: real,
  });
  const progress = await second.runUntil(async () => {
    for (let i = 0; i < 300; i++) {
      const res = await admin.get(`/api/messages/bulk/${started.body.id}`);
      if (res.body.status !== 'running') return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the bulk send did not finish');
  });
  await connection.close();
  expect(progress).toMatchObject({ status: 'completed', sent: 100, failed: 0, total: 100 });

  const counts = await Promise.all(addresses.map(async (a) => (await mailsTo(sys.database.db, a)).length));
  const duplicates = counts.filter((n) => n > 1).length;
  const missing = counts.filter((n) => n === 0).length;
  console.log(`[bulk restart] ${counts.reduce((a, b) => a + b, 0)} mails captured for 100 recipients: ${duplicates} duplicates, ${missing} missing`);
  expect({ duplicates, missing }).toEqual({ duplicates: 0, missing: 0 });
  expect(batches).toBe(3);
});
