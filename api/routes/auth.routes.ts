import { createRoute, z } from '@hono/zod-openapi';
import { hash, verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { auditActor, writeAudit } from '../../db/audit';
import { createRouter } from '../context';
import { ApiError } from '../errors';
import { errors, jsonBody, noContent, ok } from '../schemas';
import { clientIp, closeSession, currentUser, openSession, userProfile } from '../middleware/session';
import { admitLogin, loginSucceeded } from '../services/login-throttle';
import { checkPasswordReset, completePasswordReset, requestPasswordReset } from '../services/password-reset';
import { PASSWORD_MIN_LENGTH } from '../services/invitations';

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
    organisationTimezone: z.string().openapi({ description: 'IANA zone in which the UI shows dates and times', example: 'Europe/Madrid' }),
    organisationLocale: z.string().openapi({ description: 'The organisation’s language: the UI’s second choice after the user’s own' }),
    locale: z.string(),
    localeChosen: z.boolean().openapi({
      description: 'Whether the user (or the admin who invited them) chose `locale`; until then the UI keeps a language picked on the browser’s login page, then the organisation’s',
    }),
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
  description:
    'Attempts are limited per client address (30 failures in 15 min), per account and address (5), and per account from anywhere ' +
    '(after 5 failures each attempt waits 1 s, then twice as long, at most 30 s); 429 says how long in Retry-After.',
  request: jsonBody(ZLogin),
  responses: { 200: ok(z.object({ user: ZMe })), 400: errors[400], 401: errors[401], 429: errors[429], 503: errors[503] },
});

const logout = createRoute({ method: 'post', path: '/logout', tags: ['auth'], responses: { 204: noContent } });

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  
  responses: { 200: ok(z.object({ user: ZMe })), 401: errors[401] },
});

const ZResetToken = z.object({ token: z.string().min(20).max(100).openapi({ param: { name: 'token', in: 'path' } }) });
const requestReset = createRoute({
  method: 'post',
  path: '/password-reset',
  tags: ['auth'],
  summary: 'Emails a single-use link to choose a new password (valid 1 h); the same answer whether or not the address has an account',
  request: jsonBody(z.object({ email: z.string().trim().toLowerCase().pipe(z.email()) }).openapi('PasswordResetRequest')),
  responses: { 202: { description: 'If the address has an active account, a link is on its way' }, 400: errors[400], 503: errors[503] },
});
const checkReset = createRoute({
  method: 'get',
  path: '/password-reset/{token}',
  tags: ['auth'],
  request: { params: ZResetToken },
  responses: { 200: ok(z.object({ email: z.string(), expiresAt: z.string() }).openapi('PasswordResetLink')), 400: errors[400], 410: { ...errors[404], description: 'Used, replaced by a newer link, or expired' } },
});
const completeReset = createRoute({
  method: 'post',
  path: '/password-reset/{token}',
  tags: ['auth'],
  request: { params: ZResetToken, ...jsonBody(z.object({ password: z.string().min(PASSWORD_MIN_LENGTH).max(200) }).openapi('PasswordResetComplete')) },
  responses: { 204: noContent, 400: errors[400], 410: { ...errors[404], description: 'Used, replaced by a newer link, or expired' } },
});

export const authRoutes = createRouter({ public: true })
  .openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const { db } = c.var.deps;
    const ip = clientIp(c) ?? null;
    const admission = await admitLogin(db, email, ip);
    if ('retryAfterSeconds' in admission) {
      const seconds = admission.retryAfterSeconds;
      c.header('Retry-After', String(seconds));
      throw admission.accountDelay
        ? new ApiError(429, 'too_many_attempts', 'errors.login_delayed', { seconds })
        : new ApiError(429, 'too_many_attempts', 'errors.too_many_attempts', { minutes: Math.ceil(seconds / 60) });
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
    await loginSucceeded(db, admission);
    await writeAudit(db, {
      ...auditActor(user),
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
        ...auditActor(user),
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
  })
  .openapi(requestReset, async (c) => {
    const { db, outbox, config } = c.var.deps;
    await requestPasswordReset({ db, outbox, publicUrl: config.publicUrl }, c.req.valid('json').email, clientIp(c) ?? null);
    return c.body(null, 202);
  })
  .openapi(checkReset, async (c) => c.json(await checkPasswordReset(c.var.deps.db, c.req.valid('param').token), 200))
  .openapi(completeReset, async (c) => {
    await completePasswordReset(c.var.deps.db, c.req.valid('param').token, c.req.valid('json').password, clientIp(c) ?? null);
    return c.body(null, 204);
  });
