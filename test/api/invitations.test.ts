import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, mailsTo, TEST_PASSWORD, uniqueSuffix, waitForMail, type TestOrganisation } from '../support/fixtures';
import { kindKey, organisationKey } from '../../workflows/search-attributes';

let sys: TestSystem;
let org: TestOrganisation;
let admin: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
  admin = sys.client();
  await admin.login(org.users.admin.email, TEST_PASSWORD);
});
afterAll(async () => sys?.stop());

const tokenFrom = (text: string | null) => /\/invitacion\/([\w-]+)/.exec(text ?? '')![1];

async function invite(roles = ['professional']) {
  const email = `invitada-${uniqueSuffix()}@test.cauce.local`;
  const res = await admin.post('/api/users/invitations', { email, name: 'Invitada Nueva', roles });
  expect(res.status).toBe(201);
  return { email, ...res.body };
}

describe('[usuarios] invitation through real SMTP and the Temporal dev server', () => {
  it('invite → email with a single-use link → set password → log in', async () => {
    const { email, workflowId, userId } = await invite(['professional', 'signer']);
    expect(workflowId).toMatch(/^invitation-/);
    const mail = await waitForMail(sys.database.db, email);
    expect(mail.subject).toBe(`Invitación a Cauce: ${org.name}`);
    const token = tokenFrom(mail.text);

    const described = await sys.client().get(`/api/invitations/${token}`);
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({ email, name: 'Invitada Nueva', organisationName: org.name });

    // Listed for the admin as invited, with the invitation pending.
    const listed = (await admin.get('/api/users')).body.items.find((u: { id: string }) => u.id === userId);
    expect(listed).toMatchObject({ status: 'invited', roles: ['professional', 'signer'], invitation: { status: 'pending', remindersSent: 0 } });

    expect((await sys.client().post(`/api/invitations/${token}/accept`, { password: 'short' })).status).toBe(400);
    const accepted = await sys.client().post(`/api/invitations/${token}/accept`, { password: 'una-clave-larga-2026' });
    expect(accepted.status).toBe(200);

    const newcomer = sys.client();
    const me = await newcomer.login(email, 'una-clave-larga-2026');
    expect(me).toMatchObject({ email, roles: ['professional', 'signer'], organisationId: org.id });

    // Single use: the link no longer works.
    expect((await sys.client().get(`/api/invitations/${token}`)).status).toBe(404);
    const again = await sys.client().post(`/api/invitations/${token}/accept`, { password: 'otra-clave-larga-2026' });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('invitation_invalid');

    const handle = sys.temporal.workflow.getHandle(workflowId);
    expect((await handle.result()).status).toBe('accepted');
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(kindKey)).toBe('invitation');
    expect(description.typedSearchAttributes.get(organisationKey)).toBe(org.id);
  });

  it('cancel: the link stops working; cancelling again is 409 with the reason', async () => {
    const { email, invitationId } = await invite();
    const token = tokenFrom((await waitForMail(sys.database.db, email)).text);
    const cancelled = await admin.post(`/api/users/invitations/${invitationId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await sys.client().get(`/api/invitations/${token}`)).status).toBe(404);
    const again = await admin.post(`/api/users/invitations/${invitationId}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({
      code: 'invitation_not_pending',
      message: 'La invitación ya no está pendiente (estado: cancelada).',
      details: { status: 'cancelled' },
    });
  });

  it('resend: a second email with a new link; both links work until one is used', async () => {
    const { email, invitationId } = await invite();
    const first = tokenFrom((await waitForMail(sys.database.db, email)).text);
    expect((await admin.post(`/api/users/invitations/${invitationId}/resend`)).status).toBe(200);
    const mails = () => mailsTo(sys.database.db, email);
    await expect.poll(async () => (await mails()).length).toBe(2);
    const second = tokenFrom((await mails())[1].text);
    expect(second).not.toBe(first);
    expect((await sys.client().get(`/api/invitations/${first}`)).status).toBe(200);
    expect((await sys.client().post(`/api/invitations/${second}/accept`, { password: 'clave-de-prueba-123' })).status).toBe(200);
    expect((await sys.client().get(`/api/invitations/${first}`)).status).toBe(404);
  });

  it('only user managers invite (403), an active email is 409, another organisation’s invitation is 404', async () => {
    const ana = sys.client();
    await ana.login(org.users.professional.email, TEST_PASSWORD);
    expect((await ana.post('/api/users/invitations', { email: `x-${uniqueSuffix()}@test.cauce.local`, name: 'X', roles: ['professional'] })).status).toBe(403);

    const taken = await admin.post('/api/users/invitations', { email: org.users.professional.email, name: 'Ana', roles: ['professional'] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');

    const bad = await admin.post('/api/users/invitations', { email: 'nope', name: '', roles: ['king'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'name', 'roles.0']);

    const { invitationId } = await invite();
    const other = await createOrganisation(sys.database.db);
    const outsider = sys.client();
    await outsider.login(other.users.admin.email, TEST_PASSWORD);
    expect((await outsider.post(`/api/users/invitations/${invitationId}/cancel`)).status).toBe(404);
    expect((await outsider.post(`/api/users/invitations/${invitationId}/resend`)).status).toBe(404);
  });

  it('an invitee of an Italian organisation is invited in Italian unless the admin chooses another language', async () => {
    const cpi = await createOrganisation(sys.database.db, { locale: 'it', timezone: 'Europe/Rome' });
    const cpiAdmin = sys.client('it');
    await cpiAdmin.login(cpi.users.admin.email, TEST_PASSWORD);
    const email = `operatrice-${uniqueSuffix()}@test.cauce.local`;
    const res = await cpiAdmin.post('/api/users/invitations', { email, name: 'Giulia Bianchi', roles: ['professional'] });
    expect(res.status).toBe(201);
    const mail = await waitForMail(sys.database.db, email);
    expect(mail.subject).toBe(`Invito a Cauce: ${cpi.name}`);
    const token = tokenFrom(mail.text);
    expect((await sys.client().get(`/api/invitations/${token}`)).body.locale).toBe('it');

    const english = `english-${uniqueSuffix()}@test.cauce.local`;
    await cpiAdmin.post('/api/users/invitations', { email: english, name: 'Jane Smith', roles: ['professional'], locale: 'en' });
    expect((await waitForMail(sys.database.db, english)).subject).toBe(`Invitation to Cauce: ${cpi.name}`);
  });
});
