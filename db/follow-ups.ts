// Reading follow-ups by their owner, whatever kind of case it is (domain/follow-ups.ts).
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { FollowUpOwner, FollowUpOwnerType } from '../domain/follow-ups';
import type { DbLike } from './client';
import { followUps } from './schema';

/** The follow-ups of one case, or of several cases of one kind. */
export const ownedBy = (owner: FollowUpOwner): SQL => and(eq(followUps.ownerType, owner.type), eq(followUps.ownerId, owner.id))!;
export const ownedByAny = (type: FollowUpOwnerType, ids: string[]): SQL => and(eq(followUps.ownerType, type), inArray(followUps.ownerId, ids))!;

/** A case's follow-ups, soonest first. */
export function followUpsOf(db: DbLike, owner: FollowUpOwner) {
  return db.select().from(followUps).where(ownedBy(owner)).orderBy(asc(followUps.dueAt));
}
