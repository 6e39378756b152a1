// Partner organisations: their users may be added as collaborators on this organisation's cases.
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import { organisationPartners, organisations, users } from '../../db/schema';
import { createRouter } from '../context';
import { invalidInput, notFound } from '../errors';
import { currentUser, requirePermission } from '../middleware/session';
import { errors, idParam, jsonBody, noContent, ok, ZId } from '../schemas';

const tags = ['partners'];
const ZPartner = z.object({ organisationId: z.string(), name: z.string() }).openapi('PartnerOrganisation');
const ZOrgParam = z.object({ organisationId: idParam('organisationId') });

const list = createRoute({ method: 'get', path: '/', tags, responses: { 200: ok(z.object({ items: z.array(ZPartner) })), 401: errors[401] } });
const partnerUsers = createRoute({
  method: 'get', path: '/users', tags,
  description: 'Active users of partner organisations: who can be added as a collaborator besides colleagues',
  responses: { 200: ok(z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), organisationId: z.string(), organisationName: z.string() })) })), 401: errors[401] },
});
const add = createRoute({
  method: 'post', path: '/', tags, description: 'Permission organisation.manage',
  request: jsonBody(z.object({ organisationId: ZId }).openapi('AddPartnerRequest')),
  responses: { 201: ok(ZPartner, 'Added'), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const remove = createRoute({
  method: 'delete', path: '/{organisationId}', tags, description: 'Permission organisation.manage',
  request: { params: ZOrgParam },
  responses: { 204: noContent, 401: errors[401], 403: errors[403], 404: errors[404] },
});

export const partnersRoutes = createRouter()
  .openapi(list, async (c) => {
    const user = currentUser(c);
    const rows = await c.var.deps.db
      .select({ organisationId: organisations.id, name: organisations.name })
      .from(organisationPartners)
      .innerJoin(organisations, eq(organisations.id, organisationPartners.partnerId))
      .where(eq(organisationPartners.organisationId, user.organisationId))
      .orderBy(asc(organisations.name));
    return c.json({ items: rows }, 200);
  })
  .openapi(partnerUsers, async (c) => {
    const user = currentUser(c);
    const { db } = c.var.deps;
    const partners = await db.select({ id: organisationPartners.partnerId }).from(organisationPartners).where(eq(organisationPartners.organisationId, user.organisationId));
    const items = partners.length
      ? await db
          .select({ id: users.id, name: users.name, organisationId: users.organisationId, organisationName: organisations.name })
          .from(users)
          .innerJoin(organisations, eq(organisations.id, users.organisationId))
          .where(and(inArray(users.organisationId, partners.map((p) => p.id)), eq(users.status, 'active')))
          .orderBy(asc(organisations.name), asc(users.name))
      : [];
    return c.json({ items }, 200);
  })
  .openapi(add, async (c) => {
    const admin = requirePermission(c, 'organisation.manage');
    const { organisationId } = c.req.valid('json');
    const { db } = c.var.deps;
    const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
    if (!org || org.id === admin.organisationId) throw invalidInput([{ path: 'organisationId', message: 'Not another organisation' }]);
    await db.insert(organisationPartners).values({ organisationId: admin.organisationId, partnerId: org.id, createdBy: admin.id }).onConflictDoNothing();
    await writeAudit(db, { ...auditActor(admin), action: 'partner.added', subjectType: 'organisation', subjectId: org.id });
    return c.json({ organisationId: org.id, name: org.name }, 201);
  })
  .openapi(remove, async (c) => {
    const admin = requirePermission(c, 'organisation.manage');
    const { organisationId } = c.req.valid('param');
    const { db } = c.var.deps;
    const removed = await db
      .delete(organisationPartners)
      .where(and(eq(organisationPartners.organisationId, admin.organisationId), eq(organisationPartners.partnerId, organisationId)))
      .returning();
    if (!removed.length) throw notFound();
    await writeAudit(db, { ...auditActor(admin), action: 'partner.removed', subjectType: 'organisation', subjectId: organisationId });
    return c.body(null, 204);
  });
