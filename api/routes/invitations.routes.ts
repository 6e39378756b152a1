// Public: the invited person has no account yet; the emailed token is their only credential.
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../context';
import { errors, jsonBody, ok } from '../schemas';
import { acceptInvitation, describeInvitationToken, PASSWORD_MIN_LENGTH } from '../services/invitations';

const tags = ['invitations'];
const ZToken = z.object({ token: z.string().min(20).max(100).openapi({ param: { name: 'token', in: 'path' } }) });

const describe = createRoute({
  method: 'get', path: '/{token}', tags,
  request: { params: ZToken },
  responses: {
    200: ok(z.object({ email: z.string(), name: z.string(), organisationName: z.string(), expiresAt: z.string(), locale: z.string() })),
    404: errors[404],
  },
});
const accept = createRoute({
  method: 'post', path: '/{token}/accept', tags,
  request: {
    params: ZToken,
    ...jsonBody(z.object({ password: z.string().min(PASSWORD_MIN_LENGTH).max(200) }).openapi('AcceptInvitationRequest')),
  },
  responses: { 200: ok(z.object({ userId: z.string(), email: z.string() })), 400: errors[400], 404: errors[404], 409: errors[409] },
});

export const invitationsRoutes = createRouter({ public: true })
  .openapi(describe, async (c) => c.json(await describeInvitationToken(c.var.deps.db, c.req.valid('param').token), 200))
  .openapi(accept, async (c) =>
    c.json(await acceptInvitation(c.var.deps, c.req.valid('param').token, c.req.valid('json').password), 200),
  );
