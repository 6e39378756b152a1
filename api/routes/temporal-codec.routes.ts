// The codec server of the Temporal Web UI (Temporal's remote codec protocol): the UI posts the
// encrypted payloads of a workflow's history and shows what comes back. Only an organisation
// admin signed in to Cauce gets them decrypted (the UI sends the session cookie:
// TEMPORAL_CODEC_INCLUDE_CREDENTIALS). One exception: the development UI of `npm start` cannot
// send credentials, so outside production a browser on this very machine (a loopback socket,
// not a header anyone can write) is served without a session, like that UI itself.
// Decoding changes nothing: it is exempt from CSRF, and CORS lets only the Temporal UI's origin
// read the answer.
import { createRoute, z } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Payload } from '@temporalio/common';
import type { Context } from 'hono';
import { createRouter } from '../context';
import { ApiError, forbidden, unauthenticated } from '../errors';
import { hasRole } from '../middleware/session';
import { errors, jsonBody, ok } from '../schemas';

export const CODEC_PATH = '/api/temporal-codec';

const ZCodecPayloads = z
  .object({
    payloads: z
      .array(
        z.object({
          metadata: z.record(z.string(), z.string()).default({}).openapi({ description: 'values in base64' }),
          data: z.string().default('').openapi({ description: 'base64' }),
        }),
      )
      .max(5_000),
  })
  .openapi('CodecPayloads');

const decode = createRoute({
  method: 'post', path: '/decode', tags: ['temporal'],
  description: 'Decrypts workflow payloads for the Temporal Web UI (remote codec protocol). Production: organisation admins only.',
  request: jsonBody(ZCodecPayloads),
  responses: { 200: ok(ZCodecPayloads), 400: errors[400], 401: errors[401], 403: errors[403], 422: errors[422] },
});

type JsonPayload = z.infer<typeof ZCodecPayloads>['payloads'][number];

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/** The TCP peer, never X-Forwarded-For: behind a proxy on this machine it is not loopback-only. */
function fromThisMachine(c: Context): boolean {
  try {
    const address = getConnInfo(c).remote.address ?? '';
    const loopback = address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
    return loopback && !c.req.header('x-forwarded-for');
  } catch {
    return false; // no socket (an in-process request): not a browser on this machine
  }
}

export const temporalCodecRoutes = createRouter({ public: true }).openapi(decode, async (c) => {
  const { payloadCodec, config } = c.var.deps;
  if (config.production || !fromThisMachine(c)) {
    const user = c.var.user;
    if (!user) throw unauthenticated();
    if (!hasRole(user, 'admin')) throw forbidden();
  }
  const { payloads } = c.req.valid('json');
  if (!payloadCodec) return c.json({ payloads }, 200);
  try {
    return c.json({ payloads: (await payloadCodec.decode(payloads.map(fromJson))).map(toJson) }, 200);
  } catch {
    // A key removed from PAYLOAD_ENCRYPTION_KEYS too early, or tampered data (GCM refuses it).
    throw new ApiError(422, 'payload_undecodable', 'errors.payload_undecodable');
  }
});
