// PostgreSQL refuses some values outright (SQLSTATE class 22, "data exception": a NUL byte in
// text, a date out of range). Retrying cannot change the value, so these fail for good.
import { ApplicationFailure } from '@temporalio/common';
import { dataExceptionCode } from '../db/data-errors';

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
