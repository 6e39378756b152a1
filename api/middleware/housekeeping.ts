import type { MiddlewareHandler } from 'hono';
import type { Db } from '../../db/client';
import type { AppEnv } from '../context';

/**
 * Purges what has expired (stored answers, spent login counters), at most once per `everyMs` per
 * process and after a response, so no request waits and no timer outlives the app.
 */
export function housekeeping(tasks: Array<(db: Db) => Promise<void>>, everyMs = 10 * 60_000): MiddlewareHandler<AppEnv> {
  let last = 0;
  return async (c, next) => {
    await next();
    if (Date.now() - last < everyMs) return;
    last = Date.now();
    const { db } = c.var.deps;
    for (const task of tasks) task(db).catch((err) => console.warn('[cauce] housekeeping failed', err));
  };
}
