import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import { invitations, sessions, users } from '../../db/schema';
import { roles } from '../../domain/permissions';
import { locales } from '../../domain/i18n';
import { createRouter } from '../context';
import { ApiError, notFound } from '../errors';
import { currentUser, requirePermission } from '../middleware/session';
import { errors, iso, jsonBody, ok, page, ZIdParam } from '../schemas';
import { cancelInvitation, inviteUser, resendInvitation } from '../services/invitations';

const tags = ['users'];

const ZRole = z.enum(roles);
const ZInvitationSummary = z
  .object({ id: z.string(), status: z.string(), expiresAt: z.string(), remindersSent: z.number(), lastSentAt: z.string().nullable(), workflowId: z.string() })
  .openapi('InvitationSummary');
const ZUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    status: z.enum(['invited', 'active', 'disabled']),
    locale: z.string(),
    invitation: ZInvitationSummary.nullable(),
  })
  .openapi('User');

const ZInvite = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email()),
    name: z.string().trim().min(1).max(120),
    roles: z.array(ZRole).min(1),
    locale: z.enum(locales).optional().openapi({ description: 'The invitee’s language; default: the organisation’s' }),
  })
  .openapi('InviteUserRequest');

const ZUpdateUser = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    roles: z.array(ZRole).min(1).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    locale: z.enum(locales).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Say what to change: name, roles, status or locale' })
  .openapi('UpdateUserRequest');

const list = createRoute({
  method: 'get', path: '/', tags, 
  description: 'Users of the caller’s organisation; invitation details only for user managers',
  request: { query: z.object({ role: ZRole.optional(), status: z.enum(['invited', 'active', 'disabled']).optional() }) },
  responses: { 200: ok(page(ZUser)), 401: errors[401] },
});
const invite = createRoute({
  method: 'post', path: '/invitations', tags, 
  request: jsonBody(ZInvite),
  responses: { 201: ok(z.object({ userId: z.string(), invitationId: z.string(), workflowId: z.string() }), 'Invited'), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409], 503: errors[503] },
});
const ZInvitationState = z.object({ status: z.string(), expiresAt: z.string(), remindersSent: z.number() });
const resend = createRoute({
  method: 'post', path: '/invitations/{id}/resend', tags, 
  request: { params: ZIdParam },
  responses: { 200: ok(ZInvitationState), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});
const cancel = createRoute({
  method: 'post', path: '/invitations/{id}/cancel', tags, 
  request: { params: ZIdParam },
  responses: { 200: ok(ZInvitationState), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});
const update = createRoute({
  method: 'patch', path: '/{id}', tags, 
  request: { params: ZIdParam, ...jsonBody(ZUpdateUser) },
  responses: { 200: ok(ZUser), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});

const stateOut = (s: { status: string; expiresAt: string; remindersSent: number }) => ({ status: s.status, expiresAt: s.expiresAt, remindersSent: s.remindersSent });

export const usersRoutes = createRouter()
  .openapi(list, async (c) => {
    const user = currentUser(c);
    const { role, status } = c.req.valid('query');
    const { db } = c.var.deps;
    const rows = await db
      .select()
      .from(users)
      .where(
        and(
          eq(users.organisationId, user.organisationId),
          role ? sql`${role} = ANY(${users.roles})` : undefined,
          status ? eq(users.status, status) : undefined,
        ),
      )
      .orderBy(users.name);
    const canManage = user.permissions.includes('users.manage');
    const invs = canManage && rows.length
      ? await db.select().from(invitations).where(inArray(invitations.userId, rows.map((r) => r.id))).orderBy(desc(invitations.createdAt))
      : [];
    const items = rows.map((r) => {
      const inv = invs.find((i) => i.userId === r.id);
      return {
        id: r.id,
        email: r.email,
        name: r.name,
        roles: r.roles,
        status: r.status,
        locale: r.locale,
        invitation: inv
          ? { id: inv.id, status: inv.status, expiresAt: iso(inv.expiresAt)!, remindersSent: inv.remindersSent, lastSentAt: iso(inv.lastSentAt), workflowId: inv.workflowId }
          : null,
      };
    });
    return c.json({ items, total: items.length }, 200);
  })
  .openapi(invite, async (c) => {
    const admin = requirePermission(c, 'users.manage');
    return c.json(await inviteUser(c.var.deps, admin, c.req.valid('json')), 201);
  })
  .openapi(resend, async (c) => {
    const admin = requirePermission(c, 'users.manage');
    return c.json(stateOut(await resendInvitation(c.var.deps, admin, c.req.valid('param').id)), 200);
  })
  .openapi(cancel, async (c) => {
    const admin = requirePermission(c, 'users.manage');
    return c.json(stateOut(await cancelInvitation(c.var.deps, admin, c.req.valid('param').id)), 200);
  })
  .openapi(update, async (c) => {
    const admin = requirePermission(c, 'users.manage');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const { db } = c.var.deps;
    const [target] = await db.select().from(users).where(and(eq(users.id, id), eq(users.organisationId, admin.organisationId)));
    if (!target) throw notFound();
    const losesAdmin = target.roles.includes('admin') && ((input.roles && !input.roles.includes('admin')) || input.status === 'disabled');
    if (losesAdmin) {
      const others = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.organisationId, admin.organisationId), eq(users.status, 'active'), ne(users.id, id), sql`'admin' = ANY(${users.roles})`));
      if (others.length === 0) throw new ApiError(409, 'last_admin', 'errors.last_admin');
    }
    // A language an admin sets for the user is a choice, as at invitation.
    const [row] = await db.update(users).set({ ...input, ...(input.locale ? { localeChosen: true } : {}) }).where(eq(users.id, id)).returning();
    // A disabled user is signed out everywhere at once.
    if (input.status === 'disabled') await db.delete(sessions).where(eq(sessions.userId, id));
    await writeAudit(db, {
      ...auditActor(admin),
      action: 'user.updated',
      subjectType: 'user',
      subjectId: id,
      details: { ...input },
    });
    return c.json({ id: row.id, email: row.email, name: row.name, roles: row.roles, status: row.status, locale: row.locale, invitation: null }, 200);
  });
