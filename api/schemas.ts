// Shapes shared by every resource: errors, pagination, ids.
import { z } from '@hono/zod-openapi';

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

export const ZIdParam = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });

export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

const json = (schema: z.ZodTypeAny, description: string) => ({ content: { 'application/json': { schema } }, description });

/** The error responses a route can give, documented once. */
export const errors = {
  400: json(ZError, 'Invalid input: details.fields names each field'),
  401: json(ZError, 'Not signed in'),
  403: json(ZError, 'No permission'),
  404: json(ZError, 'Not found, or another organisation’s'),
  409: json(ZError, 'Not allowed in the current state'),
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
