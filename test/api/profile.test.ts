// The user's own account: profile page, password change, "forgot password" (issue 10, items 2, 8, 10).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationActivities } from '../../activities/notification.activities';
import { notifications, passwordResets, users } from '../../db/schema';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, mailsTo, TEST_PASSWORD, waitForMail, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
});
afterAll(async () => sys?.stop());

async function signedIn(email: string, password = TEST_PASSWORD, locale = 'es'): Promise<ApiClient> {
  const client = sys.client(locale);
  await client.login(email, password);
  return client;
}

const linkIn = (text: string | null) => /\/restablecer\/([A-Za-z0-9_-]{20,})/.exec(text ?? '')?.[1];

describe('[perfil] profile page', () => {
  it('the user sets their language, job title and email notifications; the session follows the language', async () => {
    const me = await signedIn(org.users.signer.email);
    const before = await me.get('/api/profile');
    expect(before.body).toMatchObject({ email: org.users.signer.email, locale: 'es', jobTitle: null, emailNotifications: true });

    // Not chosen yet: the UI keeps a language picked on the browser's login page (issue 10).
    expect((await me.get('/api/auth/me')).body.user).toMatchObject({ locale: 'es', localeChosen: false });
    expect((await me.patch('/api/profile', { jobTitle: 'Firmante' })).status).toBe(200);
    expect((await me.get('/api/auth/me')).body.user.localeChosen).toBe(false);

    const changed = await me.patch('/api/profile', { locale: 'it', jobTitle: 'Responsabile del servizio', emailNotifications: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ locale: 'it', jobTitle: 'Responsabile del servizio', emailNotifications: false });
    expect((await me.get('/api/auth/me')).body.user).toMatchObject({ locale: 'it', localeChosen: true });
    expect((await me.patch('/api/profile', { jobTitle: null })).body.jobTitle).toBeNull();

    expect((await me.patch('/api/profile', {})).status).toBe(400);
    expect((await me.patch('/api/profile', { locale: 'fr' })).status).toBe(400);
    expect((await sys.client().get('/api/profile')).status).toBe(401);
  });

  it('email notifications off: the notice is in the app, no email is sent', async () => {
    const quiet = await signedIn(org.users.supervisor.email);
    await quiet.patch('/api/profile', { emailNotifications: false });
    const { notify } = createNotificationActivities({ db: sys.database.db, outbox: sys.outbox, publicUrl: 'http://cauce.test' });
    await notify({ organisationId: org.id, userIds: [org.users.supervisor.id, org.users.admin.id], kind: 'test', messageKey: 'notifications.test', params: { subject: 'EXP-9' }, email: true });
    await waitForMail(sys.database.db, org.users.admin.email, (s) => s.includes('EXP-9'));
    expect((await quiet.get('/api/notifications')).body.items[0].message).toContain('EXP-9');
    expect((await mailsTo(sys.database.db, org.users.supervisor.email)).filter((m) => m.subject.includes('EXP-9'))).toEqual([]);
  });
});

describe('[perfil] password change', () => {
  it('needs the current password, and ends the user’s other sessions but not this one', async () => {
    const own = await createOrganisation(sys.database.db);
    const here = await signedIn(own.users.professional.email, TEST_PASSWORD, 'es');
    const elsewhere = await signedIn(own.users.professional.email);

    const wrong = await here.post('/api/profile/password', { currentPassword: 'not-it-at-all', newPassword: 'una-clave-nueva-2026' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0]).toMatchObject({ path: 'currentPassword', code: 'wrong_password', message: 'La contraseña actual no es correcta.' });
    expect((await here.post('/api/profile/password', { currentPassword: TEST_PASSWORD, newPassword: 'corta' })).status).toBe(400);

    expect((await here.post('/api/profile/password', { currentPassword: TEST_PASSWORD, newPassword: 'una-clave-nueva-2026' })).status).toBe(204);
    expect((await here.get('/api/profile')).status).toBe(200);
    expect((await elsewhere.get('/api/profile')).status).toBe(401);
    expect((await sys.client().post('/api/auth/login', { email: own.users.professional.email, password: TEST_PASSWORD })).status).toBe(401);
    await signedIn(own.users.professional.email, 'una-clave-nueva-2026');
  });
});

