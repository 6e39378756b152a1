// One error class and one mapping to the contract's shape:
// { "error": { "code": "snake_case", "message": "human sentence", "details": ... } }
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError, type z } from 'zod';
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, WorkflowNotFoundError, ServiceError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { dataExceptionCode } from '../db/data-errors';
import { t, type Locale } from '../domain/i18n';
import { describeCloseBlockers, type CloseBlocker } from '../domain/interventions';
import { referralUnprocessableCodes } from '../workflows/referral.definitions';
import type { SessionUser } from './context';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500 | 503;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    /** An i18n key (`errors.x`) or a ready sentence. */
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(messageKey);
  }
}

export const notFound = () => new ApiError(404, 'not_found', 'errors.not_found');
export const forbidden = (details?: unknown) => new ApiError(403, 'forbidden', 'errors.forbidden', {}, details);
export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'errors.unauthenticated');
export const conflict = (code: string, messageKey: string, params: Record<string, string | number> = {}, details?: unknown) =>
  new ApiError(409, code, messageKey, params, details);
/** One refused field. `messageParams` fill its `input.<code>` sentence, written in the reader's language. */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
  /** The catalogue sentence when it is not `input.<code>` (a zod issue's finer kind). */
  messageKey?: string;
  messageParams?: Record<string, string | number>;
}

/**
 * The sentence for one of zod's own issues, in terms a person understands: "Este campo es
 * obligatorio", "Escribe al menos 3 caracteres", "No es una dirección de correo válida".
 */
