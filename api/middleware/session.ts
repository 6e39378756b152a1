import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { organisations, rolePermissions, sessions, userPermissions, users } from '../../db/schema';
import { effectivePermissions, type Permission, type RuleOverrides } from '../../domain/permissions';
import type { Db } from '../../db/client';
import type { AppEnv, SessionUser } from '../context';
import { forbidden, unauthenticated } from '../errors';

export const SESSION_COOKIE = 'cauce_session';
/** Sliding idle timeout: a working day, renewed while the user is active. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 5 * 60 * 1000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function openSession(c: Context<AppEnv>, user: { id: string; organisationId: string }): Promise<void> {
  const { db, config } = c.var.deps;
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    id: hash(token),
    userId: user.id,
    organisationId: user.organisationId,
    expiresAt: new Date(Date.now() + SESSION_IDLE_MS),
    userAgent: c.req.header('user-agent')?.slice(0, 300),
    ip: clientIp(c),
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.production,
    path: '/',
    maxAge: Math.floor(SESSION_IDLE_MS / 1000),
  });
}

export async function closeSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await c.var.deps.db.delete(sessions).where(eq(sessions.id, hash(token)));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/**
 * The client's address for rate limits and the audit log. X-Forwarded-For is anyone's to write,
 * so it counts only behind a trusted proxy (TRUST_PROXY), and then only its last entry: the one
 * our proxy appended, not those the client sent.
 */
export function clientIp(c: Context<AppEnv>): string | undefined {
  const forwarded = c.req.header('x-forwarded-for');
  if (forwarded && c.var.deps?.config.trustProxy) return forwarded.split(',').at(-1)!.trim();
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}

/** Loads the caller, if any; routes decide whether they need one. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('user', null);
  const token = getCookie(c, SESSION_COOKIE);
  if (token) c.set('user', await findSessionUser(c, hash(token)));
  await next();
};

/** The user, their organisation's name and its permission rules, in one round trip. */
const profileColumns = {
  user: users,
  organisationName: organisations.name,
  organisationTimezone: organisations.timezone,
  organisationLocale: organisations.locale,
  overrides: sql<RuleOverrides>`coalesce((
    SELECT json_agg(json_build_object('role', rp.role, 'permission', rp.permission, 'allowed', rp.allowed))
    FROM ${rolePermissions} rp WHERE rp.organisation_id = ${users.organisationId}), '[]'::json)`,
  grants: sql<string[]>`coalesce((SELECT array_agg(up.permission) FROM ${userPermissions} up WHERE up.user_id = ${users.id}), '{}'::text[])`,
};

function toProfile(row: { user: typeof users.$inferSelect; organisationName: string; organisationTimezone: string; organisationLocale: string; overrides: RuleOverrides; grants: string[] }): Omit<SessionUser, 'sessionId'> {
  return {
    id: row.user.id,
    email: row.user.email,
    name: row.user.name,
    roles: row.user.roles,
    organisationId: row.user.organisationId,
    organisationName: row.organisationName,
    organisationTimezone: row.organisationTimezone,
    organisationLocale: row.organisationLocale,
    locale: row.user.locale,
    localeChosen: row.user.localeChosen,
    permissions: effectivePermissions(row.user.roles, row.overrides, row.grants),
  };
}

async function findSessionUser(c: Context<AppEnv>, sessionId: string): Promise<SessionUser | null> {
  const { db } = c.var.deps;
  const now = new Date();
  const [row] = await db
    .select({ ...profileColumns, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now), eq(users.status, 'active')));
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) })
      .where(eq(sessions.id, sessionId));
  }
  return { ...toProfile(row), sessionId };
}

/** An active user as the API describes them, with the permissions their roles grant. */
export async function userProfile(db: Db, userId: string): Promise<Omit<SessionUser, 'sessionId'> | null> {
  const [row] = await db
    .select(profileColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, userId), eq(users.status, 'active')));
  return row ? toProfile(row) : null;
}

/** The signed-in caller; only for routes behind requireAuth. */
export function currentUser(c: Context<AppEnv>): SessionUser {
  const user = c.var.user;
  if (!user) throw unauthenticated();
  return user;
}

export function requirePermission(c: Context<AppEnv>, permission: Permission): SessionUser {
  const user = currentUser(c);
  if (!user.permissions.includes(permission)) throw forbidden({ permission });
  return user;
}

export function hasRole(user: SessionUser, ...roles: string[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}
