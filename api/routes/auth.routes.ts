import { createRoute, z } from '@hono/zod-openapi';
import { hash, verify } from '@node-rs/argon2';
import { and, count, eq, gt } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema';
import { writeAudit } from '../../activities/audit.activities';
import { createRouter } from '../context';
import { ApiError } from '../errors';
import { errors, jsonBody, noContent, ok } from '../schemas';
import { clientIp, closeSession, currentUser, openSession, userProfile } from '../middleware/session';

/** Five failures per address in 15 minutes, or 30 per client IP, then a pause. */
export const LOGIN_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

// Verifying against a real hash when the user does not exist keeps response times equal.
const dummyHash = hash('not-a-real-password-' + Math.random());

export const ZMe = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    organisationId: z.string(),
    organisationName: z.string(),
    locale: z.string(),
    permissions: z.array(z.string()),
  })
  .openapi('CurrentUser');

const ZLogin = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email()),
    password: z.string().min(1).max(200),
  })
  .openapi('LoginRequest');

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  request: jsonBody(ZLogin),
  responses: { 200: ok(z.object({ user: ZMe })), 400: errors[400], 401: errors[401], 429: errors[429] },
});

const logout = createRoute({ method: 'post', path: '/logout', tags: ['auth'], responses: { 204: noContent } });

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  
  responses: { 200: ok(z.object({ user: ZMe })), 401: errors[401] },
});

async function recentFailures(db: Parameters<typeof writeAudit>[0], where: ReturnType<typeof and>) {
  const [row] = await db.select({ n: count() }).from(auditLog).where(where);
  return row.n;
}

export const authRoutes = createRouter({ public: true })
  .openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const { db } = c.var.deps;
    const ip = clientIp(c) ?? null;
    const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);
    const byEmail = await recentFailures(
      db,
      and(eq(auditLog.action, 'auth.login_failed'), eq(auditLog.subjectType, 'login'), eq(auditLog.subjectId, email), gt(auditLog.createdAt, since)),
    );
    const byIp = ip
      ? await recentFailures(db, and(eq(auditLog.action, 'auth.login_failed'), eq(auditLog.ip, ip), gt(auditLog.createdAt, since)))
      : 0;
    if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP) {
      c.header('Retry-After', String(LOGIN_WINDOW_MINUTES * 60));
      throw new ApiError(429, 'too_many_attempts', 'errors.too_many_attempts', { minutes: LOGIN_WINDOW_MINUTES });
    }
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const valid = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!user || !valid || user.status !== 'active') {
      await writeAudit(db, {
        organisationId: user?.organisationId ?? null,
        actorId: user?.id ?? null,
        action: 'auth.login_failed',
        subjectType: 'login',
        subjectId: email,
        ip,
        details: { reason: !user ? 'unknown_email' : !valid ? 'wrong_password' : `user_${user.status}` },
      });
      throw new ApiError(401, 'invalid_credentials', 'errors.invalid_credentials');
    }
    await openSession(c, user);
    await writeAudit(db, {
      organisationId: user.organisationId,
      actorId: user.id,
      actorName: user.name,
      action: 'auth.login',
      subjectType: 'login',
      subjectId: email,
      ip,
      details: { userAgent: c.req.header('user-agent')?.slice(0, 200) ?? null },
    });
    return c.json({ user: (await userProfile(db, user.id))! }, 200);
  })
  .openapi(logout, async (c) => {
    const user = c.var.user;
    await closeSession(c);
    if (user) {
      await writeAudit(c.var.deps.db, {
        organisationId: user.organisationId,
        actorId: user.id,
        actorName: user.name,
        action: 'auth.logout',
        subjectType: 'login',
        subjectId: user.email,
        ip: clientIp(c) ?? null,
      });
    }
    return c.body(null, 204);
  })
  .openapi(me, (c) => {
    const { sessionId: _omit, ...user } = currentUser(c);
    return c.json({ user }, 200);
  });
