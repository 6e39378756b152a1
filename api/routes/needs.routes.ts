import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../context';
import { currentUser, requirePermission } from '../middleware/session';
import { errors, jsonBody, ok } from '../schemas';
import { addSpecificNeed, importNeedsCsv, needsTree, updateSpecificNeed } from '../services/needs';

const tags = ['needs'];

const ZSpecificNeed = z.object({ code: z.string(), name: z.string(), active: z.boolean() }).openapi('SpecificNeed');
const ZNeedGroup = z
  .object({
    code: z.string(),
    name: z.string(),
    children: z.array(z.object({ code: z.string(), name: z.string(), children: z.array(ZSpecificNeed) })),
  })
  .openapi('NeedGroup');

const ZCode = z.object({ code: z.string().regex(/^\d{2,8}$/).openapi({ param: { name: 'code', in: 'path' } }) });
const needName = z.string().trim().min(1).max(200);

const list = createRoute({
  method: 'get', path: '/', tags,
  description: 'The organisation’s three-level needs catalogue: groups → needs → specific needs. Inactive specific needs only with includeInactive=true, for catalogue managers.',
  request: { query: z.object({ includeInactive: z.enum(['true', 'false']).optional() }) },
  responses: { 200: ok(z.array(ZNeedGroup)), 401: errors[401] },
});
const create = createRoute({
  method: 'post', path: '/', tags,
  description: 'Adds a specific need under a second-level need (permission catalogue.manage). Without a code, the next free one is given.',
  request: jsonBody(z.object({ parentCode: z.string().regex(/^\d{4}$/), name: needName, code: z.string().optional() }).openapi('CreateNeedRequest')),
  responses: { 201: ok(ZSpecificNeed, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
});
const update = createRoute({
  method: 'patch', path: '/{code}', tags,
  description: 'Renames or (de)activates a specific need. Groups and second-level needs are fixed (409).',
  request: { params: ZCode, ...jsonBody(z.object({ name: needName.optional(), active: z.boolean().optional() }).openapi('UpdateNeedRequest')) },
  responses: { 200: ok(ZSpecificNeed), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});
const importCsv = createRoute({
  method: 'post', path: '/import', tags,
  description: 'CSV lines `parent_code,code,name[,active]` (header optional; empty code = new). All or nothing: 400 lists every bad line in details.lines.',
  request: jsonBody(z.object({ csv: z.string().min(1).max(1_000_000) }).openapi('ImportNeedsRequest')),
  responses: { 200: ok(z.object({ created: z.number(), updated: z.number() })), 400: errors[400], 401: errors[401], 403: errors[403] },
});

const out = (n: { code: string; name: string; active: boolean }) => ({ code: n.code, name: n.name, active: n.active });

export const needsRoutes = createRouter()
  .openapi(list, async (c) => {
    const user = currentUser(c);
    const includeInactive = c.req.valid('query').includeInactive === 'true' && user.permissions.includes('catalogue.manage');
    return c.json(await needsTree(c.var.deps.db, user.organisationId, includeInactive), 200);
  })
  .openapi(create, async (c) => {
    const admin = requirePermission(c, 'catalogue.manage');
    return c.json(out(await addSpecificNeed(c.var.deps.db, admin, c.req.valid('json'))), 201);
  })
  .openapi(importCsv, async (c) => {
    const admin = requirePermission(c, 'catalogue.manage');
    return c.json(await importNeedsCsv(c.var.deps.db, admin, c.req.valid('json').csv, c.var.locale), 200);
  })
  .openapi(update, async (c) => {
    const admin = requirePermission(c, 'catalogue.manage');
    return c.json(out(await updateSpecificNeed(c.var.deps.db, admin, c.req.valid('param').code, c.req.valid('json'))), 200);
  });
