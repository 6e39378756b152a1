// Admins read what the platform sent: mail captured by the local SMTP server, SMS (simulated
// ones labelled so), and the outbox: where each email stands and every attempt to send it.
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { capturedMails, outboxAttempts, outboxMessages, smsLog } from '../../db/schema';
import { createRouter } from '../context';
import { notFound } from '../errors';
import { requirePermission } from '../middleware/session';
import { errors, iso, ok, page, ZIdParam, ZPageQuery } from '../schemas';

const tags = ['outbox'];

const ZMail = z
  .object({ id: z.string(), from: z.string(), to: z.array(z.string()), subject: z.string(), text: z.string().nullable(), html: z.string().nullable(), receivedAt: z.string(),
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() })).openapi({ description: 'Files the mail carried (names, types, sizes)' }) })
  .openapi('CapturedMail');
const ZSms = z
  .object({ id: z.string(), to: z.string(), body: z.string(), status: z.string(), simulated: z.boolean(), createdAt: z.string() })
  .openapi('SmsRecord');

const ZOutboxAttempt = z
  .object({
    at: z.string(),
    outcome: z.enum(['accepted', 'temporary', 'permanent']),
    responseCode: z.number().int().nullable().openapi({ description: 'SMTP reply code; null when no reply came (refused connection, timeout)' }),
    response: z.string().nullable(),
    durationMs: z.number().int(),
  })
  .openapi('OutboxAttempt');
const ZOutboxEmail = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    status: z.enum(['queued', 'sending', 'sent', 'failed']),
    failure: z.enum(['rejected', 'expired']).nullable().openapi({ description: 'rejected: refused for good (5xx); expired: not accepted before the deadline' }),
    attempts: z.array(ZOutboxAttempt),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable().openapi({ description: 'When it is tried again, while queued' }),
    sentAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('OutboxEmail');
const ZOutboxQuery = ZPageQuery.extend({ status: z.enum(['queued', 'sending', 'sent', 'failed']).optional() });

const listMails = createRoute({
  method: 'get', path: '/mails', tags, request: { query: ZPageQuery },
  responses: { 200: ok(page(ZMail)), 401: errors[401], 403: errors[403] },
});
const getMail = createRoute({
  method: 'get', path: '/mails/{id}', tags, request: { params: ZIdParam },
  responses: { 200: ok(ZMail), 401: errors[401], 403: errors[403], 404: errors[404] },
});
const listSms = createRoute({
  method: 'get', path: '/sms', tags, request: { query: ZPageQuery },
  responses: { 200: ok(page(ZSms)), 401: errors[401], 403: errors[403] },
});

const listOutbox = createRoute({
  method: 'get', path: '/outbox', tags, request: { query: ZOutboxQuery },
  description: 'Every email the organisation sent or is sending, newest first, with its attempts.',
  responses: { 200: ok(page(ZOutboxEmail)), 400: errors[400], 401: errors[401], 403: errors[403] },
});

const mailOut = (m: typeof capturedMails.$inferSelect) => ({ id: m.id, from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, receivedAt: iso(m.receivedAt)!, attachments: m.attachments ?? [] });

export const mailRoutes = createRouter()
  .openapi(listMails, async (c) => {
    const user = requirePermission(c, 'mail.view');
    const { page: p, pageSize } = c.req.valid('query');
    const where = eq(capturedMails.organisationId, user.organisationId);
    const rows = await c.var.deps.db.select().from(capturedMails).where(where).orderBy(desc(capturedMails.receivedAt)).limit(pageSize).offset((p - 1) * pageSize);
    const [{ total }] = await c.var.deps.db.select({ total: count() }).from(capturedMails).where(where);
    return c.json({ items: rows.map(mailOut), total }, 200);
  })
  .openapi(getMail, async (c) => {
    const user = requirePermission(c, 'mail.view');
    const [row] = await c.var.deps.db
      .select()
      .from(capturedMails)
      .where(and(eq(capturedMails.id, c.req.valid('param').id), eq(capturedMails.organisationId, user.organisationId)));
    if (!row) throw notFound();
    return c.json(mailOut(row), 200);
  })
  .openapi(listSms, async (c) => {
    const user = requirePermission(c, 'mail.view');
    const { page: p, pageSize } = c.req.valid('query');
    const where = eq(smsLog.organisationId, user.organisationId);
    const rows = await c.var.deps.db.select().from(smsLog).where(where).orderBy(desc(smsLog.createdAt)).limit(pageSize).offset((p - 1) * pageSize);
    const [{ total }] = await c.var.deps.db.select({ total: count() }).from(smsLog).where(where);
    return c.json(
      { items: rows.map((s) => ({ id: s.id, to: s.to, body: s.body, status: s.status, simulated: s.status === 'simulated', createdAt: iso(s.createdAt)! })), total },
      200,
    );
  })
  .openapi(listOutbox, async (c) => {
    const user = requirePermission(c, 'mail.view');
    const { page: p, pageSize, status } = c.req.valid('query');
    const { db } = c.var.deps;
    const where = and(eq(outboxMessages.organisationId, user.organisationId), status ? eq(outboxMessages.status, status) : undefined);
    const rows = await db.select().from(outboxMessages).where(where).orderBy(desc(outboxMessages.createdAt)).limit(pageSize).offset((p - 1) * pageSize);
    const [{ total }] = await db.select({ total: count() }).from(outboxMessages).where(where);
    const attempts = rows.length
      ? await db.select().from(outboxAttempts).where(inArray(outboxAttempts.outboxId, rows.map((r) => r.id))).orderBy(asc(outboxAttempts.startedAt))
      : [];
    const items = rows.map((r) => ({
      id: r.id,
      to: r.recipient,
      subject: r.subject,
      status: r.status,
      failure: r.failure,
      attempts: attempts
        .filter((a) => a.outboxId === r.id)
        .map((a) => ({ at: iso(a.startedAt)!, outcome: a.outcome, responseCode: a.responseCode, response: a.response, durationMs: a.durationMs })),
      lastError: r.lastError,
      nextAttemptAt: r.status === 'queued' ? iso(r.nextAttemptAt) : null,
      sentAt: iso(r.sentAt),
      createdAt: iso(r.createdAt)!,
    }));
    return c.json({ items, total }, 200);
  });
