// The bulk-message workflow on the time-skipping server with its real activities (Postgres, the
// outbox, the capture SMTP server): the throttle's pace, and a cancel that stops the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { bulkMessageRecipients, bulkMessages, messages, personEmails, persons } from '../../db/schema';
import { bulkMessageProgressQuery, bulkMessageWorkflowId, cancelBulkMessageUpdate, type BulkMessageInput } from '../../workflows/bulk-message.definitions';
import type { bulkMessageWorkflow } from '../../workflows/bulk-message';
import { createOrganisation, mailsTo, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

let h: TimeSkippingHarness;
let org: TestOrganisation;

beforeAll(async () => {
  h = await createTimeSkippingHarness();
  org = await createOrganisation(h.database.db);
});
afterAll(async () => h?.stop());

/** n persons with an email each and a bulk email to them, as the API writes it. */
async function bulkEmail(n: number) {
  const db = h.database.db;
  const bulkId = randomUUID();
  const tag = uniqueSuffix();
  const addresses: string[] = [];
  await db.insert(bulkMessages).values({
    id: bulkId, organisationId: org.id, channel: 'email', subject: 'Aviso {{name}}', body: 'Hola {{name}}', source: 'selection',
    createdBy: org.users.professional.id, createdByName: org.users.professional.name, total: n, workflowId: bulkMessageWorkflowId(bulkId),
  });
  for (let i = 0; i < n; i++) {
    const [p] = await db.insert(persons).values({ organisationId: org.id, code: `P-${tag}-${i}`, firstName: `Persona${i}`, lastName: tag }).returning();
    const address = `bulk-${tag}-${i}@mail.test`;
    addresses.push(address);
    await db.insert(personEmails).values({ personId: p.id, organisationId: org.id, address, isPrimary: true });
    await db.insert(bulkMessageRecipients).values({ bulkId, personId: p.id, organisationId: org.id, position: i, address });
  }
  return { bulkId, addresses };
}

const input = (bulkId: string, total: number, perSecond: number): BulkMessageInput => ({ bulkId, organisationId: org.id, channel: 'email', total, perSecond });

describe('bulk-message workflow (time-skipping)', () => {
  it('keeps to 5 emails a second: 12 recipients take three batches and two waits of a second', async () => {
    const { bulkId, addresses } = await bulkEmail(12);
    let batches = 0;
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const handle = await h.env.client.workflow.start<typeof bulkMessageWorkflow>('bulkMessageWorkflow', {
        workflowId: bulkMessageWorkflowId(bulkId), taskQueue: h.taskQueue, args: [input(bulkId, 12, 5)],
      });
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'completed', sent: 12, failed: 0, pending: 0, total: 12 });
      const { startTime, closeTime } = await handle.describe();
      const took = closeTime!.getTime() - startTime.getTime();
      expect(took).toBeGreaterThanOrEqual(2000);
      const history = await handle.fetchHistory();
      const events = history.events ?? [];
      const batchStarts = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendBulkMessageBatch');
      batches = batchStarts.length;
      // The rate is kept (each batch starts about a second after the one before: the workflow paces by
      // its own clock, the server stamps the event when the task completes, a few ms apart) and nothing
      // waits more than that: two waits, not three. Wall-clock totals are not asserted: load stretches them.
      const at = batchStarts.map((e) => Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6));
      for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(900);
      expect(events.filter((e) => e.timerStartedEventAttributes).length).toBeLessThanOrEqual(2);
    });
    expect(batches).toBe(3);
    for (const [i, address] of addresses.entries()) {
      const mails = await mailsTo(h.database.db, address);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe(`Aviso Persona${i}`);
    }
    const [row] = await h.database.db.select().from(bulkMessages).where(eq(bulkMessages.id, bulkId));
    expect(row).toMatchObject({ status: 'completed', sent: 12, failed: 0 });
  });

  it('a cancel stops what is not sent yet and says how many went', async () => {
    const { bulkId, addresses } = await bulkEmail(10);
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const handle = await h.env.client.workflow.start<typeof bulkMessageWorkflow>('bulkMessageWorkflow', {
        workflowId: bulkMessageWorkflowId(bulkId), taskQueue: h.taskQueue, args: [input(bulkId, 10, 1)],
      });
      // Nobody awaits the result yet, so the test server does not skip the one-second waits.
      while ((await handle.query(bulkMessageProgressQuery)).position < 1) await new Promise((r) => setTimeout(r, 20));
      const cancelled = await handle.executeUpdate(cancelBulkMessageUpdate, { args: [{ by: org.users.professional.id }] });
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.sent).toBeGreaterThanOrEqual(1);
      expect(cancelled.sent).toBeLessThan(10);
      expect(cancelled.sent + cancelled.pending).toBe(10);
      const result = await handle.result();
      expect(result).toEqual(cancelled);
      await expect(handle.executeUpdate(cancelBulkMessageUpdate, { args: [{ by: org.users.professional.id }] })).rejects.toThrow();

      const sentMessages = await h.database.db.select().from(messages).where(and(eq(messages.ownerType, 'bulk_message'), eq(messages.ownerId, bulkId)));
      expect(sentMessages).toHaveLength(cancelled.sent);
      const notSent = await h.database.db.select().from(bulkMessageRecipients).where(and(eq(bulkMessageRecipients.bulkId, bulkId), eq(bulkMessageRecipients.status, 'not_sent')));
      expect(notSent).toHaveLength(cancelled.pending);
      let captured = 0;
      for (const address of addresses) captured += (await mailsTo(h.database.db, address)).length;
      expect(captured).toBe(cancelled.sent);
      const [row] = await h.database.db.select().from(bulkMessages).where(eq(bulkMessages.id, bulkId));
      expect(row.status).toBe('cancelled');
    });
  });

  it('continues as new every few recipients and still sends everyone exactly once', async () => {
    const { bulkId, addresses } = await bulkEmail(12);
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const handle = await h.env.client.workflow.start<typeof bulkMessageWorkflow>('bulkMessageWorkflow', {
        workflowId: bulkMessageWorkflowId(bulkId), taskQueue: h.taskQueue, args: [{ ...input(bulkId, 12, 5), recipientsPerRun: 5 }],
      });
      const firstRunId = handle.firstExecutionRunId;
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'completed', sent: 12, total: 12 });
      const last = await handle.describe();
      expect(last.runId).not.toBe(firstRunId);
    });
    for (const address of addresses) expect(await mailsTo(h.database.db, address)).toHaveLength(1);
  });
});
