// The outbox: every email Cauce sends is a row first (outbox_messages), enqueued once per dedupe
// key and sent at least once. The enqueuer makes the first attempt at once; the dispatcher in each
// worker process sends whatever is due after that, with backoff, under a lease so two processes
// never send one row at the same time. Only the window between the SMTP server's 250 and our
// commit of `sent` can send a message twice (bench/outbox-crash-window.ts measures it).
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Db, DbLike } from '../db/client';
import { outboxAttachments, outboxMessages, type OutboxAttemptOutcome } from '../db/schema';
import { classifySmtpError, replyCode, type Mailer } from './mailer';

/** NOTIFY channel; the payload is the queue whose rows became due. */
export const OUTBOX_CHANNEL = 'cauce_outbox';

export interface OutboxPolicy {
  /** Delay after the first temporary failure; doubled each time (with ±20 % jitter), up to retryMaxMs. */
  retryFirstMs: number;
  retryMaxMs: number;
  /** A message still not accepted this long after it was enqueued fails as `expired`. */
  expireAfterMs: number;
  /** How long a claimed row is ours; far above the longest attempt the SMTP timeouts allow. */
  leaseMs: number;
  /** Rows claimed per round, and sent at most this many at once (the mailer's pool size). */
  batchSize: number;
  concurrency: number;
  /** Longest the dispatcher sleeps without a notification. */
  idleMs: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  retryFirstMs: 15_000,
  retryMaxMs: 30 * 60_000,
  expireAfterMs: 3 * 86_400_000,
  leaseMs: 5 * 60_000,
  batchSize: 50,
  concurrency: 5,
  idleMs: 60_000,
};

export interface OutboxEmail {
  /** Unique for what is being said to whom: enqueuing the same key again does nothing. */
  dedupeKey: string;
  organisationId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Values for `{{secret:name}}` placeholders in the texts: used at send time, then erased. */
  secrets?: Record<string, string>;
  /** Files sent with it (kept in outbox_attachments until the row goes). */
  attachments?: OutboxAttachment[];
}

export interface OutboxAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A row this call created; with a lease token when the caller is to attempt it at once. */
export interface Enqueued {
  id: string;
  dedupeKey: string;
  organisationId: string;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  secrets: Record<string, string> | null;
  attempts: number;
  messageId: string;
  attachmentCount: number;
  leaseToken: string | null;
}

export interface AttemptResult {
  id: string;
  outcome: OutboxAttemptOutcome | 'released';
  responseCode: number | null;
}

/** What one attempt took: for logs and the crash-window figure. */
export interface AttemptTiming {
  outcome: OutboxAttemptOutcome;
  /** From handing the mail to SMTP to its final reply. */
  smtpMs: number;
  /** From the server's reply to the commit that records it: the crash window when accepted. */
  recordMs: number;
}

export interface Outbox {
  readonly queue: string;
  readonly policy: OutboxPolicy;
  /**
   * Inserts what is new (ON CONFLICT DO NOTHING on the dedupe key) and returns only the rows this
   * call created. With `lease`, they are created already claimed by the caller, who must then
   * `deliver` them (a caller that dies leaves them to the dispatcher once the lease runs out);
   * without, the dispatcher is notified. Inside `tx`, all of it commits or rolls back with it.
   */
  enqueue(mails: OutboxEmail[], options?: { tx?: DbLike; lease?: boolean }): Promise<Enqueued[]>;
  /** Attempts rows leased by `enqueue`. An SMTP failure is recorded, never thrown. */
  deliver(rows: Enqueued[]): Promise<AttemptResult[]>;
  /** enqueue + deliver: what an activity calls. Returns the rows it created, with how the first attempt went. */
  send(mails: OutboxEmail[]): Promise<AttemptResult[]>;
  /** One dispatcher round: claims due rows (and rows whose lease ran out) and attempts them. */
  dispatchDue(): Promise<number>;
  /** Milliseconds until the next row of this queue is due (0 if one is), null when none waits. */
  nextDueInMs(): Promise<number | null>;
}

export interface OutboxOptions {
  db: Db;
  mailer: Mailer;
  queue?: string;
  policy?: Partial<OutboxPolicy>;
  onAttempt?: (timing: AttemptTiming) => void;
}

