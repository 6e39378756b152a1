// Accreditation of CPI operators through the real API (Postgres, the Temporal dev server with a
// worker, the SMTP capture): the request, the service centre's decision, access per role and
// organisation, and the gate the CPI routes mount (requireAccreditedOperator → 403 not_accredited).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notifications, users } from '../../db/schema';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../api/context';
import { toErrorResponse } from '../../api/errors';
import { createCpiRouter } from '../../api/middleware/cpi-access';
import { loadSession } from '../../api/middleware/session';
import { negotiateLocale } from '../../domain/i18n';
import { ApiClient, startTestSystem, type TestSystem } from '../support/api';
import { accreditUser, createCpiOrganisation, type TestCpi } from '../support/accreditations';
import { createOrganisation, TEST_PASSWORD, waitForMail, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let cpi: TestCpi;
let other: TestCpi;
let social: TestOrganisation;
let operator: ApiClient; // cpi professional, not accredited
let colleague: ApiClient; // cpi supervisor, not accredited
let centre: ApiClient; // cpi service centre
let admin: ApiClient;
let outsider: ApiClient; // another CPI's service centre
let socialWorker: ApiClient;
let client: (locale: string) => ApiClient;

beforeAll(async () => {
  sys = await startTestSystem();
  // A CPI route of the test's own behind the gate, mounted as the CPI modules mount theirs, with
  // the app's session and error handling; the clients reach it beside the real API.
  const probe = new OpenAPIHono<AppEnv>();
  probe.use('*', async (c, next) => {
    c.set('deps', { db: sys.database.db, temporal: sys.temporal, config: sys.config });
    c.set('locale', negotiateLocale(c.req.header('accept-language')));
    await next();
  });
  probe.use('*', loadSession);
  probe.onError((err, c) => toErrorResponse(err, c));
  probe.route('/api/cpi-probe', createCpiRouter().get('/', (c) => c.json({ ok: true })));
  const both = { request: (path: string, init?: RequestInit) => (path.startsWith('/api/cpi-probe') ? probe.request(path, init) : sys.app.request(path, init)) };
  client = (locale: string) => new ApiClient(both, locale);
  const db = sys.database.db;
  cpi = await createCpiOrganisation(db);
  other = await createCpiOrganisation(db);
  social = await createOrganisation(db);
  await db.update(users).set({ locale: 'it' }).where(eq(users.id, cpi.users.professional.id));
  const login = async (email: string, locale = 'it') => {
    const c = client(locale);
    await c.login(email, TEST_PASSWORD);
    return c;
  };
  operator = await login(cpi.users.professional.email);
  colleague = await login(cpi.users.supervisor.email);
  centre = await login(cpi.serviceCentre.email);
  admin = await login(cpi.users.admin.email);
  outsider = await login(other.serviceCentre.email);
  socialWorker = await login(social.users.professional.email, 'es');
});
afterAll(async () => sys?.stop());

async function statusOf(client: ApiClient) {
  const res = await client.get('/api/accreditations/me');
  expect(res.status).toBe(200);
  return res.body as { required: boolean; accredited: boolean; canDecide: boolean; requestPath: string; latest: { id: string; status: string; reason: string | null } | null };
}

describe('[accreditamento] request, decision and the CPI gate', () => {
  it('an operator without accreditation gets 403 not_accredited, requests it, is rejected with a reason, asks again, is approved and passes', async () => {
    // The gate, before anything: Italian message saying where to request it.
    const refused = await operator.get('/api/cpi-probe');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_accredited');
    expect(refused.body.error.message).toContain('alla voce «Accreditamento»');
    expect(refused.body.error.details).toMatchObject({ requestPath: '/cpi/accreditamento', status: null });
    expect(await statusOf(operator)).toMatchObject({ required: true, accredited: false, canDecide: false, latest: null });

    // 400 at the edge, then the request (201, pending at once), then 409 for a second one.
    expect((await operator.post('/api/accreditations', { province: 'BA' })).status).toBe(400);
    const created = await operator.post('/api/accreditations', { cpiId: 'CPI Bari', province: 'BA', role: 'Operatore del mercato del lavoro', phone: '+39 080 123456' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending' });
    const id = created.body.id as string;
    const again = await operator.post('/api/accreditations', { cpiId: 'CPI Bari' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('accreditation_exists');
    // Still refused while pending, and the details say so.
    expect((await operator.get('/api/cpi-probe')).body.error.details).toMatchObject({ status: 'pending', accreditationId: id });

    // Who sees it: the requester, the service centre and admins; a colleague 403, another organisation 404.
    expect((await operator.get(`/api/accreditations/${id}`)).body).toMatchObject({ id, cpiId: 'CPI Bari', province: 'BA', role: 'Operatore del mercato del lavoro', status: 'pending' });
    expect((await colleague.get(`/api/accreditations/${id}`)).status).toBe(403);
    expect((await admin.get(`/api/accreditations/${id}`)).status).toBe(200);
    expect((await outsider.get(`/api/accreditations/${id}`)).status).toBe(404);
    expect((await outsider.post(`/api/accreditations/${id}/approve`)).status).toBe(404);
    const pending = await centre.get('/api/accreditations?status=pending');
    expect(pending.body.items.map((a: { id: string }) => a.id)).toContain(id);
    expect((await colleague.get('/api/accreditations')).body).toEqual({ items: [], total: 0 });
    // The service centre is told of the new request.
    await expect.poll(async () => (await centre.get('/api/notifications')).body.items.map((n: { kind: string; subjectId: string }) => `${n.kind}:${n.subjectId}`)).toContain(`accreditation.submitted:${id}`);

    // 403 per role: the requester, an admin and a colleague do not decide.
    for (const c of [operator, admin, colleague]) {
      const res = await c.post(`/api/accreditations/${id}/approve`);
      expect(res.status).toBe(403);
    }
    expect((await centre.post(`/api/accreditations/${id}/reject`, { reason: '   ' })).status).toBe(400);

    const rejected = await centre.post(`/api/accreditations/${id}/reject`, { reason: 'Qualifica da documentare' });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body).toEqual({ id, status: 'rejected' });
    await expect.poll(async () => (await statusOf(operator)).latest).toMatchObject({ id, status: 'rejected', reason: 'Qualifica da documentare' });
    const late = await centre.post(`/api/accreditations/${id}/approve`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('accreditation_not_pending');
    const mail = await waitForMail(sys.database.db, cpi.users.professional.email, (s) => s.includes('respinta'));
    expect(mail.text).toContain('Qualifica da documentare');

    // A rejected operator asks again; this time the centre approves and the gate opens.
    const second = await operator.post('/api/accreditations', { cpiId: 'CPI Bari', province: 'BA', role: 'Operatore' });
    expect(second.status).toBe(201);
    const approved = await centre.post(`/api/accreditations/${second.body.id}/approve`);
    expect(approved.status).toBe(200);
    await expect.poll(async () => (await statusOf(operator)).accredited).toBe(true);
    expect((await operator.get('/api/cpi-probe')).status).toBe(200);
    await waitForMail(sys.database.db, cpi.users.professional.email, (s) => s.includes('approvato'));
    const [n] = await sys.database.db.select().from(notifications).where(and(eq(notifications.userId, cpi.users.professional.id), eq(notifications.subjectId, second.body.id)));
    expect(n).toMatchObject({ kind: 'accreditation.approved', link: '/cpi/accreditamento' });
    // Approved: no new request.
    expect((await operator.post('/api/accreditations', { cpiId: 'CPI Bari' })).status).toBe(409);
  });

  it('admins, the service centre and users outside a CPI pass the gate; the fixture accredits in one insert', async () => {
    expect((await admin.get('/api/cpi-probe')).status).toBe(200);
    expect((await centre.get('/api/cpi-probe')).status).toBe(200);
    expect((await socialWorker.get('/api/cpi-probe')).status).toBe(200);
    expect(await statusOf(socialWorker)).toMatchObject({ required: false, accredited: true });
    expect(await statusOf(centre)).toMatchObject({ required: false, canDecide: true });
    expect((await client('it').get('/api/cpi-probe')).status).toBe(401);

    const before = await colleague.get('/api/cpi-probe');
    expect(before.status).toBe(403);
    await accreditUser(sys.database.db, { id: cpi.users.supervisor.id, organisationId: cpi.id });
    expect((await colleague.get('/api/cpi-probe')).status).toBe(200);
  });

  it('outside a CPI there is nothing to request (422 not_cpi); the service centre does not request (403)', async () => {
    const res = await socialWorker.post('/api/accreditations', { cpiId: 'CPI Bari' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('not_cpi');
    expect((await centre.post('/api/accreditations', { cpiId: 'CPI Bari' })).status).toBe(403);
  });

  it('an admin gives the service-centre role, which then decides', async () => {
    const otherAdmin = client('it');
    await otherAdmin.login(other.users.admin.email, TEST_PASSWORD);
    const promoted = await otherAdmin.patch(`/api/users/${other.users.signer.id}`, { roles: ['service_centre'] });
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    expect(promoted.body.roles).toEqual(['service_centre']);
    const signer = client('it');
    await signer.login(other.users.signer.email, TEST_PASSWORD);
    expect(await statusOf(signer)).toMatchObject({ canDecide: true, required: false });
  });

  it('a draft is edited and submitted by its requester only', async () => {
    const c = sys.client('it');
    await c.login(other.users.professional.email, TEST_PASSWORD);
    const draft = await c.post('/api/accreditations', { cpiId: 'CPI Lecce', submit: false });
    expect(draft.body).toMatchObject({ status: 'draft' });
    const id = draft.body.id as string;
    expect((await outsider.post(`/api/accreditations/${id}/submit`)).status).toBe(403);
    expect((await c.patch(`/api/accreditations/${id}`, { cpiId: 'CPI Lecce 2', province: 'LE' })).status).toBe(200);
    expect((await c.post(`/api/accreditations/${id}/submit`)).body).toEqual({ id, status: 'pending' });
    await expect.poll(async () => (await c.get(`/api/accreditations/${id}`)).body).toMatchObject({ cpiId: 'CPI Lecce 2', province: 'LE', status: 'pending' });
    expect((await c.post(`/api/accreditations/${id}/submit`)).status).toBe(409);
  });
});