function zodSentence(i: z.core.$ZodIssue): Pick<FieldProblem, 'messageKey' | 'messageParams'> {
  const issue = i as z.core.$ZodIssue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; format?: string; input?: unknown; values?: unknown[]; keys?: string[] };
  const n = (v: number | bigint | undefined) => Number(v ?? 0);
  switch (issue.code) {
    case 'invalid_type':
      return { messageKey: issue.input === undefined || issue.input === null ? 'input.required' : 'input.invalid_type' };
    case 'too_small':
      if (issue.origin === 'string') return n(issue.minimum) <= 1 ? { messageKey: 'input.required' } : { messageKey: 'input.too_short', messageParams: { minimum: n(issue.minimum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { messageKey: 'input.too_few', messageParams: { minimum: n(issue.minimum) } };
      return { messageKey: 'input.too_small_number', messageParams: { minimum: n(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { messageKey: 'input.too_long', messageParams: { maximum: n(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { messageKey: 'input.too_many', messageParams: { maximum: n(issue.maximum) } };
      return { messageKey: 'input.too_big_number', messageParams: { maximum: n(issue.maximum) } };
    case 'invalid_format':
      return { messageKey: issue.format && ['email', 'uuid', 'date', 'datetime', 'url'].includes(issue.format) ? `input.invalid_format_${issue.format}` : 'input.invalid_format' };
    case 'invalid_value':
      return { messageKey: 'input.invalid_value', messageParams: { values: (issue.values ?? []).map(String).join(', ') } };
    case 'unrecognized_keys':
      return { messageKey: 'input.unrecognized_keys', messageParams: { keys: (issue.keys ?? []).join(', ') } };
    default:
      return {};
  }
}

export const invalidInput = (fields: FieldProblem[]) => new ApiError(400, 'invalid_input', 'errors.invalid_input', {}, { fields });

export function validationFailed(error: ZodError | z.core.$ZodError): ApiError {
  return invalidInput(
    error.issues.map((i) => {
      // Our own refinements (api/schemas.ts) carry their code and its sentence's parameters.
      const own = i.code === 'custom' ? (i.params as { code?: string; messageParams?: Record<string, string | number> } | undefined) : undefined;
      if (own) return { path: i.path.map(String).join('.'), message: i.message, code: own.code ?? i.code, messageParams: own.messageParams };
      return { path: i.path.map(String).join('.'), message: i.message, code: i.code, ...zodSentence(i) };
    }),
  );
}

/** Field messages with a sentence in the catalogue are given in the reader's language. */
function localizeFields(locale: Locale, details: unknown): unknown {
  const fields = (details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return details;
  return {
    ...(details as object),
    fields: fields.map((f: FieldProblem) => {
      const { messageParams, messageKey, ...field } = f;
      const key = messageKey ?? `input.${f.code}`;
      const message = f.code ? t(locale, key, messageParams) : key;
      return message === key ? field : { ...field, message };
    }),
  };
}

export function errorBody(locale: Locale, code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

function isTemporalUnavailable(err: unknown): boolean {
  const text = String((err as Error)?.message ?? err);
  return (
    err instanceof ServiceError ||
    // An Update that could not be sent or followed within the request's deadline (temporal-deadline.ts).
    err instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    /UNAVAILABLE|ECONNREFUSED|Connection refused|DEADLINE_EXCEEDED|Deadline exceeded|failed to connect|CANCELLED|AbortError|operation was aborted/i.test(text)
  );
}

/** Down, stalled or timed out: statement_timeout (57014), lock_timeout (55P03), our deadline. */
const DATABASE_UNAVAILABLE = new Set(['ECONNREFUSED', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'QUERY_DEADLINE', '57P01', '57P03', '57014', '55P03', '53300']);

function isDatabaseUnavailable(err: unknown): boolean {
  // drizzle wraps the driver's error in DrizzleQueryError: the code is on its cause.
  for (let e = err as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && DATABASE_UNAVAILABLE.has(e.code)) return true;
  }
  return false;
}

/**
 * Maps everything that can escape a handler. Workflow refusals (an Update's validator or
 * handler throwing ApplicationFailure) become 409 with the workflow's code and reason.
 */
export function toErrorResponse(err: unknown, c: Context) {
  const locale = (c.get('locale') as Locale | undefined) ?? 'es';
  if (err instanceof ApiError) {
    return c.json(errorBody(locale, err.code, t(locale, err.messageKey, err.params), localizeFields(locale, err.details)), err.status);
  }
  if (err instanceof ZodError) {
    const e = validationFailed(err);
    return c.json(errorBody(locale, e.code, t(locale, e.messageKey), localizeFields(locale, e.details)), 400);
  }
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure) {
      const code = cause.type ?? 'conflict';
      const details = cause.details?.[0];
      // The workflow's own check of the edge's rules (a client other than this API): the same 400.
      if (code === 'invalid_input') {
        const fields = ((details as { fields?: FieldProblem[] } | undefined)?.fields ?? []).map((f) => ({ ...f, message: f.code ?? 'invalid' }));
        return c.json(errorBody(locale, code, t(locale, 'errors.invalid_input'), localizeFields(locale, { fields })), 400);
      }
      const key = `errors.${code}`;
      const params = { ...((details ?? {}) as Record<string, string | number>) };
      const blockers = (details as { blockers?: CloseBlocker[] } | undefined)?.blockers;
      if (Array.isArray(blockers)) {
        params.list = describeCloseBlockers(blockers, locale, (c.get('user') as SessionUser | null)?.organisationTimezone ?? 'Europe/Madrid');
      }
      const localized = t(locale, key, params);
      // The workflow also knows who may act (the author may not sign their own communication):
      // those refusals are typed forbidden_* and are 403; every other refusal is a 409.
      // A business rule about the request itself (no consent, no address) is a 422, as at the edge.
      const status = code.startsWith('forbidden_') ? 403 : referralUnprocessableCodes.includes(code) ? 422 : 409;
      return c.json(errorBody(locale, code, localized === key ? cause.message : localized, details), status);
    }
    return c.json(errorBody(locale, 'conflict', t(locale, 'errors.conflict')), 409);
  }
  if (err instanceof WorkflowNotFoundError) {
    // An Update sent to a workflow that has finished (closed case, accepted invitation).
    if (/already completed/i.test(err.message)) {
      return c.json(errorBody(locale, 'workflow_closed', t(locale, 'errors.workflow_closed')), 409);
    }
    return c.json(errorBody(locale, 'not_found', t(locale, 'errors.not_found')), 404);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ErrorStatus;
    const code = status === 403 ? 'forbidden' : status === 413 ? 'payload_too_large' : 'http_error';
    return c.json(errorBody(locale, code, err.message || t(locale, 'errors.internal')), status);
  }
  // A safety net behind the edge's checks: a value PostgreSQL refuses (SQLSTATE class 22) is the
  // caller's input, never a server error.
  const sqlState = dataExceptionCode(err);
  if (sqlState) {
    return c.json(errorBody(locale, 'invalid_input', t(locale, 'errors.invalid_input'), { fields: [], sqlState }), 400);
  }
  if (isDatabaseUnavailable(err) || isTemporalUnavailable(err)) {
    return c.json(errorBody(locale, 'service_unavailable', t(locale, 'errors.unavailable')), 503);
  }
  console.error('[cauce] unhandled error', err);
  return c.json(errorBody(locale, 'internal_error', t(locale, 'errors.internal')), 500);
}
