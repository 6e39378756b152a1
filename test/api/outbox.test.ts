// The email outbox against real Postgres, the Temporal dev server and real SMTP servers that
// greylist, refuse or stall: every email is sent at least once, and no row twice.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { Context } from '@temporalio/activity';
import { connectDatabase, type Database } from '../../db/client';
import { invitationTokens, notifications, outboxAttempts, outboxMessages } from '../../db/schema';
import { createMailer, type Mailer } from '../../platform/mailer';
import { createOutbox, startOutboxDispatcher, type Outbox, type OutboxDispatcher, type OutboxEmail, type OutboxPolicy } from '../../platform/outbox';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { startSilentSmtp, startTestSmtp, type RcptAnswer, type TestSmtp } from '../support/smtp';

/** Per recipient, how the test server answers its n-th offer; anyone else is accepted. */
const rules = new Map<string, (offer: number) => RcptAnswer>();
const greylist = (offer: number): RcptAnswer => (offer === 1 ? { code: 451, message: '4.7.1 Greylisted, try again later' } : undefined);
const refuse = (): RcptAnswer => ({ code: 550, message: '5.1.1 Mailbox unavailable' });
const busy = (): RcptAnswer => ({ code: 451, message: '4.3.0 Try again later' });

let smtp: TestSmtp;
let sys: TestSystem;
let org: TestOrganisation;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  smtp = await startTestSmtp((to, offer) => rules.get(to)?.(offer));
  // Retries in a fraction of a second instead of 15 s, so the tests need not wait.
  sys = await startTestSystem({ smtpUrl: smtp.url, outboxPolicy: { retryFirstMs: 300 } });
  org = await createOrganisation(sys.database.db);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await sys?.stop();
  await smtp?.stop();
});

const received = (to: string) => smtp.received.filter((m) => m.to.includes(to));
const address = (what: string) => `${what}-${uniqueSuffix()}@mail.test`;
const email = (to: string, extra: Partial<OutboxEmail> = {}): OutboxEmail => ({
  dedupeKey: `test:${uniqueSuffix()}`,
  organisationId: org.id,
  to,
  subject: `Asunto ${to}`,
  text: 'Texto',
  ...extra,
});
const rowsOf = (...ids: string[]) => sys.database.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
const attemptsOf = (id: string) =>
  sys.database.db.select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, id)).orderBy(asc(outboxAttempts.startedAt));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An outbox on a queue of its own, with its dispatcher, as one more worker process would run it. */
async function outboxOn(
  queue: string,
  options: { policy?: Partial<OutboxPolicy>; smtpUrl?: string; timeoutMs?: number; dispatch?: boolean; ownDatabase?: boolean } = {},
): Promise<{ outbox: Outbox; database: Database; mailer: Mailer; dispatcher?: OutboxDispatcher; attempts: () => number }> {
  let attempts = 0;
  const database = options.ownDatabase ? connectDatabase(inject('databaseUrl'), { max: 3 }) : sys.database;
  const mailer = createMailer({ smtpUrl: options.smtpUrl ?? smtp.url, from: 'Cauce <no-reply@test.cauce.local>', timeoutMs: options.timeoutMs });
  const outbox = createOutbox({ db: database.db, mailer, queue, policy: { retryFirstMs: 100, ...options.policy }, onAttempt: () => attempts++ });
  const dispatcher = options.dispatch === false ? undefined : await startOutboxDispatcher(outbox, { sql: database.sql, log: () => {} });
  cleanups.push(async () => {
    await dispatcher?.stop();
    mailer.close();
    if (options.ownDatabase) await database.close();
  });
  return { outbox, database, mailer, dispatcher, attempts: () => attempts };
}

