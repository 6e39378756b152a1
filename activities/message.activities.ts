// Bulk sends' activities: each batch hands its recipients to the message service, keyed by
// (bulk, recipient), so a batch run again after a crash or a retry finds what it had done.
import { and, asc, count, eq, gte, lt, sql } from 'drizzle-orm';
import { bulkMessageRecipients, bulkMessages, messages, persons } from '../db/schema';
import type { BulkMessageStatus } from '../db/schema';
import type { MessageDraft, MessageRow } from '../platform/messages';
import { fillPlaceholders } from '../domain/messages';
import { nonRetryableDataErrors } from './data-errors';
import type { ActivityDeps } from './deps';

export const FAILED_MESSAGE_STATUSES = ['failed', 'bounced', 'undelivered'] as const;
export const SENT_MESSAGE_STATUSES = ['sent', 'delivered', 'simulated'] as const;

/** The message service refuses an SMS the organisation may not send (module off, no balance). */
const isSmsNotAllowed = (err: unknown) => ['sms_disabled', 'sms_balance_exhausted'].includes((err as { code?: string } | null)?.code ?? '');

export function createMessageActivities({ db, messages: messageService }: Pick<ActivityDeps, 'db' | 'messages'>) {
  // The message service is an adapter like the outbox: the worker builds it and hands it over.
  const service = {
    sendMany: (drafts: MessageDraft[]) => required().sendMany(drafts),
    send: (draft: MessageDraft) => required().send(draft),
  };
  function required() {
    if (!messageService) throw new Error('activities need the message service (ActivityDeps.messages) to send bulk messages');
    return messageService;
  }

  /** How many of a bulk send's messages went and failed: what its projection and report say. */
  async function tally(bulkId: string, range?: { from: number; to: number }) {
    const [row] = await db
      .select({
        sent: sql<number>`count(*) FILTER (WHERE ${messages.status} IN ('sent', 'delivered', 'simulated'))::int`,
        failed: sql<number>`(count(*) FILTER (WHERE ${messages.status} IN ('failed', 'bounced', 'undelivered')) + count(*) FILTER (WHERE ${bulkMessageRecipients.status} = 'done' AND ${messages.id} IS NULL))::int`,
      })
      .from(bulkMessageRecipients)
      .leftJoin(messages, eq(messages.id, bulkMessageRecipients.messageId))
      .where(
        and(
          eq(bulkMessageRecipients.bulkId, bulkId),
          range ? and(gte(bulkMessageRecipients.position, range.from), lt(bulkMessageRecipients.position, range.to)) : sql`${bulkMessageRecipients.position} IS NOT NULL`,
        ),
      );
    return { sent: row?.sent ?? 0, failed: row?.failed ?? 0 };
  }

  async function runningOf(organisationId: string, channel: 'email' | 'sms') {
    const [row] = await db
      .select({ n: count() })
      .from(bulkMessages)
      .where(and(eq(bulkMessages.organisationId, organisationId), eq(bulkMessages.channel, channel), eq(bulkMessages.status, 'running')));
    return { running: Math.max(1, row?.n ?? 1) };
  }

  return nonRetryableDataErrors({
    /** Bulk sends of this channel running in the organisation: they share its throttle. */
    async runningBulkMessages(input: { organisationId: string; channel: 'email' | 'sms' }): Promise<{ running: number }> {
      return runningOf(input.organisationId, input.channel);
    },

    /** Sends to the recipients at positions [from, to): each once, whatever ran before. */
    async sendBulkMessageBatch(input: { bulkId: string; from: number; to: number; sentBefore?: number; failedBefore?: number }): Promise<{ sent: number; failed: number; running: number }> {
      const [bulk] = await db.select().from(bulkMessages).where(eq(bulkMessages.id, input.bulkId));
      if (!bulk) return { sent: 0, failed: 0, running: 1 };
      const recipients = await db
        .select({ personId: bulkMessageRecipients.personId, address: bulkMessageRecipients.address, firstName: persons.firstName, lastName: persons.lastName, code: persons.code })
        .from(bulkMessageRecipients)
        .innerJoin(persons, eq(persons.id, bulkMessageRecipients.personId))
        .where(
          and(
            eq(bulkMessageRecipients.bulkId, bulk.id),
            eq(bulkMessageRecipients.status, 'pending'),
            gte(bulkMessageRecipients.position, input.from),
            lt(bulkMessageRecipients.position, input.to),
          ),
        )
        .orderBy(asc(bulkMessageRecipients.position));
      const organisationName = await db.execute<{ name: string }>(sql`SELECT name FROM organisations WHERE id = ${bulk.organisationId}`);
      const drafts: MessageDraft[] = recipients.map((r) => {
        const values = { name: r.firstName ?? r.code, surname: r.lastName ?? '', professional: bulk.createdByName, organisation: organisationName[0]?.name ?? '' };
        return {
          idempotencyKey: `bulk:${bulk.id}:${r.personId}`,
          organisationId: bulk.organisationId,
          personId: r.personId,
          ownerType: 'bulk_message',
          ownerId: bulk.id,
          channel: bulk.channel,
          address: r.address!,
          subject: bulk.subject === null ? null : fillPlaceholders(bulk.subject, values),
          body: fillPlaceholders(bulk.body, values),
          sentBy: bulk.createdBy,
          sentByName: bulk.createdByName,
        };
      });
      const done: Array<{ personId: string; messageId: string | null; reason?: string }> = [];
      if (bulk.channel === 'email') {
        const rows = await service.sendMany(drafts);
        rows.forEach((row, i) => done.push({ personId: drafts[i].personId, messageId: row.id }));
      } else {
        // One by one: an exhausted balance stops only the recipients it cannot pay for.
        for (const draft of drafts) {
          let row: MessageRow | null = null;
          try {
            row = await service.send(draft);
          } catch (err) {
            if (!isSmsNotAllowed(err)) throw err;
            done.push({ personId: draft.personId, messageId: null, reason: (err as { code: string }).code });
            continue;
          }
          done.push({ personId: draft.personId, messageId: row.id });
        }
      }
      if (done.length) {
        const values = sql.join(done.map((d) => sql`(${d.personId}, ${d.messageId}, ${d.reason ?? null})`), sql`, `);
        await db.execute(sql`UPDATE bulk_message_recipients r SET status = 'done', message_id = v.message_id, reason = v.reason
          FROM (VALUES ${values}) AS v(person_id, message_id, reason)
          WHERE r.bulk_id = ${bulk.id} AND r.person_id = v.person_id`);
      }
      const batch = await tally(bulk.id, input);
      // The projection from the workflow's totals before this batch: the same numbers on a retry.
      await db
        .update(bulkMessages)
        .set({ sent: (input.sentBefore ?? 0) + batch.sent, failed: (input.failedBefore ?? 0) + batch.failed })
        .where(eq(bulkMessages.id, bulk.id));
      const { running } = await runningOf(bulk.organisationId, bulk.channel);
      return { ...batch, running };
    },

    /** The projection's end: status, final counts, and who will not get it after a cancel. */
    async finishBulkMessage(input: { bulkId: string; status: BulkMessageStatus; sent: number; failed: number; runId: string }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(bulkMessageRecipients)
          .set({ status: 'not_sent', reason: 'cancelled' })
          .where(and(eq(bulkMessageRecipients.bulkId, input.bulkId), eq(bulkMessageRecipients.status, 'pending')));
        const overall = await tally(input.bulkId);
        await tx
          .update(bulkMessages)
          .set({ status: input.status, sent: overall.sent, failed: overall.failed, finishedAt: sql`coalesce(${bulkMessages.finishedAt}, now())` })
          .where(eq(bulkMessages.id, input.bulkId));
      });
    },
  });
}

