// The CPI's gate (issue 13): in an organisation of kind `cpi`, an operator works in the CPI's
// pages (priority lists, appointments, skills assessments) only with an approved accreditation;
// otherwise 403 `not_accredited`, whose message says where to request it. Admins and the service
// centre pass; so does anyone outside a CPI (the routes themselves decide what they allow there).
//
// Mount it on a CPI router in one of two ways:
//   export const appointmentsRoutes = createCpiRouter().openapi(...)           // a whole router
//   router.use('*', requireAccreditedOperator)                                 // an existing one
// and list `403: errors[403]` among the routes' responses so the OpenAPI document tells the truth.
import type { MiddlewareHandler } from 'hono';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accreditations, organisations } from '../../db/schema';
import { ACCREDITATION_PAGE, liveAccreditationStatuses, needsAccreditation, type AccreditationStatus } from '../../domain/accreditations';
import { createRouter, type AppEnv, type SessionUser } from '../context';
import { ApiError, forbidden, unauthenticated } from '../errors';

export const NOT_ACCREDITED = 'not_accredited';

export interface AccreditationGate {
  /** The user's organisation is a CPI (kind `cpi`). */
  cpi: boolean;
  /** Whether this user must be accredited to work in the CPI's pages. */
  required: boolean;
  accredited: boolean;
  /** Their current request or approval (draft, pending, approved), if any. */
  status: AccreditationStatus | null;
  accreditationId: string | null;
}

/** What the gate decides for a user: one query for the organisation's kind and their live request. */
export async function accreditationGate(db: Db, user: Pick<SessionUser, 'id' | 'organisationId' | 'roles'>): Promise<AccreditationGate> {
  const [row] = await db
    .select({ kind: organisations.kind, id: accreditations.id, status: accreditations.status })
    .from(organisations)
    .leftJoin(accreditations, and(eq(accreditations.userId, user.id), inArray(accreditations.status, [...liveAccreditationStatuses])))
    .where(eq(organisations.id, user.organisationId))
    .limit(1);
  const required = needsAccreditation(row?.kind ?? '', user.roles);
  const status = row?.status ?? null;
  return { cpi: row?.kind === 'cpi', required, accredited: !required || status === 'approved', status, accreditationId: row?.id ?? null };
}

export const notAccredited = (gate: AccreditationGate) =>
  new ApiError(403, NOT_ACCREDITED, 'errors.not_accredited', {}, { requestPath: ACCREDITATION_PAGE, status: gate.status, accreditationId: gate.accreditationId });

/** Refuses with 403 `not_accredited` a CPI operator without an approved accreditation. */
export async function assertAccredited(db: Db, user: SessionUser): Promise<void> {
  const gate = await accreditationGate(db, user);
  if (!gate.accredited) throw notAccredited(gate);
}

/** Hono middleware for the CPI's routers (see the top of this file). */
export const requireAccreditedOperator: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.var.user;
  if (!user) throw unauthenticated();
  await assertAccredited(c.var.deps.db, user);
  await next();
};

/** Roles that work in a CPI's workspace; the service centre decides accreditations only. */
const CPI_STAFF_ROLES: readonly string[] = ['admin', 'supervisor', 'professional'];

/**
 * The CPI workspace (priority lists, appointments, skills assessments): staff of a CPI organisation
 * (anyone else 403 `not_cpi_staff`, a role outside the staff 403 `forbidden`) who, unless exempt,
 * hold an approved accreditation (403 `not_accredited`). One query answers all three.
 */
export async function assertCpiWorkspaceAccess(db: Db, user: SessionUser): Promise<void> {
  if (!user.roles.some((r) => CPI_STAFF_ROLES.includes(r))) throw forbidden({ reason: 'role' });
  const gate = await accreditationGate(db, user);
  if (!gate.cpi) throw new ApiError(403, 'not_cpi_staff', 'errors.not_cpi_staff');
  if (!gate.accredited) throw notAccredited(gate);
}

/** A signed-in router for the CPI workspace: every route first passes `assertCpiWorkspaceAccess`. */
export function createCpiWorkspaceRouter() {
  const router = createRouter();
  router.use('*', async (c, next) => {
    const user = c.var.user;
    if (!user) throw unauthenticated();
    await assertCpiWorkspaceAccess(c.var.deps.db, user);
    await next();
  });
  return router;
}

/** A signed-in router whose every route first passes the accreditation gate. */
export function createCpiRouter() {
  const router = createRouter();
  router.use('*', requireAccreditedOperator);
  return router;
}
