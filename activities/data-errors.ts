// PostgreSQL refuses some values outright (SQLSTATE class 22, "data exception": a NUL byte in
// text, a date out of range). Retrying cannot change the value, so these fail for good.
import { ApplicationFailure } from '@temporalio/common';

/** The SQLSTATE of a data exception anywhere in the cause chain (drizzle wraps the driver's error), or null. */
export function dataExceptionCode(err: unknown): string | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return code;
  }
  return null;
}

type Activity = (...args: never[]) => Promise<unknown>;

/**
 * Wraps a factory's activities so a data exception becomes a non-retryable `invalid_data`
 * failure instead of being retried forever. The message names the SQLSTATE only: failure
 * messages are not encrypted, and the refused value may be personal data.
 */
export function nonRetryableDataErrors<T extends Record<string, Activity>>(activities: T): T {
  const wrapped: Record<string, Activity> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args) => {
      try {
        return await fn(...args);
      } catch (err) {
        const code = dataExceptionCode(err);
        if (code) throw ApplicationFailure.nonRetryable(`The database refused a value (SQLSTATE ${code})`, 'invalid_data', { sqlState: code });
        throw err;
      }
    };
  }
  return wrapped as T;
}
