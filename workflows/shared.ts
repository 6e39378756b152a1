// Small helpers every workflow uses. Workflow code only: deterministic, no I/O.
import { ApplicationFailure } from '@temporalio/workflow';

export const DEFAULT_TASK_QUEUE = 'cauce';

/** The workflow clock: inside the sandbox `Date` is the SDK's deterministic replacement. */
export const now = (): Date => new Date();

/**
 * A refusal of a requested transition. The API maps `type` (a snake_case code) to 409 and
 * shows `message`; `details` carries what the UI needs to explain it (e.g. pending follow-ups).
 */
export function refuse(code: string, message: string, details?: Record<string, unknown>): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true, details: details ? [details] : undefined });
}

/** Milliseconds until `at`, at least 1 ms: a zero timeout would wait forever in `condition`. */
export function msUntil(at: Date): number {
  return Math.max(1, at.getTime() - now().getTime());
}
