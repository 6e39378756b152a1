import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';

/** How long one request may wait on Temporal unless configured (TEMPORAL_CALL_TIMEOUT_MS). */
export const DEFAULT_TEMPORAL_CALL_TIMEOUT_MS = 10_000;

/**
 * Every Temporal call a request makes shares one deadline. Without it, a request made while the
 * Temporal server is down waits as long as the client keeps retrying the connection (20 s and
 * more, measured by the fault suite); with it, it answers 503 and the caller retries with its
 * Idempotency-Key.
 */
export const temporalDeadline: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { temporal, config } = c.var.deps;
  const deadline = Date.now() + (config.temporalCallTimeoutMs ?? DEFAULT_TEMPORAL_CALL_TIMEOUT_MS);
  await temporal.connection.withDeadline(deadline, next);
};
