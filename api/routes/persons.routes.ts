import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../context';
import { currentUser, requirePermission } from '../middleware/session';
import { errors, jsonBody, noContent, ok, page, ZIdParam, ZPageQuery } from '../schemas';
import {
  createPerson,
  deletePerson,
  deletionImpact,
  getPerson,
  listPersons,
  personActivity,
  possibleDuplicates,
  setFavorite,
  updatePerson,
} from '../services/persons';
import {
  ZActivityEntry,
  ZCreatePersonRequest,
  ZDeletionImpact,
  ZDuplicateQuery,
  ZPerson,
  ZPersonListItem,
  ZPersonListQuery,
  ZPossibleDuplicate,
  ZUpdatePersonRequest,
} from './persons.schemas';

const tags = ['persons'];

const list = createRoute({
  method: 'get', path: '/', tags, 
  request: { query: ZPersonListQuery },
  responses: { 200: ok(page(ZPersonListItem)), 400: errors[400], 401: errors[401] },
});
const create = createRoute({
  method: 'post', path: '/', tags, 
  request: jsonBody(ZCreatePersonRequest),
  responses: { 201: ok(ZPerson, 'Created'), 400: errors[400], 401: errors[401] },
});
const duplicates = createRoute({
  method: 'get', path: '/duplicates', tags,
  summary: 'Files that may be the same person: same document number, or same name and birth date',
  request: { query: ZDuplicateQuery },
  responses: { 200: ok(z.object({ items: z.array(ZPossibleDuplicate) })), 400: errors[400], 401: errors[401] },
});
const get = createRoute({
  method: 'get', path: '/{id}', tags, 
  request: { params: ZIdParam },
  responses: { 200: ok(ZPerson), 401: errors[401], 404: errors[404] },
});
const update = createRoute({
  method: 'patch', path: '/{id}', tags, 
  request: { params: ZIdParam, ...jsonBody(ZUpdatePersonRequest) },
  responses: { 200: ok(ZPerson), 400: errors[400], 401: errors[401], 404: errors[404] },
});
const impact = createRoute({
  method: 'get', path: '/{id}/deletion-impact', tags, 
  description: 'What deleting this person would remove, before doing it',
  request: { params: ZIdParam },
  responses: { 200: ok(ZDeletionImpact), 401: errors[401], 403: errors[403], 404: errors[404] },
});
const remove = createRoute({
  method: 'delete', path: '/{id}', tags, 
  description: 'Needs the "persons.delete" permission rule',
  request: { params: ZIdParam },
  responses: { 204: noContent, 401: errors[401], 403: errors[403], 404: errors[404] },
});
const favorite = createRoute({
  method: 'put', path: '/{id}/favorite', tags, 
  request: { params: ZIdParam },
  responses: { 204: noContent, 401: errors[401], 404: errors[404] },
});
const unfavorite = createRoute({
  method: 'delete', path: '/{id}/favorite', tags, 
  request: { params: ZIdParam },
  responses: { 204: noContent, 401: errors[401], 404: errors[404] },
});
const activity = createRoute({
  method: 'get', path: '/{id}/activity', tags, 
  description: 'Everything done on this person file, newest first',
  request: { params: ZIdParam, query: ZPageQuery },
  responses: { 200: ok(page(ZActivityEntry)), 401: errors[401], 404: errors[404] },
});

export const personsRoutes = createRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listPersons(c.var.deps.db, currentUser(c), { ...q, favorite: q.favorite === 'true' }), 200);
  })
  .openapi(create, async (c) => c.json(await createPerson(c.var.deps.db, currentUser(c), c.req.valid('json')), 201))
  // Before '/{id}': "duplicates" is not an id.
  .openapi(duplicates, async (c) => c.json({ items: await possibleDuplicates(c.var.deps.db, currentUser(c), c.req.valid('query')) }, 200))
  .openapi(get, async (c) => c.json(await getPerson(c.var.deps.db, currentUser(c), c.req.valid('param').id), 200))
  .openapi(update, async (c) =>
    c.json(await updatePerson(c.var.deps.db, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(impact, async (c) => {
    const user = requirePermission(c, 'persons.delete');
    const { person, removes, breakdown, blockedBy } = await deletionImpact(c.var.deps.db, user, c.req.valid('param').id, c.var.personDependents);
    return c.json({ personId: person.id, removes, breakdown, blockedBy }, 200);
  })
  .openapi(remove, async (c) => {
    const user = currentUser(c);
    // Existence first: another organisation's person is 404 whatever the caller's rules.
    await getPerson(c.var.deps.db, user, c.req.valid('param').id);
    requirePermission(c, 'persons.delete');
    await deletePerson(c.var.deps.db, user, c.req.valid('param').id, c.var.personDependents, { temporal: c.var.deps.temporal });
    return c.body(null, 204);
  })
  .openapi(favorite, async (c) => {
    await setFavorite(c.var.deps.db, currentUser(c), c.req.valid('param').id, true);
    return c.body(null, 204);
  })
  .openapi(unfavorite, async (c) => {
    await setFavorite(c.var.deps.db, currentUser(c), c.req.valid('param').id, false);
    return c.body(null, 204);
  })
  .openapi(activity, async (c) => {
    const { page: p, pageSize } = c.req.valid('query');
    return c.json(await personActivity(c.var.deps.db, currentUser(c), c.req.valid('param').id, p, pageSize), 200);
  });