type Claimed = Enqueued & { leaseToken: string };

const ms = (value: number) => sql`(${value}::double precision * interval '1 millisecond')`;
const fill = (text: string, secrets: Record<string, string> | null) =>
  secrets ? text.replace(/\{\{secret:(\w+)\}\}/g, (whole, name: string) => secrets[name] ?? whole) : text;

export function createOutbox(options: OutboxOptions): Outbox {
  const { db, mailer } = options;
  const queue = options.queue ?? 'default';
  const policy: OutboxPolicy = { ...DEFAULT_OUTBOX_POLICY, ...options.policy };
  const domain = /@([^>\s]+)>?\s*$/.exec(mailer.from)?.[1] ?? 'cauce.local';

  /** n-th consecutive temporary failure → first·2^(n-1), jittered so retries of a burst spread out. */
  const backoff = (n: number) => Math.min(policy.retryMaxMs, policy.retryFirstMs * 2 ** Math.min(n - 1, 30)) * (0.8 + Math.random() * 0.4);

  async function attempt(row: Claimed): Promise<AttemptResult> {
    const startedAt = new Date();
    const t0 = performance.now();
    let outcome: OutboxAttemptOutcome;
    let responseCode: number | null;
    let response: string;
    let errorCode: string | null = null;
    try {
      const attachments = row.attachmentCount > 0 ? await attachmentsOf(row.id) : undefined;
      const sent = await mailer.send({
        ...(attachments ? { attachments } : {}),
        to: row.recipient,
        subject: fill(row.subject, row.secrets),
        text: fill(row.text, row.secrets),
        html: row.html === null ? undefined : fill(row.html, row.secrets),
        organisationId: row.organisationId,
        messageId: row.messageId,
      });
      outcome = 'accepted';
      response = sent.response;
      responseCode = replyCode(sent.response);
    } catch (err) {
      const failure = classifySmtpError(err);
      outcome = failure.kind;
      response = failure.response;
      responseCode = failure.responseCode;
      errorCode = failure.errorCode;
    }
    const replied = performance.now();
    const attemptRow = sql`INSERT INTO outbox_attempts (id, outbox_id, organisation_id, started_at, duration_ms, outcome, response_code, response, error_code)
      VALUES (${randomUUID()}, ${row.id}, ${row.organisationId}, ${startedAt.toISOString()}::timestamptz, ${Math.round(replied - t0)}, ${outcome}, ${responseCode}, ${response}, ${errorCode})
      ON CONFLICT (id) DO NOTHING`;
    // One statement each, so the attempt and the row's new state commit together in one round trip.
    if (outcome === 'accepted') {
      // Unconditional: it was sent, whoever holds the lease now.
      await persist(sql`WITH attempt AS (${attemptRow})
        UPDATE outbox_messages SET status = 'sent', failure = NULL, sent_at = coalesce(sent_at, now()), attempts = attempts + 1,
          last_error = NULL, secrets = NULL, lease_until = NULL, lease_token = NULL, updated_at = now()
        WHERE id = ${row.id}`);
    } else if (outcome === 'permanent') {
      await persist(sql`WITH attempt AS (${attemptRow})
        UPDATE outbox_messages SET status = 'failed', failure = 'rejected', attempts = attempts + 1, last_error = ${response},
          secrets = NULL, lease_until = NULL, lease_token = NULL, updated_at = now()
        WHERE id = ${row.id} AND status = 'sending' AND lease_token = ${row.leaseToken}`);
    } else {
      await persist(sql`WITH attempt AS (${attemptRow}),
        retried AS (
          UPDATE outbox_messages SET
            status = CASE WHEN now() >= expires_at THEN 'failed' ELSE 'queued' END,
            failure = CASE WHEN now() >= expires_at THEN 'expired' END,
            secrets = CASE WHEN now() >= expires_at THEN NULL ELSE secrets END,
            next_attempt_at = least(now() + ${ms(backoff(row.attempts + 1))}, expires_at),
            attempts = attempts + 1, last_error = ${response}, lease_until = NULL, lease_token = NULL, updated_at = now()
          WHERE id = ${row.id} AND status = 'sending' AND lease_token = ${row.leaseToken}
          RETURNING queue, status)
        SELECT pg_notify(${OUTBOX_CHANNEL}, queue) FROM retried WHERE status = 'queued'`);
    }
    options.onAttempt?.({ outcome, smtpMs: replied - t0, recordMs: performance.now() - replied });
    return { id: row.id, outcome, responseCode };
  }

  /**
   * A database hiccup right after the server accepted must not leave the row to be sent again
   * when its lease runs out: keep trying to record it for a while. The attempt's fixed id makes
   * a repeat of a statement that did commit harmless.
   */
  async function persist(statement: ReturnType<typeof sql>) {
    for (let wait = 250; ; wait *= 2) {
      try {
        await db.execute(statement);
        return;
      } catch (err) {
        if (wait > 16_000) throw err;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  async function attachmentsOf(outboxId: string) {
    const rows = await db.select().from(outboxAttachments).where(eq(outboxAttachments.outboxId, outboxId)).orderBy(asc(outboxAttachments.position));
    return rows.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType }));
  }

  /** Hands a leased row back untried (the server is unreachable: no point trying the rest now). */
  async function release(row: Claimed): Promise<AttemptResult> {
    await db.execute(sql`WITH released AS (
        UPDATE outbox_messages SET status = 'queued', lease_until = NULL, lease_token = NULL,
          next_attempt_at = now() + ${ms(backoff(1))}, updated_at = now()
        WHERE id = ${row.id} AND status = 'sending' AND lease_token = ${row.leaseToken}
        RETURNING queue)
      SELECT pg_notify(${OUTBOX_CHANNEL}, queue) FROM released`);
    return { id: row.id, outcome: 'released', responseCode: null };
  }

  async function attemptAll(rows: Claimed[]): Promise<AttemptResult[]> {
    const results: AttemptResult[] = [];
    let unreachable = false;
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        const result = unreachable ? await release(row) : await attempt(row);
        // No reply at all (refused, timed out): each further try would wait out the same timeout.
        if (result.outcome === 'temporary' && result.responseCode === null) unreachable = true;
        results.push(result);
      }
    };
    await Promise.all(Array.from({ length: Math.min(policy.concurrency, rows.length) }, lane));
    return results;
  }

  const claimedColumns = {
    id: outboxMessages.id,
    dedupeKey: outboxMessages.dedupeKey,
    organisationId: outboxMessages.organisationId,
    recipient: outboxMessages.recipient,
    subject: outboxMessages.subject,
    text: outboxMessages.text,
    html: outboxMessages.html,
    secrets: outboxMessages.secrets,
    attempts: outboxMessages.attempts,
    messageId: outboxMessages.messageId,
    attachmentCount: outboxMessages.attachmentCount,
  };

  const outbox: Outbox = {
    queue,
    policy,

    async enqueue(mails, { tx, lease = false } = {}) {
      if (mails.length === 0) return [];
      const runner = tx ?? db;
      const leaseToken = lease ? randomUUID() : null;
      const inserted = await runner
        .insert(outboxMessages)
        .values(
          mails.map((m) => {
            const id = randomUUID();
            return {
              id,
              organisationId: m.organisationId,
              dedupeKey: m.dedupeKey,
              queue,
              recipient: m.to,
              subject: m.subject,
              text: m.text,
              html: m.html ?? null,
              secrets: m.secrets ?? null,
              messageId: `<${id}@${domain}>`,
              attachmentCount: m.attachments?.length ?? 0,
              expiresAt: sql`now() + ${ms(policy.expireAfterMs)}`,
              ...(lease ? { status: 'sending' as const, leaseUntil: sql`now() + ${ms(policy.leaseMs)}`, leaseToken } : {}),
            };
          }),
        )
        .onConflictDoNothing({ target: outboxMessages.dedupeKey })
        .returning(claimedColumns);
      const files = inserted.flatMap((row) => {
        const mail = mails.find((m) => m.dedupeKey === row.dedupeKey);
        return (mail?.attachments ?? []).map((a, position) => ({ outboxId: row.id, position, filename: a.filename, contentType: a.contentType, content: a.content }));
      });
      if (files.length) await runner.insert(outboxAttachments).values(files);
      if (!lease && inserted.length) await runner.execute(sql`SELECT pg_notify(${OUTBOX_CHANNEL}, ${queue})`);
      return inserted.map((r) => ({ ...r, leaseToken }));
    },

    async deliver(rows) {
      return attemptAll(rows.filter((r): r is Claimed => r.leaseToken !== null));
    },

    async send(mails) {
      return outbox.deliver(await outbox.enqueue(mails, { lease: true }));
    },

    async dispatchDue() {
      const leaseToken = randomUUID();
      const due = db
        .select({ id: outboxMessages.id })
        .from(outboxMessages)
        .where(
          and(
            eq(outboxMessages.queue, queue),
            or(
              and(eq(outboxMessages.status, 'queued'), lte(outboxMessages.nextAttemptAt, sql`now()`)),
              // Leased by a process that died (or lost its database) before recording an outcome.
              and(eq(outboxMessages.status, 'sending'), lt(outboxMessages.leaseUntil, sql`now()`)),
            ),
          ),
        )
        .orderBy(asc(outboxMessages.nextAttemptAt))
        .limit(policy.batchSize)
        .for('update', { skipLocked: true });
      const claimed = await db
        .update(outboxMessages)
        .set({ status: 'sending', leaseUntil: sql`now() + ${ms(policy.leaseMs)}`, leaseToken })
        .where(inArray(outboxMessages.id, due))
        .returning(claimedColumns);
      await attemptAll(claimed.map((r) => ({ ...r, leaseToken })));
      return claimed.length;
    },

    async nextDueInMs() {
      const [row] = await db.execute<{ wait: number | null }>(sql`SELECT greatest(0, extract(epoch FROM least(
          (SELECT min(next_attempt_at) FROM outbox_messages WHERE queue = ${queue} AND status = 'queued'),
          (SELECT min(lease_until) FROM outbox_messages WHERE queue = ${queue} AND status = 'sending')) - now()) * 1000)::float8 AS wait`);
      return row?.wait ?? null;
    },
  };
  return outbox;
}

