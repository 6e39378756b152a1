// The one way Cauce talks to people: every email or SMS to a person is a `messages` row first,
// linked to the person and to the case or process that sent it, then handed over once.
// Email goes through the outbox (at least once, de-duplicated by the message's id, retried with
// backoff; a trigger keeps the message's status in step with its outbox row). SMS goes to the
// gateway after the attempt is recorded, so a retry after an unknown outcome looks the first one
// up at Twilio instead of sending it again.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbLike } from '../db/client';
import { messages, messageStatusChanges, messagingSettings, smsBalanceChanges, type MessageChannel, type MessageStatus } from '../db/schema';
import { DEFAULT_EMAILS_PER_SECOND, DEFAULT_SMS_PER_SECOND } from '../domain/messages';
import { countSmsSegments } from '../domain/sms-segments';
import type { Enqueued, Outbox, OutboxAttachment } from './outbox';
import { SmsRefused, type SmsGateway } from './sms-gateway';

export const TWILIO_STATUS_CALLBACK_PATH = '/api/webhooks/twilio/status';

export interface MessageDraft {
  /** Unique for what is said to whom (a request's key, a bulk send and a recipient…). */
  idempotencyKey: string;
  organisationId: string;
  personId: string;
  ownerType?: string;
  ownerId?: string;
  channel: MessageChannel;
  address: string;
  subject?: string | null;
  body: string;
  sentBy?: string | null;
  sentByName?: string | null;
  /** Email only: files sent with it (a PDF the person is given). */
  attachments?: OutboxAttachment[];
}

export type MessageRow = typeof messages.$inferSelect;

/** Why an SMS could not even be queued: the API answers 422 with these codes. */
export class SmsNotAllowed extends Error {
  constructor(readonly code: 'sms_disabled' | 'sms_balance_exhausted') {
    super(code);
  }
}

export interface MessagingSettings {
  smsEnabled: boolean;
  smsBalance: number;
  emailsPerSecond: number;
  smsPerSecond: number;
}

export async function messagingSettingsOf(db: DbLike, organisationId: string): Promise<MessagingSettings> {
  const [row] = await db.select().from(messagingSettings).where(eq(messagingSettings.organisationId, organisationId));
  return row ?? { smsEnabled: false, smsBalance: 0, emailsPerSecond: DEFAULT_EMAILS_PER_SECOND, smsPerSecond: DEFAULT_SMS_PER_SECOND };
}

/** Changes the balance by `delta` and records why, in the caller's transaction. */
export async function changeSmsBalance(
  tx: DbLike,
  change: { organisationId: string; delta: number; reason: 'top_up' | 'adjusted' | 'sent' | 'refund'; messageId?: string; actorId?: string },
): Promise<number> {
  await tx.insert(messagingSettings).values({ organisationId: change.organisationId }).onConflictDoNothing();
  const [row] = await tx
    .update(messagingSettings)
    .set({ smsBalance: sql`${messagingSettings.smsBalance} + ${change.delta}` })
    .where(eq(messagingSettings.organisationId, change.organisationId))
    .returning({ balance: messagingSettings.smsBalance });
  await tx.insert(smsBalanceChanges).values({
    organisationId: change.organisationId,
    delta: change.delta,
    balanceAfter: row.balance,
    reason: change.reason,
    messageId: change.messageId ?? null,
    actorId: change.actorId ?? null,
  });
  return row.balance;
}

/** Later states never give way to earlier ones (Twilio's callbacks may arrive out of order). */
const RANK: Record<MessageStatus, number> = { queued: 0, sent: 1, simulated: 2, delivered: 2, failed: 2, bounced: 2, undelivered: 2 };

