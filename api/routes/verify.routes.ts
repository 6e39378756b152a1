// Public verification of signed documents by their secure verification code (CSV): anyone
// holding the code (printed on the document) may see its facts and download it, as Spanish
// administrations do. No session; rate-limited per client so codes cannot be probed.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { normaliseVerificationCode } from '../../security/verification-code';
import { createRouter, type AppDeps, type AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import { clientIp } from '../middleware/session';
import { errors, ok } from '../schemas';
import { verifiedDocument, verifiedPdf } from '../services/ventanilla';
import { ZVerification } from './ventanilla.schemas';

const tags = ['verification'];
const WINDOW_MS = 60_000;
export const VERIFICATIONS_PER_MINUTE = 30;

/** Per app instance (tests build several), not per module. */
const windows = new WeakMap<AppDeps, Map<string, { start: number; n: number }>>();
function limit(c: Context<AppEnv>) {
  let seen = windows.get(c.var.deps);
  if (!seen) windows.set(c.var.deps, (seen = new Map()));
  const key = clientIp(c) ?? 'unknown';
  const now = Date.now();
  const w = seen.get(key);
  if (!w || now - w.start > WINDOW_MS) {
    if (seen.size > 10_000) seen.clear();
    seen.set(key, { start: now, n: 1 });
    return;
  }
  if (++w.n > VERIFICATIONS_PER_MINUTE) throw new ApiError(429, 'too_many_verifications', 'errors.too_many_verifications');
}

const ZCode = z.object({ code: z.string().min(1).max(64).openapi({ param: { name: 'code', in: 'path' }, example: 'CAUCE-7Q2M-K9XD-4TNB-HC0R' }) });

const verify = createRoute({
  method: 'get', path: '/{code}', tags, security: [],
  description: 'The signed document’s facts (sender, recipient, subject, signers, dates, SHA-256) and its PDF link',
  request: { params: ZCode },
  responses: { 200: ok(ZVerification), 404: errors[404], 429: errors[429] },
});
const download = createRoute({
  method: 'get', path: '/{code}/pdf', tags, security: [],
  request: { params: ZCode },
  responses: { 200: { description: 'The signed PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, 404: errors[404], 429: errors[429] },
});

export const verifyRoutes = createRouter({ public: true })
  .openapi(verify, async (c) => {
    limit(c);
    const code = normaliseVerificationCode(c.req.valid('param').code);
    // A malformed code costs the same lookup as a well-formed one: timing tells nothing.
    const doc = await verifiedDocument(c.var.deps.db, code ?? 'CAUCE-INVALID');
    if (!doc) throw notFound();
    return c.json(doc, 200);
  })
  .openapi(download, async (c) => {
    limit(c);
    const code = normaliseVerificationCode(c.req.valid('param').code);
    const doc = await verifiedPdf(c.var.deps.db, code ?? 'CAUCE-INVALID');
    if (!doc) throw notFound();
    return c.body(doc.pdf as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${doc.registryNumber}.pdf"`,
      'cache-control': 'public, max-age=3600',
    });
  });
