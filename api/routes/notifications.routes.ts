import { createRoute, z } from '@hono/zod-openapi';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { notifications } from '../../db/schema';
import { t } from '../../domain/i18n';
import { createRouter } from '../context';
import { notFound } from '../errors';
import { currentUser } from '../middleware/session';
import { errors, iso, noContent, ok, ZIdParam, ZPageQuery } from '../schemas';

const tags = ['notifications'];

const ZNotification = z
  .object({
    id: z.string(),
    kind: z.string(),
    message: z.string(),
    link: z.string().nullable(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

const list = createRoute({
  method: 'get', path: '/', tags,
  description: 'The caller’s in-app notifications, newest first, in the caller’s language',
  request: { query: ZPageQuery.extend({ unread: z.enum(['true', 'false']).optional() }) },
  responses: { 200: ok(z.object({ items: z.array(ZNotification), total: z.number(), unread: z.number() })), 401: errors[401] },
});
const read = createRoute({
  method: 'post', path: '/{id}/read', tags, request: { params: ZIdParam },
  responses: { 204: noContent, 401: errors[401], 404: errors[404] },
});
const readAll = createRoute({ method: 'post', path: '/read-all', tags, responses: { 204: noContent, 401: errors[401] } });

export const notificationsRoutes = createRouter()
  .openapi(list, async (c) => {
    const user = currentUser(c);
    const { page, pageSize, unread } = c.req.valid('query');
    const { db } = c.var.deps;
    const mine = eq(notifications.userId, user.id);
    const where = unread === 'true' ? and(mine, isNull(notifications.readAt)) : mine;
    const [rows, [{ total }], [{ unreadCount }]] = await Promise.all([
      db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt)).limit(pageSize).offset((page - 1) * pageSize),
      db.select({ total: count() }).from(notifications).where(where),
      db.select({ unreadCount: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))),
    ]);
    const items = rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      message: t(c.var.locale, n.messageKey, n.params, { timeZone: user.organisationTimezone }),
      link: n.link,
      subjectType: n.subjectType,
      subjectId: n.subjectId,
      createdAt: iso(n.createdAt)!,
      readAt: iso(n.readAt),
    }));
    return c.json({ items, total, unread: unreadCount }, 200);
  })
  .openapi(readAll, async (c) => {
    const user = currentUser(c);
    await c.var.deps.db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
    return c.body(null, 204);
  })
  .openapi(read, async (c) => {
    const user = currentUser(c);
    const [row] = await c.var.deps.db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.id, c.req.valid('param').id), eq(notifications.userId, user.id)))
      .returning({ id: notifications.id });
    if (!row) throw notFound();
    return c.body(null, 204);
  });
