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
  const ms = config.temporalCallTimeoutMs ?? DEFAULT_TEMPORAL_CALL_TIMEOUT_MS;
  // The gRPC deadline bounds each call; the abort signal also cuts the client's own retry
  // back-off between calls, which the deadline alone let run on (15.2 s with a 10 s deadline,
  // fault suite, Temporal stopped for 15 s).
  await temporal.connection.withDeadline(Date.now() + ms, () => temporal.connection.withAbortSignal(AbortSignal.timeout(ms), next));
};
