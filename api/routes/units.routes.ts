// Units of the electronic window: every unit that receives communications, across
// organisations (the window connects them), and small admin routes for units and members.
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../context';
import { currentUser, requirePermission } from '../middleware/session';
import { errors, idParam, jsonBody, noContent, ok, ZIdParam } from '../schemas';
import { createUnit, listUnits, removeUnitMember, setUnitMember, unitMembersOf } from '../services/units';

const tags = ['units'];
const ZUnit = z.object({ id: z.string(), name: z.string(), organisationId: z.string(), organisationName: z.string() }).openapi('Unit');
const ZMember = z.object({ userId: z.string(), name: z.string(), email: z.string(), roles: z.array(z.string()), position: z.string().nullable() }).openapi('UnitMember');
const ZMemberParams = ZIdParam.extend({ userId: idParam('userId') });

const list = createRoute({
  method: 'get', path: '/', tags,
  description: 'Units that can receive communications (every organisation’s), or with mine=true the caller’s own units',
  request: { query: z.object({ mine: z.enum(['true', 'false']).optional() }) },
  responses: { 200: ok(z.array(ZUnit)), 401: errors[401] },
});
const create = createRoute({
  method: 'post', path: '/', tags,
  request: jsonBody(z.object({ name: z.string().trim().min(1).max(200), receivesCommunications: z.boolean().default(true) }).openapi('CreateUnitRequest')),
  responses: { 201: ok(ZUnit, 'Created'), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const members = createRoute({
  method: 'get', path: '/{id}/members', tags,
  request: { params: ZIdParam },
  responses: { 200: ok(z.array(ZMember)), 401: errors[401], 404: errors[404] },
});
const putMember = createRoute({
  method: 'put', path: '/{id}/members/{userId}', tags,
  description: 'Adds a user of the unit’s organisation (or changes their position, printed under their signature)',
  request: { params: ZMemberParams, ...jsonBody(z.object({ position: z.string().trim().max(120).nullable().optional() })) },
  responses: { 204: noContent, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const deleteMember = createRoute({
  method: 'delete', path: '/{id}/members/{userId}', tags,
  request: { params: ZMemberParams },
  responses: { 204: noContent, 401: errors[401], 403: errors[403], 404: errors[404] },
});

export const unitsRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listUnits(c.var.deps.db, currentUser(c), c.req.valid('query').mine === 'true'), 200))
  .openapi(create, async (c) => {
    const admin = requirePermission(c, 'organisation.manage');
    return c.json(await createUnit(c.var.deps.db, admin, c.req.valid('json')), 201);
  })
  .openapi(members, async (c) => c.json(await unitMembersOf(c.var.deps.db, currentUser(c), c.req.valid('param').id), 200))
  .openapi(putMember, async (c) => {
    const admin = requirePermission(c, 'organisation.manage');
    const { id, userId } = c.req.valid('param');
    await setUnitMember(c.var.deps.db, admin, id, userId, c.req.valid('json').position ?? null);
    return c.body(null, 204);
  })
  .openapi(deleteMember, async (c) => {
    const admin = requirePermission(c, 'organisation.manage');
    const { id, userId } = c.req.valid('param');
    await removeUnitMember(c.var.deps.db, admin, id, userId);
    return c.body(null, 204);
  });
