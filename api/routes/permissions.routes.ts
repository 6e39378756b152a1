import { createRoute, z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import { rolePermissions, userPermissions, users } from '../../db/schema';
import { defaultRules, isAllowed, lockedForAdmin, permissions, roles } from '../../domain/permissions';
import { createRouter } from '../context';
import { invalidInput, notFound } from '../errors';
import { requirePermission } from '../middleware/session';
import { errors, jsonBody, ok, ZIdParam } from '../schemas';
import type { Db } from '../../db/client';

const tags = ['permissions'];

const ZRule = z.object({ role: z.enum(roles), permission: z.enum(permissions), allowed: z.boolean() });
const ZRules = z
  .object({
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
    rules: z.array(ZRule.extend({ locked: z.boolean(), byDefault: z.boolean() })),
    grants: z
      .array(z.object({ userId: z.string(), name: z.string(), permission: z.string() }))
      .openapi({ description: 'Rules granted to one person on top of their roles' }),
  })
  .openapi('PermissionRules');

const get = createRoute({
  method: 'get', path: '/', tags, 
  responses: { 200: ok(ZRules), 401: errors[401], 403: errors[403] },
});
const put = createRoute({
  method: 'put', path: '/', tags, 
  request: jsonBody(z.object({ rules: z.array(ZRule).min(1) }).openapi('UpdatePermissionRules')),
  responses: { 200: ok(ZRules), 400: errors[400], 401: errors[401], 403: errors[403] },
});

const putGrants = createRoute({
  method: 'put', path: '/users/{id}', tags,
  description: 'Replaces the rules granted to one person of the organisation (on top of their roles)',
  request: { params: ZIdParam, ...jsonBody(z.object({ permissions: z.array(z.enum(permissions)).max(permissions.length) }).openapi('UpdatePersonalGrants')) },
  responses: { 200: ok(ZRules), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

async function rulesOf(db: Db, organisationId: string) {
  const overrides = await db.select().from(rolePermissions).where(eq(rolePermissions.organisationId, organisationId));
  const grants = await db
    .select({ userId: userPermissions.userId, name: users.name, permission: userPermissions.permission })
    .from(userPermissions)
    .innerJoin(users, eq(users.id, userPermissions.userId))
    .where(eq(userPermissions.organisationId, organisationId))
    .orderBy(users.name, userPermissions.permission);
  return {
    grants,
    roles: [...roles],
    permissions: [...permissions],
    rules: roles.flatMap((role) =>
      permissions.map((permission) => ({
        role,
        permission,
        allowed: isAllowed(role, permission, overrides),
        locked: role === 'admin' && lockedForAdmin.includes(permission),
        byDefault: defaultRules[role].includes(permission),
      })),
    ),
  };
}

export const permissionsRoutes = createRouter()
  .openapi(get, async (c) => {
    const user = requirePermission(c, 'permissions.manage');
    return c.json(await rulesOf(c.var.deps.db, user.organisationId), 200);
  })
  .openapi(put, async (c) => {
    const admin = requirePermission(c, 'permissions.manage');
    const { rules } = c.req.valid('json');
    const locked = rules.filter((r) => r.role === 'admin' && lockedForAdmin.includes(r.permission) && !r.allowed);
    if (locked.length) {
      throw invalidInput(locked.map((r) => ({ path: `rules.${rules.indexOf(r)}`, message: `${r.permission} cannot be taken from admins` })));
    }
    const { db } = c.var.deps;
    await db.transaction(async (tx) => {
      for (const r of rules) {
        await tx
          .insert(rolePermissions)
          .values({ organisationId: admin.organisationId, ...r })
          .onConflictDoUpdate({ target: [rolePermissions.organisationId, rolePermissions.role, rolePermissions.permission], set: { allowed: r.allowed } });
      }
      await writeAudit(tx, {
        ...auditActor(admin),
        action: 'permissions.updated',
        subjectType: 'organisation',
        subjectId: admin.organisationId,
        details: { rules },
      });
    });
    return c.json(await rulesOf(db, admin.organisationId), 200);
  })
  .openapi(putGrants, async (c) => {
    const admin = requirePermission(c, 'permissions.manage');
    const { id } = c.req.valid('param');
    const granted = [...new Set(c.req.valid('json').permissions)];
    const { db } = c.var.deps;
    const [person] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, id), eq(users.organisationId, admin.organisationId)));
    if (!person) throw notFound();
    await db.transaction(async (tx) => {
      await tx.delete(userPermissions).where(eq(userPermissions.userId, id));
      if (granted.length) {
        await tx.insert(userPermissions).values(granted.map((permission) => ({ userId: id, organisationId: admin.organisationId, permission, grantedBy: admin.id })));
      }
      await writeAudit(tx, { ...auditActor(admin), action: 'permissions.granted', subjectType: 'user', subjectId: id, details: { permissions: granted } });
    });
    return c.json(await rulesOf(db, admin.organisationId), 200);
  });