export interface OutboxDispatcher {
  /** Look for due rows now (tests; NOTIFY does this in production). */
  wake(): void;
  /** Stops after the round in flight, so no row is left half-sent. */
  stop(): Promise<void>;
}

/**
 * Runs in every worker process: sends due rows when notified (LISTEN) or when the next one falls
 * due, and at least every `idleMs` in case a notification was lost.
 */
export async function startOutboxDispatcher(
  outbox: Outbox,
  options: { sql: postgres.Sql; log?: (message: string) => void },
): Promise<OutboxDispatcher> {
  const log = options.log ?? ((m: string) => console.warn(`[outbox] ${m}`));
  let stopping = false;
  let pending = false;
  let interrupt: (() => void) | null = null;
  const wake = () => {
    pending = true;
    interrupt?.();
  };
  const sleep = (wait: number) =>
    new Promise<void>((resolve) => {
      if (pending || stopping) return resolve();
      const timer = setTimeout(done, wait);
      interrupt = done;
      function done() {
        clearTimeout(timer);
        interrupt = null;
        resolve();
      }
    });

  // onlisten runs again after a reconnect: notifications sent meanwhile were lost, so look now.
  const listener = await options.sql.listen(OUTBOX_CHANNEL, (q) => q === outbox.queue && wake(), wake);

  const loop = (async () => {
    let failures = 0;
    while (!stopping) {
      pending = false;
      try {
        const claimed = await outbox.dispatchDue();
        failures = 0;
        if (claimed >= outbox.policy.batchSize) continue;
        const next = await outbox.nextDueInMs();
        await sleep(Math.min(next ?? outbox.policy.idleMs, outbox.policy.idleMs));
      } catch (err) {
        failures++;
        log(`dispatch failed (${(err as Error).message}); trying again`);
        await sleep(Math.min(30_000, 250 * 2 ** failures));
      }
    }
  })();

  return {
    wake,
    async stop() {
      stopping = true;
      interrupt?.();
      await loop;
      await listener.unlisten().catch(() => {});
    },
  };
}
