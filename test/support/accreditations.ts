// CPI fixtures other modules' tests share: a CPI organisation with a service-centre user, and an
// operator accredited in one insert (an approved row, as the accreditation workflow's projection
// leaves it), so CPI routes behind requireAccreditedOperator let them through.
import { hash } from '@node-rs/argon2';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accreditations, users } from '../../db/schema';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from './fixtures';

let passwordHash: Promise<string> | undefined;

/** An active user holding only the service-centre role (Centro Servizi). */
export async function addServiceCentreUser(db: Db, organisationId: string, locale = 'it') {
  const email = `centro-${uniqueSuffix()}@test.cauce.local`;
  const [u] = await db
    .insert(users)
    .values({ organisationId, email, name: `Centro Servizi ${uniqueSuffix()}`, roles: ['service_centre'], passwordHash: await (passwordHash ??= hash(TEST_PASSWORD)), status: 'active', locale })
    .returning();
  return { id: u.id, email, name: u.name };
}

/** An approved accreditation for the user, without a workflow: the gate reads only this row. */
export async function accreditUser(db: Db, user: { id: string; organisationId?: string }, options: { organisationId?: string; cpiId?: string; province?: string } = {}) {
  const organisationId = options.organisationId ?? user.organisationId;
  if (!organisationId) throw new Error('accreditUser needs the organisation id');
  // A live draft or pending request of theirs gives way to the approval (one live row per user).
  await db.delete(accreditations).where(and(eq(accreditations.userId, user.id), inArray(accreditations.status, ['draft', 'pending'])));
  const now = new Date();
  const [row] = await db
    .insert(accreditations)
    .values({ organisationId, userId: user.id, cpiId: options.cpiId ?? 'CPI Test', province: options.province ?? 'BA', status: 'approved', submittedAt: now, decidedAt: now })
    .onConflictDoNothing()
    .returning();
  return row;
}

export interface TestCpi extends TestOrganisation {
  serviceCentre: { id: string; email: string; name: string };
}

/**
 * A CPI organisation (kind `cpi`, Italian, Rome) with the usual users plus a service-centre one.
 * `accredited: true` also accredits its professional and supervisor.
 */
export async function createCpiOrganisation(db: Db, options: { accredited?: boolean; holidays?: string[] } = {}): Promise<TestCpi> {
  const org = await createOrganisation(db, { kind: 'cpi', locale: 'it', timezone: 'Europe/Rome', settings: { holidays: options.holidays ?? [] } });
  const serviceCentre = await addServiceCentreUser(db, org.id);
  if (options.accredited) {
    for (const u of [org.users.professional, org.users.supervisor]) await accreditUser(db, u, { organisationId: org.id });
  }
  return { ...org, serviceCentre };
}