describe('[correo] a temporary refusal is retried until the server accepts', () => {
  it('greylisting (451 on first contact) no longer loses a follow-up reminder: it arrives once, both attempts recorded', async () => {
    const ana: ApiClient = sys.client();
    await ana.login(org.users.professional.email, TEST_PASSWORD);
    rules.set(org.users.professional.email, greylist);
    const person = (await ana.post('/api/persons', { firstName: 'Lucía', lastName: 'Muñoz' })).body;
    const assessed = await ana.post(`/api/persons/${person.id}/assessments`, { summary: 'Valoración inicial.', needs: ['030101'] });
    expect(assessed.status).toBe(201);
    const [c] = assessed.body.interventions;
    const due = await ana.post(`/api/interventions/${c.id}/follow-ups`, { dueAt: new Date(Date.now() - 60_000).toISOString(), note: 'Ya vencido' });
    expect(due.status).toBe(201);

    await expect.poll(() => received(org.users.professional.email).filter((m) => m.subject.includes(c.code)), { timeout: 20_000 }).toHaveLength(1);
    expect(smtp.offers.get(org.users.professional.email)).toBe(2);

    const [notification] = await sys.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, org.users.professional.id), eq(notifications.subjectId, c.id), eq(notifications.kind, 'intervention.follow_up_due')));
    const [row] = await sys.database.db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, `notification:${notification.id}`));
    expect(row).toMatchObject({ status: 'sent', attempts: 2, recipient: org.users.professional.email, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    const attempts = await attemptsOf(row.id);
    expect(attempts.map((a) => [a.outcome, a.responseCode])).toEqual([['temporary', 451], ['accepted', 250]]);
    expect(attempts[0].response).toContain('Greylisted');
    expect(received(org.users.professional.email)[0].messageId).toBe(row.messageId);

    // Nothing more leaves for it later.
    await sleep(1_000);
    expect(received(org.users.professional.email).filter((m) => m.subject.includes(c.code))).toHaveLength(1);
  });

  it('a server that keeps answering 4xx: retried with growing delays, then failed as expired', async () => {
    const { outbox } = await outboxOn(`q-${uniqueSuffix()}`, { policy: { retryFirstMs: 300, expireAfterMs: 2_500 } });
    const to = address('busy');
    rules.set(to, busy);
    const [first] = await outbox.send([email(to)]);
    expect(first.outcome).toBe('temporary');
    await expect.poll(async () => (await rowsOf(first.id))[0].status, { timeout: 10_000 }).toBe('failed');
    const [row] = await rowsOf(first.id);
    expect(row).toMatchObject({ failure: 'expired', lastError: expect.stringContaining('451') });
    const attempts = await attemptsOf(row.id);
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(attempts.every((a) => a.outcome === 'temporary' && a.responseCode === 451)).toBe(true);
    // Exponential: the first wait is at least 300 ms −20 %, the second at least twice that −20 %
    // (jitter is ±20 %, the factor 2). Lower bounds only: a loaded machine may add to a wait,
    // never take from it, so a slow run cannot make this fail and a constant delay (≤360 ms) would.
    const gaps = attempts.slice(1).map((a, i) => a.startedAt.getTime() - attempts[i].startedAt.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(240);
    expect(gaps[1]).toBeGreaterThanOrEqual(480);
    expect(row.attempts).toBe(attempts.length);
    await sleep(500);
    expect(await attemptsOf(row.id)).toHaveLength(attempts.length);
    expect(received(to)).toHaveLength(0);
  });
});

describe('[correo] a permanent refusal fails the email for good', () => {
  it('550: failed with the server’s reason after one attempt, never retried', async () => {
    const { outbox } = await outboxOn(`q-${uniqueSuffix()}`);
    const to = address('refused');
    rules.set(to, refuse);
    const [result] = await outbox.send([email(to)]);
    expect(result).toMatchObject({ outcome: 'permanent', responseCode: 550 });
    const [row] = await rowsOf(result.id);
    expect(row).toMatchObject({ status: 'failed', failure: 'rejected', attempts: 1 });
    expect(row.lastError).toMatch(/^550 .*Mailbox unavailable/);
    await sleep(800);
    expect(smtp.offers.get(to)).toBe(1);
    expect(await attemptsOf(row.id)).toHaveLength(1);
  });
});

