// Each test builds its own organisation and users, so files run in any order and in parallel.
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ensureDefaultUnit } from '../../db/units';
import { capturedMails, organisations, users, type OrganisationKind, type OrganisationSettings } from '../../db/schema';

export const TEST_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

export const uniqueSuffix = () => randomBytes(4).toString('hex');

export interface TestOrganisation {
  id: string;
  name: string;
  users: Record<'admin' | 'professional' | 'supervisor' | 'signer', { id: string; email: string; name: string }>;
  /** Its default unit (ventanilla), named like it, with every user above as a member. */
  unitId: string;
}

export async function createOrganisation(
  db: Db,
  options: { kind?: OrganisationKind; locale?: string; timezone?: string; settings?: OrganisationSettings } = {},
): Promise<TestOrganisation> {
  const suffix = uniqueSuffix();
  passwordHash ??= hash(TEST_PASSWORD);
  const [org] = await db
    .insert(organisations)
    .values({
      name: `Org ${suffix}`,
      kind: options.kind ?? 'social_services',
      locale: options.locale ?? 'es',
      timezone: options.timezone ?? 'Europe/Madrid',
      settings: options.settings ?? {},
    })
    .returning();
  const roles = ['admin', 'professional', 'supervisor', 'signer'] as const;
  const created = {} as TestOrganisation['users'];
  for (const role of roles) {
    const email = `${role}-${suffix}@test.cauce.local`;
    const [u] = await db
      .insert(users)
      .values({ organisationId: org.id, email, name: `${role} ${suffix}`, roles: [role], passwordHash: await passwordHash, status: 'active' })
      .returning();
    created[role] = { id: u.id, email, name: u.name };
  }
  const unit = await ensureDefaultUnit(db, org.id, Object.values(created).map((u) => u.id));
  return { id: org.id, name: org.name, users: created, unitId: unit.id };
}

/** Waits for a mail to reach the capture SMTP server (mail is sent by activities, asynchronously). */
/** An active user of the organisation who belongs to no unit: outside everybody's team. */
export async function addUserOutsideTeams(db: Db, org: TestOrganisation, role: 'professional' | 'supervisor' = 'professional') {
  const email = `${role}-apart-${uniqueSuffix()}@test.cauce.local`;
  const [u] = await db
    .insert(users)
    .values({ organisationId: org.id, email, name: `${role} apart`, roles: [role], passwordHash: await (passwordHash ??= hash(TEST_PASSWORD)), status: 'active' })
    .returning();
  return { id: u.id, email, name: u.name };
}

export async function waitForMail(db: Db, to: string, match: (subject: string) => boolean = () => true, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const rows = await db
      .select()
      .from(capturedMails)
      .where(and(sql`${to} = ANY(${capturedMails.to})`))
      .orderBy(desc(capturedMails.receivedAt));
    const found = rows.find((r) => match(r.subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
}

export async function mailsTo(db: Db, to: string) {
  return db.select().from(capturedMails).where(sql`${to} = ANY(${capturedMails.to})`).orderBy(capturedMails.receivedAt);
}

export async function userByEmail(db: Db, email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  return u;
}
