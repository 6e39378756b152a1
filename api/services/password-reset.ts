// "¿Has olvidado tu contraseña?": an emailed link, single use, valid for an hour. The answer to a
// request never says whether the address has an account, and only the token's hash is stored;
// the clear token lives in the queued email until it is sent (the outbox's secrets).
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { writeAudit } from '../../db/audit';
import type { Db } from '../../db/client';
import { organisations, passwordResets, sessions, users } from '../../db/schema';
import { formatInstant } from '../../domain/dates';
import { isLocale, t } from '../../domain/i18n';
import type { Outbox } from '../../platform/outbox';
import { hashToken } from '../../security/tokens';
import { ApiError } from '../errors';

export const RESET_VALID_MS = 60 * 60_000;
/** Requests per account per hour: enough for a lost email, too few to flood someone's inbox. */
export const RESETS_PER_HOUR = 3;

const gone = () => new ApiError(410, 'reset_link_invalid', 'errors.reset_link_invalid');

export async function requestPasswordReset(deps: { db: Db; outbox?: Outbox; publicUrl: string }, email: string, ip: string | null): Promise<void> {
  const { db, outbox } = deps;
  if (!outbox) throw new ApiError(503, 'service_unavailable', 'errors.unavailable');
  const [row] = await db
    .select({ user: users, timezone: organisations.timezone })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.email, email));
  // Unknown, invited or disabled: the same silence as a sent link.
  if (!row || row.user.status !== 'active') return;
  const { user } = row;
  const [{ recent }] = await db
    .select({ recent: count() })
    .from(passwordResets)
    .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, new Date(Date.now() - 3_600_000))));
  if (recent >= RESETS_PER_HOUR) return;

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + RESET_VALID_MS);
  const locale = isLocale(user.locale) ? user.locale : 'es';
  const params = { name: user.name, link: `${deps.publicUrl}/restablecer/{{secret:token}}`, expires: formatInstant(expiresAt, locale, row.timezone, 'long') };
  await db.transaction(async (tx) => {
    // Only the newest link works.
    await tx.update(passwordResets).set({ replacedAt: new Date() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt), isNull(passwordResets.replacedAt)));
    const [reset] = await tx.insert(passwordResets).values({ userId: user.id, tokenHash: hashToken(token), expiresAt, ip }).returning();
    await outbox.enqueue(
      [{
        dedupeKey: `password-reset:${reset.id}`,
        organisationId: user.organisationId,
        to: user.email,
        subject: t(locale, 'mail.password_reset.subject'),
        text: t(locale, 'mail.password_reset.body', params),
        secrets: { token },
      }],
      { tx },
    );
    await writeAudit(tx, { organisationId: user.organisationId, actorId: user.id, actorName: user.name, action: 'user.password_reset_requested', subjectType: 'user', subjectId: user.id, ip });
  });
}

async function usableReset(db: Db, token: string) {
  const [row] = await db
    .select({ reset: passwordResets, email: users.email, status: users.status })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashToken(token)));
  if (!row || row.reset.usedAt || row.reset.replacedAt || row.reset.expiresAt <= new Date() || row.status !== 'active') throw gone();
  return row;
}

/** What the reset page shows before the new password is typed: whose account it is. */
export async function checkPasswordReset(db: Db, token: string) {
  const { email, reset } = await usableReset(db, token);
  return { email, expiresAt: reset.expiresAt.toISOString() };
}

/** Sets the new password, spends the link and signs the account out everywhere. */
export async function completePasswordReset(db: Db, token: string, password: string, ip: string | null): Promise<void> {
  const { reset } = await usableReset(db, token);
  const passwordHash = await hash(password);
  await db.transaction(async (tx) => {
    // Spent inside the transaction, once: a second use racing this one finds it used.
    const spent = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id });
    if (!spent.length) throw gone();
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId)).returning();
    await tx.delete(sessions).where(eq(sessions.userId, reset.userId));
    await writeAudit(tx, { organisationId: user.organisationId, actorId: user.id, actorName: user.name, action: 'user.password_reset', subjectType: 'user', subjectId: user.id, ip });
  });
}