describe('[correo] enqueued once, sent once', () => {
  it('an invitation activity retried after enqueueing emails one link, not two; the stored email keeps no usable token', async () => {
    // A worker whose invitation activity fails once after doing its work, as after a crash.
    const retried = await startTestSystem({
      smtpUrl: smtp.url,
      activities: (real) => ({
        async sendInvitationMail(input: { invitationId: string; kind: 'invitation' | 'reminder' }) {
          const result = await real.sendInvitationMail(input);
          if (Context.current().info.attempt === 1) throw new Error('worker lost after the email was enqueued');
          return result;
        },
      }),
    });
    cleanups.push(() => retried.stop());
    const admin = retried.client();
    await admin.login(org.users.admin.email, TEST_PASSWORD);
    const to = `invitada-${uniqueSuffix()}@mail.test`;
    const invited = await admin.post('/api/users/invitations', { email: to, name: 'Invitada', roles: ['professional'] });
    expect(invited.status).toBe(201);
    await expect.poll(() => received(to), { timeout: 15_000 }).toHaveLength(1);
    // The retry comes 2 s after the first try (the workflow's retry policy); wait until it is done.
    const handle = retried.temporal.workflow.getHandle(invited.body.workflowId);
    await expect.poll(async () => (await handle.fetchHistory()).events?.filter((e) => e.activityTaskCompletedEventAttributes).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const failedTries = (await handle.fetchHistory()).events?.filter((e) => e.activityTaskStartedEventAttributes?.attempt === 2);
    expect(failedTries).toHaveLength(1);
    await sleep(500);
    expect(received(to)).toHaveLength(1);

    const rows = await sys.database.db.select().from(outboxMessages).where(like(outboxMessages.dedupeKey, `invitation:${invited.body.invitationId}:%`));
    expect(rows).toHaveLength(1);
    expect(await sys.database.db.select().from(invitationTokens).where(eq(invitationTokens.invitationId, invited.body.invitationId))).toHaveLength(1);
    const token = /\/invitacion\/([\w-]+)/.exec(received(to)[0].text)![1];
    expect((await retried.client().get(`/api/invitations/${token}`)).status).toBe(200);
    expect(rows[0]).toMatchObject({ status: 'sent', secrets: null });
    expect(rows[0].text).not.toContain(token);
    expect(rows[0].text).toContain('/invitacion/{{secret:token}}');
  });

  it('a notification retried after enqueueing its email enqueues nothing more', async () => {
    const { createNotificationActivities } = await import('../../activities/notification.activities');
    const { notify } = createNotificationActivities({ db: sys.database.db, outbox: sys.outbox, publicUrl: 'http://cauce.test' });
    const input = { organisationId: org.id, userIds: [org.users.signer.id], kind: 'test', messageKey: 'notifications.test', params: { subject: 'EXP-7' }, dedupeKey: `retry:${uniqueSuffix()}`, email: true };
    await notify(input);
    await notify(input);
    const [n] = await sys.database.db.select().from(notifications).where(eq(notifications.dedupeKey, input.dedupeKey));
    expect(await sys.database.db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, `notification:${n.id}`))).toHaveLength(1);
  });

  it('two dispatchers racing over one queue never send a row twice', async () => {
    const queue = `q-${uniqueSuffix()}`;
    // Each with its own connections and SMTP pool, as two worker processes.
    const policy = { batchSize: 4 };
    const a = await outboxOn(queue, { policy, ownDatabase: true, dispatch: false });
    const b = await outboxOn(queue, { policy, ownDatabase: true, dispatch: false });
    const tos = Array.from({ length: 80 }, () => address('race'));
    const enqueued = await a.outbox.enqueue(tos.map((to) => email(to)));
    expect(enqueued).toHaveLength(80);
    const dispatchers = await Promise.all([a, b].map((x) => startOutboxDispatcher(x.outbox, { sql: x.database.sql, log: () => {} })));
    cleanups.push(() => Promise.all(dispatchers.map((d) => d.stop())).then(() => {}));
    await expect.poll(async () => (await rowsOf(...enqueued.map((e) => e.id))).filter((r) => r.status === 'sent').length, { timeout: 20_000 }).toBe(80);
    for (const to of tos) expect(received(to), to).toHaveLength(1);
    const attempts = await sys.database.db.select().from(outboxAttempts).where(inArray(outboxAttempts.outboxId, enqueued.map((e) => e.id)));
    expect(attempts).toHaveLength(80);
    // Both took part: the race was real.
    expect(a.attempts()).toBeGreaterThan(0);
    expect(b.attempts()).toBeGreaterThan(0);
  });

  it('a row leased by a process that died is sent by another once the lease runs out', async () => {
    const queue = `q-${uniqueSuffix()}`;
    // The dead one: enqueued with its lease, then never attempted.
    const dead = await outboxOn(queue, { policy: { leaseMs: 800 }, dispatch: false });
    const to = address('orphan');
    const [orphan] = await dead.outbox.enqueue([email(to)], { lease: true });
    const enqueuedAt = Date.now();
    await outboxOn(queue);
    await expect.poll(() => received(to), { timeout: 10_000 }).toHaveLength(1);
    expect(Date.now() - enqueuedAt).toBeGreaterThanOrEqual(700);
    // The capture server has the mail a moment before the dispatcher commits `sent`.
    await expect.poll(async () => (await rowsOf(orphan.id))[0], { timeout: 5_000 }).toMatchObject({ status: 'sent', attempts: 1 });
    await sleep(300);
    expect(received(to)).toHaveLength(1);
  });
});

