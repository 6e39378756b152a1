// Small helpers every workflow uses. Workflow code only: deterministic, no I/O.
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { dateProblem, findTextProblems, plannedDateProblem } from '../domain/input-rules';

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

/**
 * Registers an Update handler whose validator first refuses text PostgreSQL cannot store (NUL,
 * control characters, lone surrogates) anywhere in the arguments, then runs its own checks. The
 * API refuses such input at the edge; this keeps any other client from wedging a projection.
 */
export function setUpdateHandler<Ret, Args extends any[]>(
  def: UpdateDefinition<Ret, Args>,
  handler: NoInfer<(...args: Args) => Ret | Promise<Ret>>,
  options: NoInfer<{ validator?: (...args: Args) => void }> = {},
): void {
  setHandler(def, handler, {
    ...options,
    validator: (...args: Args) => {
      refuseUnstorableInput(args[0]);
      options.validator?.(...args);
    },
  });
}

/** The refusal the API answers with 400 and the fields named, as it does at the edge. */
export function refuseUnstorableInput(input: unknown): void {
  const problems = findTextProblems(input);
  if (problems.length) {
    refuse('invalid_input', `Invalid text in ${problems.map((p) => p.path).join(', ')}`, {
      fields: problems.map((p) => ({ path: p.path, code: p.problem })),
    });
  }
}

/** Refuses a date outside the sane range (see domain/input-rules.ts), naming the field. */
export function refuseDateOutOfRange(field: string, value: string, planned = false): void {
  const problem = planned ? plannedDateProblem(value, now()) : dateProblem(value, now());
  if (problem) refuse('invalid_input', `Invalid date in ${field}`, { fields: [{ path: field, code: problem }] });
}
