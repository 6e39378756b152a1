// The signed-in user's own page: name, language, job title, email notifications, password.
import { hash, verify } from '@node-rs/argon2';
import { and, eq, ne } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema';
import type { Locale } from '../../domain/i18n';
import type { SessionUser } from '../context';
import { invalidInput } from '../errors';

export interface ProfileChange {
  name?: string;
  locale?: Locale;
  jobTitle?: string | null;
  emailNotifications?: boolean;
}

export async function getProfile(db: Db, user: SessionUser) {
  const [row] = await db.select().from(users).where(eq(users.id, user.id));
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    jobTitle: row.jobTitle,
    emailNotifications: row.emailNotifications,
    organisationName: user.organisationName,
  };
}

export async function updateProfile(db: Db, user: SessionUser, change: ProfileChange) {
  const fields = Object.keys(change).filter((k) => change[k as keyof ProfileChange] !== undefined);
  await db.transaction(async (tx) => {
    // Saving a language makes it the user's choice: from now on it outranks the browser's pick.
    await tx.update(users).set({ ...change, ...(change.locale ? { localeChosen: true } : {}) }).where(eq(users.id, user.id));
    await writeAudit(tx, { ...auditActor(user), action: 'user.profile_updated', subjectType: 'user', subjectId: user.id, details: { fields } });
  });
  return getProfile(db, user);
}

/**
 * A new password needs the current one (a session left open must not be enough to take the
 * account), and ends every other session of the user.
 */
export async function changePassword(db: Db, user: SessionUser, current: string, next: string) {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  const valid = row?.passwordHash ? await verify(row.passwordHash, current).catch(() => false) : false;
  if (!valid) throw invalidInput([{ path: 'currentPassword', message: 'wrong_password', code: 'wrong_password' }]);
  if (current === next) throw invalidInput([{ path: 'newPassword', message: 'same_password', code: 'same_password' }]);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: await hash(next) }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, user.sessionId)));
    await writeAudit(tx, { ...auditActor(user), action: 'user.password_changed', subjectType: 'user', subjectId: user.id });
  });
}
