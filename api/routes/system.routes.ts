import { createRoute, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { sql } from 'drizzle-orm';
import { createRouter } from '../context';
import { currentUser } from '../middleware/session';
import { ok } from '../schemas';

const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

const ZHealth = z
  .object({
    status: z.enum(['ok', 'degraded']),
    db: z.enum(['ok', 'down']),
    temporal: z.enum(['ok', 'down']),
    worker: z.enum(['ok', 'down']).openapi({ description: 'Whether a worker polls the task queue (workflows and activities)' }),
  })
  .openapi('Health');

const health = createRoute({
  method: 'get', path: '/health', tags: ['system'],
  description: 'PostgreSQL, Temporal and the worker, each answered within 2 s; 503 when any is down',
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

/**
 * An idle worker renews its long poll (about a minute) at once, and the server stamps each poll's
 * start and end; a worker gone for longer than this is down (the server lists it for 5 minutes).
 */
export const WORKER_POLL_FRESH_MS = 90_000;

const toMs = (ts: { seconds?: { toNumber(): number } | number | null; nanos?: number | null } | null | undefined) =>
  ts ? (typeof ts.seconds === 'number' ? ts.seconds : (ts.seconds?.toNumber() ?? 0)) * 1000 + (ts.nanos ?? 0) / 1e6 : 0;

/** Some worker polled the queue lately, for workflow tasks and for activity tasks. */
async function workerPolling(temporal: Client, namespace: string, taskQueue: string): Promise<boolean> {
  const fresh = Date.now() - WORKER_POLL_FRESH_MS;
  const types = [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY];
  const answers = await Promise.all(
    types.map((taskQueueType) =>
      temporal.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL }, taskQueueType }),
    ),
  );
  return answers.every((a) => (a.pollers ?? []).some((p) => toMs(p.lastAccessTime) >= fresh));
}

export const systemRoutes = createRouter({ public: true })
  .openapi(health, async (c) => {
    const { db, temporal, config } = c.var.deps;
    const [dbOk, temporalOk, workerOk] = await Promise.all([
      within(db.execute(sql`select 1`), 2000).then(() => true, () => false),
      within(temporal.connection.workflowService.getSystemInfo({}), 2000).then(() => true, () => false),
      within(workerPolling(temporal, config.temporalNamespace, config.taskQueue), 2000).catch(() => false),
    ]);
    const up = dbOk && temporalOk && workerOk;
    const state = (ok: boolean) => (ok ? 'ok' : 'down') as 'ok' | 'down';
    return c.json({ status: up ? 'ok' : 'degraded', db: state(dbOk), temporal: state(temporalOk), worker: state(workerOk) } as const, up ? 200 : 503);
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
