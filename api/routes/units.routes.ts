// Units of the electronic window: every unit that receives communications, across
// organisations (the window connects them), and small admin routes for units and members.
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import { organisations, unitMembers, units, users } from '../../db/schema';
import { ensureDefaultUnit, unitIdsOf } from '../../db/units';
import { createRouter } from '../context';
import { notFound } from '../errors';
import { currentUser, requirePermission } from '../middleware/session';
import { errors, idParam, jsonBody, noContent, ok, ZIdParam } from '../schemas';

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

const columns = { id: units.id, name: units.name, organisationId: units.organisationId, organisationName: organisations.name };

export const unitsRoutes = createRouter()
  .openapi(list, async (c) => {
    const user = currentUser(c);
    const { db } = c.var.deps;
    // An organisation made by other code paths gets its default unit on first use.
    await ensureDefaultUnit(db, user.organisationId);
    if (c.req.valid('query').mine === 'true') {
      const rows = await db
        .select(columns)
        .from(unitMembers)
        .innerJoin(units, eq(units.id, unitMembers.unitId))
        .innerJoin(organisations, eq(organisations.id, units.organisationId))
        .where(eq(unitMembers.userId, user.id))
        .orderBy(asc(units.name));
      return c.json(rows, 200);
    }
    const rows = await db
      .select(columns)
      .from(units)
      .innerJoin(organisations, eq(organisations.id, units.organisationId))
      .where(eq(units.receivesCommunications, true))
      .orderBy(asc(organisations.name), asc(units.name));
    return c.json(rows, 200);
  })
  .openapi(create, async (c) => {
    const admin = requirePermission(c, 'organisation.manage');
    const input = c.req.valid('json');
    const { db } = c.var.deps;
    const [unit] = await db.insert(units).values({ organisationId: admin.organisationId, ...input }).returning();
    await writeAudit(db, { ...auditActor(admin), action: 'unit.created', subjectType: 'unit', subjectId: unit.id, details: input });
    return c.json({ id: unit.id, name: unit.name, organisationId: unit.organisationId, organisationName: admin.organisationName }, 201);
  })
  .openapi(members, async (c) => {
    const user = currentUser(c);
    const { db } = c.var.deps;
    const { id } = c.req.valid('param');
    const [unit] = await db.select().from(units).where(eq(units.id, id));
    if (!unit || (unit.organisationId !== user.organisationId && !(await unitIdsOf(db, user.id)).includes(id))) throw notFound();
    const rows = await db
      .select({ userId: users.id, name: users.name, email: users.email, roles: users.roles, position: unitMembers.position })
      .from(unitMembers)
      .innerJoin(users, eq(users.id, unitMembers.userId))
      .where(eq(unitMembers.unitId, id))
      .orderBy(asc(users.name));
    return c.json(rows, 200);
  })
  .openapi(putMember, async (c) => {
    const admin = requirePermission(c, 'organisation.manage');
    const { db } = c.var.deps;
    const { id, userId } = c.req.valid('param');
    const { position } = c.req.valid('json');
    const [unit] = await db.select().from(units).where(and(eq(units.id, id), eq(units.organisationId, admin.organisationId)));
    const [member] = await db.select().from(users).where(and(eq(users.id, userId), eq(users.organisationId, admin.organisationId)));
    if (!unit || !member) throw notFound();
    await db
      .insert(unitMembers)
      .values({ unitId: id, userId, position: position ?? null })
      .onConflictDoUpdate({ target: [unitMembers.unitId, unitMembers.userId], set: { position: position ?? null } });
    await writeAudit(db, { ...auditActor(admin), action: 'unit.member_set', subjectType: 'unit', subjectId: id, details: { userId, position: position ?? null } });
    return c.body(null, 204);
  })
  .openapi(deleteMember, async (c) => {
    const admin = requirePermission(c, 'organisation.manage');
    const { db } = c.var.deps;
    const { id, userId } = c.req.valid('param');
    const [unit] = await db.select().from(units).where(and(eq(units.id, id), eq(units.organisationId, admin.organisationId)));
    if (!unit) throw notFound();
    await db.delete(unitMembers).where(and(eq(unitMembers.unitId, id), eq(unitMembers.userId, userId)));
    await writeAudit(db, { ...auditActor(admin), action: 'unit.member_removed', subjectType: 'unit', subjectId: id, details: { userId } });
    return c.body(null, 204);
  });