describe('[correo] a stalled SMTP server holds nobody for long', () => {
  it('no greeting: the attempt times out, the rest are handed to the dispatcher untried, all stay queued', async () => {
    const silent = await startSilentSmtp();
    cleanups.push(() => silent.stop());
    const { outbox } = await outboxOn(`q-${uniqueSuffix()}`, { smtpUrl: silent.url, timeoutMs: 400, dispatch: false, policy: { concurrency: 2, retryFirstMs: 5_000 } });
    const started = Date.now();
    const results = await outbox.send(Array.from({ length: 6 }, () => email(address('stalled'))));
    // Two lanes time out once each; without the early hand-back it would be three rounds.
    expect(Date.now() - started).toBeLessThan(1_200);
    expect(results.filter((r) => r.outcome === 'temporary')).toHaveLength(2);
    expect(results.filter((r) => r.outcome === 'released')).toHaveLength(4);
    const rows = await rowsOf(...results.map((r) => r.id));
    expect(rows.every((r) => r.status === 'queued' && r.nextAttemptAt.getTime() > Date.now())).toBe(true);
    const [timedOut] = await attemptsOf(results.find((r) => r.outcome === 'temporary')!.id);
    expect(timedOut).toMatchObject({ outcome: 'temporary', responseCode: null, errorCode: 'ETIMEDOUT' });
  });
});

describe('[correo] admins see where each email stands', () => {
  it('lists the organisation’s emails with status and attempts, filtered by status; others get nothing', async () => {
    const refusedTo = address('refused');
    rules.set(refusedTo, refuse);
    const sentTo = address('accepted');
    const [refused, sent] = await sys.outbox.send([email(refusedTo), email(sentTo)]);
    const admin = sys.client();
    await admin.login(org.users.admin.email, TEST_PASSWORD);

    const failed = await admin.get('/api/admin/outbox?status=failed&pageSize=200');
    expect(failed.status).toBe(200);
    const item = failed.body.items.find((m: { id: string }) => m.id === refused.id);
    expect(item).toMatchObject({ to: refusedTo, status: 'failed', failure: 'rejected', nextAttemptAt: null, sentAt: null });
    expect(item.lastError).toMatch(/^550 /);
    expect(item.attempts).toEqual([{ at: expect.any(String), outcome: 'permanent', responseCode: 550, response: expect.stringContaining('Mailbox unavailable'), durationMs: expect.any(Number) }]);
    expect(failed.body.items.some((m: { id: string }) => m.id === sent.id)).toBe(false);

    const all = (await admin.get('/api/admin/outbox?pageSize=200')).body.items;
    expect(all.find((m: { id: string }) => m.id === sent.id)).toMatchObject({ status: 'sent', attempts: [{ outcome: 'accepted', responseCode: 250 }] });
    expect((await admin.get('/api/admin/outbox?status=lost')).status).toBe(400);

    const ana = sys.client();
    await ana.login(org.users.professional.email, TEST_PASSWORD);
    expect((await ana.get('/api/admin/outbox')).status).toBe(403);
    const other = await createOrganisation(sys.database.db);
    const outsider = sys.client();
    await outsider.login(other.users.admin.email, TEST_PASSWORD);
    expect((await outsider.get('/api/admin/outbox')).body).toEqual({ items: [], total: 0 });
  });
});