export async function setMessageStatus(db: DbLike, messageId: string, status: MessageStatus, reason: string | null = null): Promise<boolean> {
  const changed = await db
    .update(messages)
    .set({ status, reason, statusAt: new Date() })
    .where(and(eq(messages.id, messageId), sql`(CASE ${messages.status} WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 ELSE 2 END) < ${RANK[status]}`))
    .returning({ organisationId: messages.organisationId });
  if (!changed.length) return false;
  await db.insert(messageStatusChanges).values({ messageId, organisationId: changed[0].organisationId, status, reason });
  return true;
}

export interface MessageService {
  /**
   * Records the message (once per idempotency key) and hands it over. Returns the row as it
   * stands after the first attempt; a row that already existed is returned as it is, and an SMS
   * whose earlier hand-over never finished is finished now.
   */
  send(draft: MessageDraft): Promise<MessageRow>;
  /** Many at once (bulk batches): one transaction to record them, then the hand-overs. */
  sendMany(drafts: MessageDraft[]): Promise<MessageRow[]>;
  /** An SMS status callback: Twilio's status mapped to ours. */
  applySmsStatus(providerId: string, twilioStatus: string, errorCode?: string | null): Promise<boolean>;
}

export interface MessageServiceDeps {
  db: Db;
  outbox: Outbox;
  sms: SmsGateway;
  /** Where Twilio posts status callbacks: the app's public URL. */
  publicUrl: string;
}

