// Shapes shared by every resource: errors, pagination, ids, dates.
import { z } from '@hono/zod-openapi';
import { dateProblem, EARLIEST_DATE, MAX_YEARS_AHEAD, PLANNED_MAX_YEARS_AHEAD, plannedDateProblem } from '../domain/input-rules';

export const ZError = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string().openapi({ example: 'No se ha encontrado.' }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
});

/** Every id we issue is a UUID (db/schema/common.ts): anything else is a 400, never a query. */
export const ZId = z.uuid().openapi({ example: '3f0c2a3e-8a4b-4c1e-9a57-0d1b2c3d4e5f' });
export const idParam = (name: string) => ZId.openapi({ param: { name, in: 'path' } });
export const ZIdParam = z.object({ id: idParam('id') });

/**
 * A custom issue the error mapper turns into `{ path, code, message }` in the reader's language
 * (`input.<code>` in domain/i18n).
 */
function refuse(ctx: z.RefinementCtx, code: string, messageParams: Record<string, string | number>) {
  ctx.addIssue({ code: 'custom', message: code, params: { code, messageParams } });
}

/** A date people give (birth, action, holiday, a filter): a real day between 1900 and 10 years ahead. */
export const ZDate = z.iso.date().superRefine((value, ctx) => {
  const problem = dateProblem(value, new Date());
  // Not a date at all is the format check's to say, once.
  if (problem && problem !== 'invalid_date') refuse(ctx, problem, { earliest: EARLIEST_DATE, years: MAX_YEARS_AHEAD });
});

/** A day or a moment to search by (ISO 8601 date, or date-time with offset), within ZDate's range. */
export const ZDateOrDateTime = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).superRefine((value, ctx) => {
  const problem = dateProblem(value.slice(0, 10), new Date());
  if (problem && problem !== 'invalid_date') refuse(ctx, problem, { earliest: EARLIEST_DATE, years: MAX_YEARS_AHEAD });
});

/** A planned moment (ISO with offset, or a date): not before yesterday, at most 5 years ahead. */
export const ZPlannedAt = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).superRefine((value, ctx) => {
  const problem = plannedDateProblem(value, new Date());
  if (problem && problem !== 'invalid_date') refuse(ctx, problem, { years: PLANNED_MAX_YEARS_AHEAD });
});

export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

const json = (schema: z.ZodTypeAny, description: string) => ({ content: { 'application/json': { schema } }, description });

/** The error responses a route can give, documented once. */
export const errors = {
  400: json(ZError, 'Invalid input: details.fields names each field'),
  401: json(ZError, 'Not signed in'),
  403: json(ZError, 'No permission'),
  404: json(ZError, 'Not found, or another organisation’s'),
  409: json(ZError, 'Not allowed in the current state'),
  413: json(ZError, 'Body too large (payload_too_large): JSON at most 1 MB, uploads at most the file limit'),
  422: json(ZError, 'Business rule'),
  429: json(ZError, 'Too many attempts'),
  503: json(ZError, 'A dependency is down; nothing was changed'),
} as const;

export function jsonBody<T extends z.ZodTypeAny>(schema: T) {
  // required: a body sent with another content type is refused instead of read as empty.
  return { body: { content: { 'application/json': { schema } }, required: true } };
}

export function ok<T extends z.ZodTypeAny>(schema: T, description = 'OK') {
  return json(schema, description) as { content: { 'application/json': { schema: T } }; description: string };
}

export const noContent = { description: 'Done' } as const;

/** ISO 8601 with offset, as the contract wants for every time. */
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

type Operation = { requestBody?: unknown; responses?: Record<string, unknown> };
const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options']);
const edgeError = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/**
 * The edge's own answers, on every operation they can come from (api/middleware/input.ts):
 * 400 for text that cannot be stored (any path, query or body value), 413 for an oversized body.
 */
export function documentEdgeErrors<T extends { paths?: object }>(doc: T): T {
  for (const item of Object.values(doc.paths ?? {}) as Array<Record<string, Operation>>) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      op.responses ??= {};
      op.responses['400'] ??= edgeError(errors[400].description);
      if (op.requestBody) op.responses['413'] ??= edgeError(errors[413].description);
    }
  }
  return doc;
}
