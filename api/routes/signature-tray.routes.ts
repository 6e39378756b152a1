// The signature tray (bandeja de firmas): what awaits the caller's signature, oldest first,
// and signing several at once, each with its own Update and its own result.
import { createRoute, z } from '@hono/zod-openapi';
import { signCommunicationUpdate } from '../../workflows/ventanilla.definitions';
import { createRouter } from '../context';
import { toErrorResponse } from '../errors';
import { currentUser } from '../middleware/session';
import { errors, jsonBody, ok, page, ZPageQuery } from '../schemas';
import { act, confirmSignature, signatureTray, viewerOf } from '../services/ventanilla';
import { ZBulkSignRequest, ZBulkSignResult, ZTrayItem } from './ventanilla.schemas';

const tags = ['signature-tray'];
/** Signatures in flight at once in a bulk sign: each makes a PDF; more would only queue. */
const BULK_SIGN_CONCURRENCY = 4;

const list = createRoute({
  method: 'get', path: '/', tags,
  description: 'Communications awaiting the caller’s signature, oldest first, each with its PDF preview link',
  request: { query: ZPageQuery },
  responses: { 200: ok(page(ZTrayItem)), 401: errors[401] },
});
const bulkSign = createRoute({
  method: 'post', path: '/sign', tags,
  description: 'Signs each id separately (one Update each); every item reports its own success or error',
  request: jsonBody(ZBulkSignRequest),
  responses: { 200: ok(ZBulkSignResult), 400: errors[400], 401: errors[401] },
});

type BulkResult = z.infer<typeof ZBulkSignResult>['results'][number];

export const signatureTrayRoutes = createRouter()
  .openapi(list, async (c) => {
    const v = await viewerOf(c.var.deps.db, currentUser(c));
    const { page: p, pageSize } = c.req.valid('query');
    return c.json(await signatureTray(c.var.deps.db, v, p, pageSize), 200);
  })
  .openapi(bulkSign, async (c) => {
    const v = await viewerOf(c.var.deps.db, currentUser(c));
    const body = c.req.valid('json');
    // Once for the whole batch, before anything is signed.
    await confirmSignature(c.var.deps.db, v, body.password);
    const ids = [...new Set(body.ids)];
    const results: BulkResult[] = new Array(ids.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(BULK_SIGN_CONCURRENCY, ids.length) }, async () => {
        while (next < ids.length) {
          const i = next++;
          const id = ids[i];
          try {
            const state = await act(c.var.deps, v, id, signCommunicationUpdate, (actor) => ({ actor }), 'communication.signed', { bulk: true });
            results[i] = { id, ok: true, status: state.status };
          } catch (err) {
            // The same mapping as a single request, so each failure reads like its own /sign.
            const res = toErrorResponse(err, c);
            const body = (await res.json()) as { error: { code: string; message: string } };
            results[i] = { id, ok: false, error: { status: res.status, code: body.error.code, message: body.error.message } };
          }
        }
      }),
    );
    const signed = results.filter((r) => r.ok).length;
    return c.json({ signed, failed: results.length - signed, results }, 200);
  });