describe('[perfil] forgotten password', () => {
  it('emails a single-use link; the new password works, the old one and every session do not', async () => {
    const own = await createOrganisation(sys.database.db, { locale: 'it', timezone: 'Europe/Rome' });
    await sys.database.db.update(users).set({ locale: 'it' }).where(eq(users.id, own.users.professional.id));
    const session = await signedIn(own.users.professional.email);
    const anonymous = sys.client();

    expect((await anonymous.post('/api/auth/password-reset', { email: own.users.professional.email.toUpperCase() })).status).toBe(202);
    const mail = await waitForMail(sys.database.db, own.users.professional.email, (s) => s.includes('reimposta'));
    expect(mail.text).toContain('scade il');
    expect(mail.text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const token = linkIn(mail.text)!;
    expect(token).toBeTruthy();
    // Only its hash is kept, and the queued email no longer holds it once sent.
    const [stored] = await sys.database.db.select().from(passwordResets).where(eq(passwordResets.userId, own.users.professional.id));
    expect(stored.tokenHash).not.toContain(token);

    expect((await anonymous.get(`/api/auth/password-reset/${token}`)).body).toMatchObject({ email: own.users.professional.email });
    expect((await anonymous.post(`/api/auth/password-reset/${token}`, { password: 'corta' })).status).toBe(400);
    expect((await anonymous.post(`/api/auth/password-reset/${token}`, { password: 'nuova-password-sicura' })).status).toBe(204);

    const again = await anonymous.post(`/api/auth/password-reset/${token}`, { password: 'altra-password-sicura' });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('reset_link_invalid');
    expect((await anonymous.get(`/api/auth/password-reset/${token}`)).status).toBe(410);
    expect((await session.get('/api/profile')).status).toBe(401);
    expect((await sys.client().post('/api/auth/login', { email: own.users.professional.email, password: TEST_PASSWORD })).status).toBe(401);
    await signedIn(own.users.professional.email, 'nuova-password-sicura');
  });

  it('answers the same for an unknown address and sends nothing; a newer link replaces the older; an expired one is refused; three an hour at most', async () => {
    const own = await createOrganisation(sys.database.db);
    const anonymous = sys.client();
    const unknown = await anonymous.post('/api/auth/password-reset', { email: 'nadie@example.org' });
    expect(unknown.status).toBe(202);
    expect(await mailsTo(sys.database.db, 'nadie@example.org')).toEqual([]);

    const email = own.users.supervisor.email;
    await anonymous.post('/api/auth/password-reset', { email });
    await expect.poll(async () => (await mailsTo(sys.database.db, email)).length, { timeout: 20_000 }).toBe(1);
    await anonymous.post('/api/auth/password-reset', { email });
    await expect.poll(async () => (await mailsTo(sys.database.db, email)).length, { timeout: 20_000 }).toBe(2);
    const [first, second] = (await mailsTo(sys.database.db, email)).map((m) => linkIn(m.text)!);
    expect((await anonymous.get(`/api/auth/password-reset/${first}`)).status).toBe(410);
    expect((await anonymous.get(`/api/auth/password-reset/${second}`)).status).toBe(200);

    await sys.database.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.userId, own.users.supervisor.id));
    expect((await anonymous.post(`/api/auth/password-reset/${second}`, { password: 'nueva-clave-segura' })).status).toBe(410);

    await anonymous.post('/api/auth/password-reset', { email });
    await anonymous.post('/api/auth/password-reset', { email });
    await expect.poll(async () => (await mailsTo(sys.database.db, email)).length, { timeout: 20_000 }).toBe(3);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await mailsTo(sys.database.db, email)).toHaveLength(3);
    expect((await anonymous.get('/api/auth/password-reset/not-a-real-token-but-long-enough')).status).toBe(410);
    expect((await anonymous.post('/api/auth/password-reset', { email: 'no es un correo' })).status).toBe(400);
  });
});
