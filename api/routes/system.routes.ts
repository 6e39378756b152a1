import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { createRouter } from '../context';
import { currentUser } from '../middleware/session';
import { ok } from '../schemas';

const ZHealth = z.object({ status: z.enum(['ok', 'degraded']), db: z.enum(['ok', 'down']), temporal: z.enum(['ok', 'down']) }).openapi('Health');

const health = createRoute({
  method: 'get', path: '/health', tags: ['system'],
  responses: { 200: ok(ZHealth), 503: ok(ZHealth, 'A dependency is down') },
});
const info = createRoute({
  method: 'get', path: '/system', tags: ['system'], 
  description: 'What the app shell needs: links for admins, whether SMS is live or simulated',
  responses: {
    200: ok(z.object({ temporalUiUrl: z.string().nullable(), temporalNamespace: z.string(), smsLive: z.boolean(), mailCapture: z.boolean() })),
  },
});

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export const systemRoutes = createRouter({ public: true })
  .openapi(health, async (c) => {
    const { db, temporal } = c.var.deps;
    const [dbOk, temporalOk] = await Promise.all([
      within(db.execute(sql`select 1`), 2000).then(() => true, () => false),
      within(temporal.connection.workflowService.getSystemInfo({}), 2000).then(() => true, () => false),
    ]);
    const body = { status: dbOk && temporalOk ? 'ok' : 'degraded', db: dbOk ? 'ok' : 'down', temporal: temporalOk ? 'ok' : 'down' } as const;
    return c.json(body, dbOk && temporalOk ? 200 : 503);
  })
  .openapi(info, (c) => {
    const user = currentUser(c);
    const { config } = c.var.deps;
    return c.json(
      {
        temporalUiUrl: user.permissions.includes('workflows.inspect') ? `${config.temporalUiUrl}/namespaces/${config.temporalNamespace}/workflows` : null,
        temporalNamespace: config.temporalNamespace,
        smsLive: config.smsLive,
        mailCapture: config.mailCapture,
      },
      200,
    );
  });
