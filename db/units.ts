import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbLike } from './client';
import { organisations, unitMembers, units } from './schema';

/**
 * Every organisation is at least one unit named like it, so it can send and receive
 * communications from day one. Made lazily by whoever needs it first; safe to call again.
 */
export async function ensureDefaultUnit(db: DbLike, organisationId: string, memberIds: string[] = []) {
  return db.transaction(async (tx) => {
    // Two first uses at once must not make two default units.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`unit:${organisationId}`}))`);
    let [unit] = await tx.select().from(units).where(eq(units.organisationId, organisationId)).orderBy(asc(units.createdAt)).limit(1);
    if (!unit) {
      const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
      [unit] = await tx.insert(units).values({ organisationId, name: org.name }).returning();
    }
    if (memberIds.length) {
      await tx.insert(unitMembers).values(memberIds.map((userId) => ({ unitId: unit.id, userId }))).onConflictDoNothing();
    }
    return unit;
  });
}

/** The ids of the units a user belongs to. */
export async function unitIdsOf(db: DbLike, userId: string): Promise<string[]> {
  const rows = await db.select({ unitId: unitMembers.unitId }).from(unitMembers).where(eq(unitMembers.userId, userId));
  return rows.map((r) => r.unitId);
}

export async function isUnitMember(db: DbLike, unitId: string, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: unitMembers.userId }).from(unitMembers).where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.userId, userId)));
  return Boolean(row);
}

/** The active colleagues who share a unit (equipo) with the user, the user excluded. */
export async function teamOf(db: DbLike, userId: string): Promise<string[]> {
  const rows = await db.execute<{ user_id: string }>(sql`
    SELECT DISTINCT other.user_id FROM ${unitMembers} mine
    JOIN ${unitMembers} other ON other.unit_id = mine.unit_id AND other.user_id <> mine.user_id
    WHERE mine.user_id = ${userId}`);
  return [...rows].map((r) => r.user_id);
}