export function createMessageService({ db, outbox, sms, publicUrl }: MessageServiceDeps): MessageService {
  const statusCallback = sms.live ? `${publicUrl}${TWILIO_STATUS_CALLBACK_PATH}` : undefined;

  /**
   * Inserts what is new, a batch in a few statements; emails get their outbox rows (leased to us)
   * in the same transaction, so a message never exists without the means of sending it.
   */
  async function record(drafts: MessageDraft[]): Promise<{ rows: MessageRow[]; leased: Enqueued[] }> {
    return db.transaction(async (tx) => {
      const created = await tx
        .insert(messages)
        .values(
          drafts.map((draft) => ({
            id: randomUUID(),
            organisationId: draft.organisationId,
            personId: draft.personId,
            ownerType: draft.ownerType ?? null,
            ownerId: draft.ownerId ?? null,
            channel: draft.channel,
            address: draft.address,
            subject: draft.subject ?? null,
            body: draft.body,
            sentBy: draft.sentBy ?? null,
            sentByName: draft.sentByName ?? null,
            idempotencyKey: draft.idempotencyKey,
            segments: draft.channel === 'sms' ? Math.max(1, countSmsSegments(draft.body).segments) : 0,
          })),
        )
        .onConflictDoNothing({ target: messages.idempotencyKey })
        .returning();
      if (created.length) {
        await tx.insert(messageStatusChanges).values(created.map((row) => ({ messageId: row.id, organisationId: row.organisationId, status: 'queued' as const })));
      }
      for (const row of created) if (row.channel === 'sms') await reserveSegments(tx, row);
      const emails = created.filter((row) => row.channel === 'email');
      const leased = await outbox.enqueue(
        emails.map((row) => ({
          dedupeKey: `message:${row.id}`,
          organisationId: row.organisationId,
          to: row.address,
          subject: row.subject ?? '',
          text: row.body,
          attachments: drafts.find((d) => d.idempotencyKey === row.idempotencyKey)?.attachments,
        })),
        { tx, lease: true },
      );
      if (leased.length) {
        await tx.execute(sql`UPDATE messages SET outbox_id = o.id FROM outbox_messages o
          WHERE o.dedupe_key = 'message:' || messages.id AND ${inArray(messages.id, emails.map((r) => r.id))}`);
        const byKey = new Map(leased.map((e) => [e.dedupeKey, e.id]));
        for (const row of emails) row.outboxId = byKey.get(`message:${row.id}`) ?? null;
      }
      const existing = drafts.length === created.length ? [] : await tx.select().from(messages).where(inArray(messages.idempotencyKey, drafts.map((d) => d.idempotencyKey)));
      const byKey = new Map([...existing, ...created].map((r) => [r.idempotencyKey, r]));
      return { rows: drafts.map((d) => byKey.get(d.idempotencyKey)!), leased };
    });
  }

  async function reserveSegments(tx: DbLike, row: MessageRow) {
    const [settings] = await tx
      .select()
      .from(messagingSettings)
      .where(eq(messagingSettings.organisationId, row.organisationId))
      .for('update');
    if (!settings?.smsEnabled) throw new SmsNotAllowed('sms_disabled');
    if (settings.smsBalance < row.segments) throw new SmsNotAllowed('sms_balance_exhausted');
    await changeSmsBalance(tx, { organisationId: row.organisationId, delta: -row.segments, reason: 'sent', messageId: row.id });
  }

  /** Hands a recorded SMS to the gateway once; see the file's head for the unknown-outcome case. */
  async function handOverSms(row: MessageRow): Promise<void> {
    if (row.status !== 'queued' || row.providerId) return;
    const [marked] = await db.execute<{ previous: Date | string | null }>(sql`
      UPDATE messages m SET handed_over_at = now(), updated_at = now()
      FROM (SELECT id, handed_over_at AS previous FROM messages WHERE id = ${row.id} FOR UPDATE) before
      WHERE m.id = before.id AND m.status = 'queued' AND m.provider_id IS NULL
      RETURNING before.previous`);
    if (!marked) return;
    let handover = marked.previous ? await sms.findSent({ to: row.address, body: row.body, since: new Date(new Date(marked.previous).getTime() - 60_000) }) : null;
    try {
      handover ??= await sms.send({ to: row.address, body: row.body, statusCallback });
    } catch (err) {
      if (!(err instanceof SmsRefused)) throw err;
      await db.transaction(async (tx) => {
        if (await setMessageStatus(tx, row.id, 'failed', err.message)) {
          await changeSmsBalance(tx, { organisationId: row.organisationId, delta: row.segments, reason: 'refund', messageId: row.id });
        }
      });
      return;
    }
    await db.transaction(async (tx) => {
      await tx.update(messages).set({ providerId: handover.sid }).where(eq(messages.id, row.id));
      const status = twilioStatus(handover.status);
      if (status === 'queued') await setMessageStatus(tx, row.id, 'sent');
      else await setMessageStatus(tx, row.id, status);
    });
  }

  async function reload(ids: string[]): Promise<Map<string, MessageRow>> {
    if (!ids.length) return new Map();
    const rows = await db.select().from(messages).where(inArray(messages.id, ids));
    return new Map(rows.map((r) => [r.id, r]));
  }

  const service: MessageService = {
    async send(draft) {
      const [row] = await service.sendMany([draft]);
      return row;
    },

    async sendMany(drafts) {
      if (!drafts.length) return [];
      const { rows, leased } = await record(drafts);
      await outbox.deliver(leased);
      for (const row of rows) if (row.channel === 'sms') await handOverSms(row);
      const fresh = await reload(rows.map((r) => r.id));
      return rows.map((r) => fresh.get(r.id) ?? r);
    },

    async applySmsStatus(providerId, status, errorCode) {
      const [row] = await db.select({ id: messages.id }).from(messages).where(eq(messages.providerId, providerId));
      if (!row) return false;
      const mapped = twilioStatus(status);
      if (mapped === 'queued') return false;
      return setMessageStatus(db, row.id, mapped, errorCode ? `Twilio error ${errorCode}` : null);
    },
  };
  return service;
}

/** Twilio's message statuses, in ours. */
export function twilioStatus(status: string): MessageStatus {
  switch (status) {
    case 'simulated':
      return 'simulated';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
      return 'undelivered';
    case 'failed':
    case 'canceled':
      return 'failed';
    case 'sent':
      return 'sent';
    default:
      // accepted, scheduled, queued, sending: with Twilio, not yet with the phone.
      return 'queued';
  }
}

export type { MessageChannel, MessageStatus };
