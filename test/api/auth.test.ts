import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema';
import { createApp } from '../../api/app';
import { ApiClient, startTestSystem, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
beforeAll(async () => {
  sys = await startTestSystem({ withWorker: false });
  org = await createOrganisation(sys.database.db);
});
afterAll(async () => sys?.stop());

describe('[auth] sessions', () => {
  it('logs in with an HttpOnly session cookie, answers /me, and logs out', async () => {
    const client = sys.client();
    const login = await client.post('/api/auth/login', { email: org.users.professional.email.toUpperCase(), password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: org.users.professional.email, roles: ['professional'], organisationId: org.id });
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/cauce_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: org.users.professional.id, name: org.users.professional.name });
    expect(me.body.user.permissions).not.toContain('persons.delete');

    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a wrong password in the caller’s language and audits it', async () => {
    const res = await sys.client('it').post('/api/auth/login', { email: org.users.admin.email, password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'invalid_credentials', message: 'Email o password errati.' });
    const failures = await sys.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login_failed'), eq(auditLog.subjectId, org.users.admin.email)));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].details).toMatchObject({ reason: 'wrong_password' });
  });

  it('records successful logins in the audit log', async () => {
    await sys.client().login(org.users.supervisor.email, TEST_PASSWORD);
    const rows = await sys.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.actorId, org.users.supervisor.id)));
    expect(rows).toHaveLength(1);
  });

  it('audits the address our proxy saw, never one the client wrote into X-Forwarded-For', async () => {
    const ipOf = async (email: string) => {
      const [row] = await sys.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.login_failed'), eq(auditLog.subjectId, email)));
      return row?.ip;
    };
    // Behind the trusted proxy (the test system's setting): the entry the proxy appended, last.
    const viaProxy = `proxy-${org.users.professional.email}`;
    await sys.client().request('POST', '/api/auth/login', { email: viaProxy, password: 'x'.repeat(12) }, { 'x-forwarded-for': '198.51.100.9, 203.0.113.7' });
    expect(await ipOf(viaProxy)).toBe('203.0.113.7');
    // Without TRUST_PROXY the header is ignored: a client cannot pick the address it is counted as.
    const direct = createApp({ db: sys.database.db, temporal: sys.temporal, config: { ...sys.config, trustProxy: false } });
    const spoofer = `direct-${org.users.professional.email}`;
    await new ApiClient(direct, 'es').request('POST', '/api/auth/login', { email: spoofer, password: 'x'.repeat(12) }, { 'x-forwarded-for': '203.0.113.66' });
    expect(await ipOf(spoofer)).toBeNull(); // in process there is no socket: no address at all
  });

  it('pauses logins for an address after 5 failures in 15 minutes, even with the right password', async () => {
    const client = sys.client();
    const email = org.users.signer.email;
    for (let i = 0; i < 5; i++) expect((await client.post('/api/auth/login', { email, password: `nope-${i}` })).status).toBe(401);
    const blocked = await client.post('/api/auth/login', { email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_attempts');
    expect(blocked.headers.get('retry-after')).toBe('900');
  });

  it('a disabled user cannot log in, and an invited one neither', async () => {
    const other = await createOrganisation(sys.database.db);
    await sys.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, other.users.professional.id));
    expect((await sys.client().post('/api/auth/login', { email: other.users.professional.email, password: TEST_PASSWORD })).status).toBe(401);
  });

  it('validates the login body: 400 names the field', async () => {
    const res = await sys.client().post('/api/auth/login', { email: 'not-an-email', password: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'password']);
  });

  it('refuses a cross-site form post (CSRF)', async () => {
    const res = await sys.client().request('POST', '/api/auth/login', undefined, {
      origin: 'https://evil.example',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_rejected');
  });

  it('refuses a bodiless cross-site DELETE too, even with a valid session', async () => {
    const client = sys.client();
    await client.login(org.users.admin.email, TEST_PASSWORD);
    const res = await client.request('DELETE', '/api/persons/anything/favorite', undefined, { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    const sameSite = await client.request('DELETE', `/api/persons/${randomUUID()}/favorite`, undefined, { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:3000' });
    expect(sameSite.status).toBe(404);
  });
});
