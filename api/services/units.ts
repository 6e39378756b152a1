// Units of the electronic window: who can receive communications, and who belongs to each unit.
import { and, asc, eq } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db } from '../../db/client';
import { organisations, unitMembers, units, users } from '../../db/schema';
import { ensureDefaultUnit, unitIdsOf } from '../../db/units';
import type { SessionUser } from '../context';
import { notFound } from '../errors';

const columns = { id: units.id, name: units.name, organisationId: units.organisationId, organisationName: organisations.name };

/** Every organisation's receiving units, or with `mine` the caller's own units. */
export async function listUnits(db: Db, user: SessionUser, mine: boolean) {
  // An organisation made by other code paths gets its default unit on first use.
  await ensureDefaultUnit(db, user.organisationId);
  if (mine) {
    return db
      .select(columns)
      .from(unitMembers)
      .innerJoin(units, eq(units.id, unitMembers.unitId))
      .innerJoin(organisations, eq(organisations.id, units.organisationId))
      .where(eq(unitMembers.userId, user.id))
      .orderBy(asc(units.name));
  }
  return db
    .select(columns)
    .from(units)
    .innerJoin(organisations, eq(organisations.id, units.organisationId))
    .where(eq(units.receivesCommunications, true))
    .orderBy(asc(organisations.name), asc(units.name));
}

export async function createUnit(db: Db, admin: SessionUser, input: { name: string; receivesCommunications: boolean }) {
  const [unit] = await db.insert(units).values({ organisationId: admin.organisationId, ...input }).returning();
  await writeAudit(db, { ...auditActor(admin), action: 'unit.created', subjectType: 'unit', subjectId: unit.id, details: input });
  return { id: unit.id, name: unit.name, organisationId: unit.organisationId, organisationName: admin.organisationName };
}

/** Members of a unit of the caller's organisation, or of a unit the caller belongs to; else 404. */
export async function unitMembersOf(db: Db, user: SessionUser, unitId: string) {
  const [unit] = await db.select().from(units).where(eq(units.id, unitId));
  if (!unit || (unit.organisationId !== user.organisationId && !(await unitIdsOf(db, user.id)).includes(unitId))) throw notFound();
  return db
    .select({ userId: users.id, name: users.name, email: users.email, roles: users.roles, position: unitMembers.position })
    .from(unitMembers)
    .innerJoin(users, eq(users.id, unitMembers.userId))
    .where(eq(unitMembers.unitId, unitId))
    .orderBy(asc(users.name));
}

async function requireOwnUnit(db: Db, admin: SessionUser, unitId: string) {
  const [unit] = await db.select().from(units).where(and(eq(units.id, unitId), eq(units.organisationId, admin.organisationId)));
  if (!unit) throw notFound();
}

/** Adds a user of the unit's organisation, or changes their position (printed under their signature). */
export async function setUnitMember(db: Db, admin: SessionUser, unitId: string, userId: string, position: string | null) {
  const [unit] = await db.select().from(units).where(and(eq(units.id, unitId), eq(units.organisationId, admin.organisationId)));
  const [member] = await db.select().from(users).where(and(eq(users.id, userId), eq(users.organisationId, admin.organisationId)));
  if (!unit || !member) throw notFound();
  await db
    .insert(unitMembers)
    .values({ unitId, userId, position })
    .onConflictDoUpdate({ target: [unitMembers.unitId, unitMembers.userId], set: { position } });
  await writeAudit(db, { ...auditActor(admin), action: 'unit.member_set', subjectType: 'unit', subjectId: unitId, details: { userId, position } });
}

export async function removeUnitMember(db: Db, admin: SessionUser, unitId: string, userId: string) {
  await requireOwnUnit(db, admin, unitId);
  await db.delete(unitMembers).where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.userId, userId)));
  await writeAudit(db, { ...auditActor(admin), action: 'unit.member_removed', subjectType: 'unit', subjectId: unitId, details: { userId } });
}
