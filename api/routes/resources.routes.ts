// The resource directory: services and organisations people are referred to (derivaciones).
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../context';
import { currentUser, requirePermission } from '../middleware/session';
import { errors, jsonBody, ok, page, ZIdParam } from '../schemas';
import { createResource, findResourceRow, importResourcesCsv, listResources, toResource, updateResource } from '../services/resources';
import {
  ZCreateResourceRequest,
  ZImportResourcesRequest,
  ZImportResourcesResult,
  ZResource,
  ZResourceListQuery,
  ZUpdateResourceRequest,
} from './resources.schemas';

const tags = ['resources'];
const managers = 'Permission catalogue.manage (admins): the directory is part of the organisation’s catalogue.';

const list = createRoute({
  method: 'get', path: '/', tags,
  description: 'The organisation’s directory. Every word of q must match (accents and case ignored); with needCode, resources serving it come first, then by name.',
  request: { query: ZResourceListQuery },
  responses: { 200: ok(page(ZResource)), 400: errors[400], 401: errors[401] },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags,
  request: { params: ZIdParam },
  responses: { 200: ok(ZResource), 400: errors[400], 401: errors[401], 404: errors[404] },
});
const create = createRoute({
  method: 'post', path: '/', tags, description: managers,
  request: jsonBody(ZCreateResourceRequest),
  responses: { 201: ok(ZResource, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const importCsv = createRoute({
  method: 'post', path: '/import', tags,
  description: `${managers} All or nothing: a 400 lists every problem in details.lines, each as "Línea 4: email no válido" in the reader's language.`,
  request: jsonBody(ZImportResourcesRequest),
  responses: { 200: ok(ZImportResourcesResult), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const update = createRoute({
  method: 'patch', path: '/{id}', tags, description: `${managers} Deactivate with active:false.`,
  request: { params: ZIdParam, ...jsonBody(ZUpdateResourceRequest) },
  responses: { 200: ok(ZResource), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

export const resourcesRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listResources(c.var.deps.db, currentUser(c), c.req.valid('query')), 200))
  // Before '/{id}': "import" is not an id.
  .openapi(importCsv, async (c) => {
    const admin = requirePermission(c, 'catalogue.manage');
    return c.json(await importResourcesCsv(c.var.deps.db, admin, c.req.valid('json').csv, c.var.locale), 200);
  })
  .openapi(create, async (c) => {
    const admin = requirePermission(c, 'catalogue.manage');
    return c.json(await createResource(c.var.deps.db, admin, c.req.valid('json')), 201);
  })
  .openapi(get, async (c) => c.json(toResource(await findResourceRow(c.var.deps.db, currentUser(c), c.req.valid('param').id)), 200))
  .openapi(update, async (c) => {
    // Existence first: another organisation's resource is 404 whatever the caller's rules.
    const row = await findResourceRow(c.var.deps.db, currentUser(c), c.req.valid('param').id);
    const admin = requirePermission(c, 'catalogue.manage');
    return c.json(await updateResource(c.var.deps.db, admin, row, c.req.valid('json')), 200);
  });
