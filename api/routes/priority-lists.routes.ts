// Priority lists of the CPI (liste di priorità) and their verifications (Riscontri/Verifiche).
import { createRoute, z } from '@hono/zod-openapi';
import { PassThrough, Readable } from 'node:stream';
import { createCpiWorkspaceRouter } from '../middleware/cpi-access';
import { currentUser } from '../middleware/session';
import { ApiError } from '../errors';
import { errors, jsonBody, ok, page, ZIdParam, ZPageQuery } from '../schemas';
import {
  exportWorkersXlsx,
  findList,
  importPriorityList,
  listLists,
  listWorkers,
  MAX_LIST_ROWS,
  recordVerification,
  verificationHistory,
} from '../services/priority-lists';
import {
  ZImportPriorityListResult,
  ZPriorityList,
  ZPriorityListWorker,
  ZVerificationHistory,
  ZVerificationRequest,
  ZVerificationResult,
  ZWorkerFilter,
  ZWorkerListQuery,
  ZWorkerParams,
} from './priority-lists.schemas';

const tags = ['priority-lists'];
const who = 'Staff (admin, supervisor, professional) of a CPI organisation, accredited unless admin (403 not_accredited); anyone else 403 (not_cpi_staff).';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const list = createRoute({
  method: 'get', path: '/', tags, description: `The organisation’s lists, newest first. ${who}`,
  request: { query: ZPageQuery },
  responses: { 200: ok(page(ZPriorityList)), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const importList = createRoute({
  method: 'post', path: '/', tags,
  description: `${who} Multipart: name, file (CSV or XLSX; columns codice_fiscale, nome, cognome, data_nascita, provincia, and optionally beneficio; at most ${MAX_LIST_ROWS} rows). All or nothing: a 400 lists every problem in details.lines, each as "Riga 4: codice fiscale non valido" in the reader's language. Each worker is matched by codice fiscale to a person file, or gets one.`,
  request: {
    body: {
      content: { 'multipart/form-data': { schema: z.object({ name: z.string().max(200), file: z.any().openapi({ type: 'string', format: 'binary' }) }) } },
      required: true,
    },
  },
  responses: { 201: ok(ZImportPriorityListResult, 'Imported'), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags, description: who,
  request: { params: ZIdParam },
  responses: { 200: ok(ZPriorityList), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const workers = createRoute({
  method: 'get', path: '/{id}/workers', tags,
  description: `${who} The workers in the file's order, with their convocation state (from their appointments) and latest verification.`,
  request: { params: ZIdParam, query: ZWorkerListQuery },
  responses: { 200: ok(page(ZPriorityListWorker)), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const exportXlsx = createRoute({
  method: 'get', path: '/{id}/export.xlsx', tags,
  description: `${who} "Estrai su file excel": the workers with the same filters as the list, as an XLSX streamed row by row (typed columns, dates as dates).`,
  request: { params: ZIdParam, query: ZWorkerFilter },
  responses: {
    200: { description: 'XLSX', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
    400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404],
  },
});
const verify = createRoute({
  method: 'post', path: '/{id}/workers/{personId}/verification', tags,
  description: `${who} Records a verification outcome (the history is kept and audited): renounced or excluded_employed forbid booking appointments (422 worker_excluded), eligible clears it.`,
  request: { params: ZWorkerParams, ...jsonBody(ZVerificationRequest) },
  responses: { 200: ok(ZVerificationResult), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const history = createRoute({
  method: 'get', path: '/{id}/workers/{personId}/verifications', tags, description: `${who} The worker's verifications, newest first.`,
  request: { params: ZWorkerParams },
  responses: { 200: ok(ZVerificationHistory), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

const fileMissing = () => new ApiError(400, 'invalid_input', 'errors.invalid_input', {}, { fields: [{ path: 'file', message: 'required', code: 'required' }] });

const cpiOnly = createCpiWorkspaceRouter();

export const priorityListsRoutes = cpiOnly
  .openapi(list, async (c) => c.json(await listLists(c.var.deps.db, currentUser(c), c.req.valid('query')), 200))
  .openapi(importList, async (c) => {
    const user = currentUser(c);
    const form = await c.req.parseBody();
    const file = form.file;
    const name = typeof form.name === 'string' ? form.name.trim() : '';
    if (!(file instanceof File)) throw fileMissing();
    if (!name || name.length > 200) throw new ApiError(400, 'invalid_input', 'errors.invalid_input', {}, { fields: [{ path: 'name', message: 'required', code: name ? 'too_long' : 'required' }] });
    const content = Buffer.from(await file.arrayBuffer());
    return c.json(await importPriorityList(c.var.deps.db, user, { name, file: { name: file.name, content } }, c.var.locale), 201);
  })
  .openapi(get, async (c) => {
    const l = await findList(c.var.deps.db, currentUser(c), c.req.valid('param').id);
    return c.json({ id: l.id, name: l.name, fileName: l.fileName, workerCount: l.workerCount, createdBy: l.createdBy, createdByName: null, createdAt: l.createdAt.toISOString() }, 200);
  })
  .openapi(workers, async (c) => c.json(await listWorkers(c.var.deps.db, currentUser(c), c.req.valid('param').id, c.req.valid('query')), 200))
  .openapi(exportXlsx, async (c) => {
    const user = currentUser(c);
    const { id } = c.req.valid('param');
    const l = await findList(c.var.deps.db, user, id);
    const out = new PassThrough();
    const done = exportWorkersXlsx(c.var.deps.db, user, id, c.req.valid('query'), c.var.locale, out);
    done.catch((err) => out.destroy(err as Error));
    const filename = `${l.name.replace(/[^\p{L}\p{N} _-]/gu, '').trim() || 'lista'}.xlsx`;
    return c.body(Readable.toWeb(out) as unknown as ReadableStream, 200, {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="lista.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'private, no-store',
    });
  })
  .openapi(verify, async (c) => {
    const { id, personId } = c.req.valid('param');
    return c.json(await recordVerification(c.var.deps.db, currentUser(c), id, personId, c.req.valid('json')), 200);
  })
  .openapi(history, async (c) => {
    const { id, personId } = c.req.valid('param');
    await findList(c.var.deps.db, currentUser(c), id);
    return c.json(await verificationHistory(c.var.deps.db, currentUser(c), personId), 200);
  });
