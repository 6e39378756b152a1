// Admins read what the platform sent: mail captured by the local SMTP server, and SMS
// (simulated ones labelled so).
import { createRoute, z } from '@hono/zod-openapi';
import { and, count, desc, eq } from 'drizzle-orm';
import { capturedMails, smsLog } from '../../db/schema';
import { createRouter } from '../context';
import { notFound } from '../errors';
import { requirePermission } from '../middleware/session';
import { errors, iso, ok, page, ZIdParam, ZPageQuery } from '../schemas';

const tags = ['outbox'];

const ZMail = z
  .object({ id: z.string(), from: z.string(), to: z.array(z.string()), subject: z.string(), text: z.string().nullable(), html: z.string().nullable(), receivedAt: z.string() })
  .openapi('CapturedMail');
const ZSms = z
  .object({ id: z.string(), to: z.string(), body: z.string(), status: z.string(), simulated: z.boolean(), createdAt: z.string() })
  .openapi('SmsRecord');

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

const mailOut = (m: typeof capturedMails.$inferSelect) => ({ id: m.id, from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, receivedAt: iso(m.receivedAt)! });

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
  });
