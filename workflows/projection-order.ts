// How a workflow runs its projection (a local activity) when an Update handler and the main loop
// both project in one workflow task. Workflow code only: deterministic, no I/O.
//
// Why it matters: live, the SDK resolves each local activity in its own activation as it
// completes, so the continuation whose projection finished first issues its next command first.
// On replay it resolves every local activity of the task in one activation (in history order),
// and the main loop, fewer awaits away from its next command than an Update's completion,
// overtakes the handler: "[TMPRL1100] Timer machine does not handle this event:
// WorkflowExecutionUpdateCompleted" (test/histories/intervention-frozen-*.json).
import { ApplicationFailure, ActivityFailure, log, patched } from '@temporalio/workflow';

/** Guards the change from concurrent to serialized projections in every workflow that projects locally. */
export const SERIAL_PROJECTION_PATCH = 'serial-projection';

/** Run one projection; the queue decides when it starts. */
export type ProjectionRunner = <T>(projection: () => Promise<T>) => Promise<T>;

/**
 * One projection at a time, in the order they were asked for (a mutex, as in Temporal's
 * safe-message-handlers sample). With only one local activity in flight, its resolution is
 * alone in its activation, live and on replay, so commands keep their order.
 */
export function serialProjections(): ProjectionRunner {
  let tail: Promise<unknown> = Promise.resolve();
  return (projection) => {
    const run = tail.then(projection);
    tail = run.catch(() => undefined);
    return run;
  };
}

// More microtask turns than an Update needs from its handler's return to its completion command.
const TURNS_PER_OVERTAKEN = 10;

/**
 * Histories written before SERIAL_PROJECTION_PATCH ran projections concurrently. To replay them,
 * a continuation whose local activity resolved after another one that was in flight at the same
 * time waits a few microtask turns, so the earlier one reaches its next command first, as it did
 * live (where it had an activation of its own).
 */
export function concurrentProjections(): ProjectionRunner {
  let resolved = 0;
  return async (projection) => {
    const before = resolved;
    try {
      return await projection();
    } finally {
      const overtaken = ++resolved - 1 - before;
      for (let i = 0; i < overtaken * TURNS_PER_OVERTAKEN; i++) await Promise.resolve();
    }
  };
}

/** The runner for this workflow run: serialized for runs started on this code, concurrent for older ones. */
export function projectionRunner(): ProjectionRunner {
  return patched(SERIAL_PROJECTION_PATCH) ? serialProjections() : concurrentProjections();
}

/**
 * A projection the database refused as data (a value that slipped past every validator) is
 * logged, not retried and not thrown: the case goes on, and the next projection carries its
 * summary again. Anything else (the database is down) keeps being retried by the activity.
 */
export async function tolerateInvalidData(projection: Promise<unknown>, what: string): Promise<void> {
  try {
    await projection;
  } catch (err) {
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === 'invalid_data') {
      log.error('projection refused by the database', { what, reason: cause.message });
      return;
    }
    throw err;
  }
}
