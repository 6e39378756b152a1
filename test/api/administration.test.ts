import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let admin: ApiClient;
let ana: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem({ withWorker: false });
  org = await createOrganisation(sys.database.db);
  admin = sys.client();
  await admin.login(org.users.admin.email, TEST_PASSWORD);
  ana = sys.client();
  await ana.login(org.users.professional.email, TEST_PASSWORD);
});
afterAll(async () => sys?.stop());

describe('[administración] roles, rules and settings', () => {
  it('shows the rule matrix with defaults; admins cannot lock themselves out', async () => {
    const rules = await admin.get('/api/permission-rules');
    expect(rules.status).toBe(200);
    const rule = (role: string, permission: string) => rules.body.rules.find((r: any) => r.role === role && r.permission === permission);
    expect(rule('professional', 'persons.delete')).toMatchObject({ allowed: false, byDefault: false, locked: false });
    expect(rule('supervisor', 'interventions.reopen')).toMatchObject({ allowed: true });
    expect(rule('admin', 'users.manage')).toMatchObject({ allowed: true, locked: true });

    const lockout = await admin.put('/api/permission-rules', { rules: [{ role: 'admin', permission: 'users.manage', allowed: false }] });
    expect(lockout.status).toBe(400);
    expect((await ana.get('/api/permission-rules')).status).toBe(403);
    expect((await ana.put('/api/permission-rules', { rules: [{ role: 'professional', permission: 'persons.delete', allowed: true }] })).status).toBe(403);
  });

  it('a rule change applies to the next request of users with that role', async () => {
    expect((await ana.get('/api/auth/me')).body.user.permissions).not.toContain('interventions.reopen');
    await admin.put('/api/permission-rules', { rules: [{ role: 'professional', permission: 'interventions.reopen', allowed: true }] });
    expect((await ana.get('/api/auth/me')).body.user.permissions).toContain('interventions.reopen');
  });

  it('edits roles; the last active admin cannot be demoted or disabled', async () => {
    const users = (await admin.get('/api/users')).body.items;
    expect(users.map((u: any) => u.email)).toContain(org.users.signer.email);
    const promoted = await admin.patch(`/api/users/${org.users.signer.id}`, { roles: ['signer', 'supervisor'] });
    expect(promoted.status).toBe(200);
    expect(promoted.body.roles).toEqual(['signer', 'supervisor']);

    const lastAdmin = await admin.patch(`/api/users/${org.users.admin.id}`, { roles: ['professional'] });
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.body.error.code).toBe('last_admin');
    expect((await ana.patch(`/api/users/${org.users.signer.id}`, { roles: ['admin'] })).status).toBe(403);
  });

  it('disabling a user ends their sessions at once', async () => {
    const supervisor = sys.client();
    await supervisor.login(org.users.supervisor.email, TEST_PASSWORD);
    expect((await admin.patch(`/api/users/${org.users.supervisor.id}`, { status: 'disabled' })).status).toBe(200);
    expect((await supervisor.get('/api/auth/me')).status).toBe(401);
    await admin.patch(`/api/users/${org.users.supervisor.id}`, { status: 'active' });
  });

  it('organisation settings: holidays and follow-up rules, admins only', async () => {
    const res = await admin.patch('/api/organisation', { settings: { holidays: ['2026-12-08', '2026-12-25'], followUpGraceWorkingDays: 3 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.settings).toMatchObject({ holidays: ['2026-12-08', '2026-12-25'], followUpGraceWorkingDays: 3 });
    expect((await admin.patch('/api/organisation', { settings: { holidays: ['8/12/2026'] } })).status).toBe(400);
    expect((await ana.patch('/api/organisation', { name: 'Mine' })).status).toBe(403);
    // The time zone is one of the list, not free text; the language is one Cauce speaks.
    expect((await admin.patch('/api/organisation', { timezone: 'Europe/Rome', locale: 'it' })).body).toMatchObject({ timezone: 'Europe/Rome', locale: 'it' });
    const typo = await admin.patch('/api/organisation', { timezone: 'Europa/Madrid' });
    expect(typo.status).toBe(400);
    expect(typo.body.error.details.fields[0]).toMatchObject({ path: 'timezone', code: 'unknown_time_zone' });
    expect((await admin.patch('/api/organisation', { locale: 'fr' })).status).toBe(400);
    expect((await admin.patch('/api/organisation', { timezone: 'Europe/Madrid', locale: 'es', settings: { signingRequiresPassword: true } })).body.settings.signingRequiresPassword).toBe(true);
    await admin.patch('/api/organisation', { settings: { signingRequiresPassword: false } });
    expect((await ana.get('/api/organisation')).body.name).toBe(org.name);
  });

  it('the Temporal UI link is only for those who may inspect workflows: admins by default, others by a rule', async () => {
    expect((await admin.get('/api/system')).body.temporalUiUrl).toMatch(/\/namespaces\/default\/workflows$/);
    expect((await ana.get('/api/system')).body.temporalUiUrl).toBeNull();
    const supervisor = sys.client();
    await supervisor.login(org.users.supervisor.email, TEST_PASSWORD);
    expect((await supervisor.get('/api/system')).body.temporalUiUrl).toBeNull();
  });

  it('public holidays of the region pre-fill the calendar: a proposal in the reader’s language, for admins', async () => {
    const places = await admin.get('/api/organisation/public-holidays/places?country=ES');
    expect(places.status).toBe(200);
    expect(places.body.states).toContainEqual(expect.objectContaining({ code: 'AN', name: 'Andalucía' }));
    const andalucia = await admin.get('/api/organisation/public-holidays?country=ES&state=AN&year=2027');
    expect(andalucia.status).toBe(200);
    const dates = andalucia.body.items.map((h: { date: string }) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2027-01-01', '2027-02-28', '2027-10-12', '2027-12-06', '2027-12-25']));
    expect(andalucia.body.items).toContainEqual({ date: '2027-02-28', name: 'Día de Andalucía' });
    // Madrid does not keep Andalucía's day.
    expect((await admin.get('/api/organisation/public-holidays?country=ES&state=MD&year=2027')).body.items.map((h: { date: string }) => h.date)).not.toContain('2027-02-28');
    const italian = sys.client('it');
    await italian.login(org.users.admin.email, TEST_PASSWORD);
    const italy = await italian.get('/api/organisation/public-holidays?country=IT&year=2027');
    expect(italy.body.items).toContainEqual({ date: '2027-06-02', name: 'Festa della Repubblica' });
    expect((await admin.get('/api/organisation/public-holidays?country=ES&state=XX&year=2027')).status).toBe(400);
    expect((await ana.get('/api/organisation/public-holidays?country=ES&year=2027')).status).toBe(403);
  });

  it('a rule can be granted to one professional, not only to a role', async () => {
    const colleague = sys.client();
    await colleague.login(org.users.professional.email, TEST_PASSWORD);
    expect((await colleague.get('/api/auth/me')).body.user.permissions).not.toContain('persons.delete');
    const granted = await admin.put(`/api/permission-rules/users/${org.users.professional.id}`, { permissions: ['persons.delete'] });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body.grants).toEqual([{ userId: org.users.professional.id, name: org.users.professional.name, permission: 'persons.delete' }]);
    expect((await colleague.get('/api/auth/me')).body.user.permissions).toContain('persons.delete');
    // Another professional keeps the role's rule.
    expect((await admin.get('/api/permission-rules')).body.rules).toContainEqual(expect.objectContaining({ role: 'professional', permission: 'persons.delete', allowed: false }));
    expect((await ana.put(`/api/permission-rules/users/${org.users.professional.id}`, { permissions: [] })).status).toBe(403);
    expect((await admin.put(`/api/permission-rules/users/${randomUUID()}`, { permissions: [] })).status).toBe(404);
    expect((await admin.put(`/api/permission-rules/users/${org.users.professional.id}`, { permissions: ['fly'] })).status).toBe(400);
    expect((await admin.put(`/api/permission-rules/users/${org.users.professional.id}`, { permissions: [] })).body.grants).toEqual([]);
    expect((await colleague.get('/api/auth/me')).body.user.permissions).not.toContain('persons.delete');
  });

  it('captured mail is for admins of the organisation', async () => {
    expect((await admin.get('/api/admin/mails')).status).toBe(200);
    expect((await ana.get('/api/admin/mails')).status).toBe(403);
    expect((await admin.get(`/api/admin/mails/${randomUUID()}`)).status).toBe(404);
    expect((await admin.get('/api/admin/mails/does-not-exist')).status).toBe(400);
  });
});
