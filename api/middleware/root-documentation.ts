// What the middleware at the root adds to every route, written into the OpenAPI document once
// instead of into each route: the Idempotency-Key header and its answers, and the 503 any route
// gives when PostgreSQL or Temporal does not answer in time.
import { IDEMPOTENCY_HEADER, UNSAFE_METHODS } from './idempotency';

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  responses?: Record<string, { description: string; content?: unknown }>;
}
type Document = { paths?: object };

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function addResponse(op: Operation, status: string, description: string) {
  op.responses ??= {};
  const existing = op.responses[status];
  if (existing) existing.description = `${existing.description}; ${description}`;
  else op.responses[status] = { description, content: errorContent };
}

export function documentRootMiddleware<D extends Document>(doc: D, options: { idempotencyExempt: (path: string) => boolean }): D {
  for (const [path, operations] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, Operation>>)) {
    for (const [method, op] of Object.entries(operations)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      if (!op.responses?.['503']) addResponse(op, '503', 'A dependency is down or did not answer in time (service_unavailable)');
      if (!UNSAFE_METHODS.has(method.toUpperCase()) || options.idempotencyExempt(path)) continue;
      op.parameters = [
        ...(op.parameters ?? []),
        {
          name: IDEMPOTENCY_HEADER,
          in: 'header',
          required: false,
          description:
            'One per user action, reused when retrying it: the first answer is kept 24 h and returned to a repeat of the same request ' +
            '(header Idempotent-Replayed: true), and ids and workflow Update IDs derive from it. Applies when signed in.',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
        } as { name: string; in: string },
      ];
      addResponse(op, '400', 'invalid_idempotency_key: the Idempotency-Key header is malformed');
      addResponse(op, '409', 'request_in_progress: the same request with this Idempotency-Key is still running (Retry-After)');
      addResponse(op, '422', 'idempotency_key_reused: this Idempotency-Key was used for a different request');
    }
  }
  return doc;
}
