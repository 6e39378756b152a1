// Links for people without an account (a service answering a referral; later document uploads,
// CV shares, surveys): one table and these few operations, so every link is scoped to one
// purpose and one subject, expires, can be revoked, counts its uses and audits each of them.
// The token itself is made and hashed in security/public-links.ts; only hashes reach here.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { writeAudit } from './audit';
import type { DbLike } from './client';
import { publicLinks, type PublicLinkPurpose } from './schema';

export type PublicLinkRow = typeof publicLinks.$inferSelect;

export interface IssueLinkInput {
  tokenHash: string;
  organisationId: string;
  purpose: PublicLinkPurpose;
  subjectType: string;
  subjectId: string;
  issuedTo?: string | null;
  locale?: string;
  expiresAt: Date;
  createdBy?: string | null;
}

export async function issuePublicLink(db: DbLike, input: IssueLinkInput): Promise<PublicLinkRow> {
  const [row] = await db
    .insert(publicLinks)
    .values({ ...input, issuedTo: input.issuedTo ?? null, locale: input.locale ?? 'es', createdBy: input.createdBy ?? null })
    .returning();
  await writeAudit(db, {
    organisationId: input.organisationId,
    actorId: input.createdBy ?? null,
    action: 'public_link.issued',
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    details: { purpose: input.purpose, issuedTo: input.issuedTo ?? null, expiresAt: input.expiresAt.toISOString() },
  });
  return row;
}

/** Why a link opens nothing: unknown is a 404; the others are a 410 with a page that says so. */
export type LinkRefusal = 'unknown' | 'revoked' | 'expired' | 'resolved';

export type LinkResolution = { ok: true; link: PublicLinkRow } | { ok: false; reason: LinkRefusal; link?: PublicLinkRow };

/** The link for this hash and purpose, if it still opens its subject. */
export async function resolvePublicLink(db: DbLike, tokenHash: string, purpose: PublicLinkPurpose, now = new Date()): Promise<LinkResolution> {
  const [link] = await db.select().from(publicLinks).where(and(eq(publicLinks.tokenHash, tokenHash), eq(publicLinks.purpose, purpose)));
  if (!link) return { ok: false, reason: 'unknown' };
  if (link.revokedAt) return { ok: false, reason: link.revokedReason === 'resolved' ? 'resolved' : 'revoked', link };
  if (link.expiresAt <= now) return { ok: false, reason: 'expired', link };
  return { ok: true, link };
}

/** Counts one use (a page read, an answer) and audits it with what was done. */
export async function recordPublicLinkUse(db: DbLike, link: PublicLinkRow, use: { action: string; ip?: string | null; details?: Record<string, unknown> }): Promise<void> {
  await db
    .update(publicLinks)
    .set({ uses: sql`${publicLinks.uses} + 1`, lastUsedAt: new Date() })
    .where(eq(publicLinks.tokenHash, link.tokenHash));
  await writeAudit(db, {
    organisationId: link.organisationId,
    actorName: link.issuedTo,
    action: `public_link.${use.action}`,
    subjectType: link.subjectType,
    subjectId: link.subjectId,
    ip: use.ip ?? null,
    details: { purpose: link.purpose, ...use.details },
  });
}

/**
 * Revokes every live link of a subject. `resolved` says the subject itself is finished (a
 * referral answered for good): its links answer 410 "already resolved" rather than "revoked".
 */
export async function revokePublicLinks(db: DbLike, subject: { type: string; id: string }, reason: 'resolved' | 'revoked' | string): Promise<number> {
  const revoked = await db
    .update(publicLinks)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(publicLinks.subjectType, subject.type), eq(publicLinks.subjectId, subject.id), isNull(publicLinks.revokedAt)))
    .returning({ tokenHash: publicLinks.tokenHash });
  return revoked.length;
}
