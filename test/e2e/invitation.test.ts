import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, waitForMail, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
});
afterAll(async () => web?.stop());

describe('[usuarios] invitation journey', () => {
  it('[usuarios] una invitación cancelada ya no dice «Caduca…»', async () => {
    const email = `cancelada-${uniqueSuffix()}@test.cauce.local`;
    const admin = await web.newPage();
    await signIn(admin, org.users.admin.email, TEST_PASSWORD);
    await admin.getByTestId('nav-admin-users').click();
    await admin.getByTestId('user-invite').click();
    await admin.getByTestId('invite-email').fill(email);
    await admin.getByTestId('invite-name').fill('Invitación Cancelada');
    // Roles are checkboxes, Profesional ticked by default: the invitee gets just that role.
    expect(await admin.getByTestId('invite-role-professional').getAttribute('aria-checked')).toBe('true');
    await admin.getByTestId('invite-submit').click();
    const row = admin.locator(`[data-testid="user-row"][data-email="${email}"]`);
    await row.waitFor();
    expect(await row.getByTestId('user-invitation').innerText()).toContain('Caduca');
    await row.getByTestId('user-cancel-invitation').click();
    await admin.getByTestId('user-cancel-confirm').click();
    await expect.poll(async () => row.getByTestId('user-invitation').innerText()).toContain('Cancelada');
    expect(await row.getByTestId('user-invitation').innerText()).not.toContain('Caduca');
  });

  it('[usuarios] el admin invita, el correo llega por SMTP, la persona elige contraseña y entra', async () => {
    const email = `nueva-${uniqueSuffix()}@test.cauce.local`;
    const admin = await web.newPage();
    await signIn(admin, org.users.admin.email, TEST_PASSWORD);
    await admin.getByTestId('nav-admin-users').click();
    await admin.getByTestId('user-invite').click();
    await admin.getByTestId('invite-email').fill(email);
    await admin.getByTestId('invite-name').fill('Nueva Compañera');
    // Roles are checkboxes, Profesional ticked by default: the invitee gets just that role.
    expect(await admin.getByTestId('invite-role-professional').getAttribute('aria-checked')).toBe('true');
    await admin.getByTestId('invite-submit').click();
    const row = admin.locator(`[data-testid="user-row"][data-email="${email}"]`);
    await row.waitFor();
    expect(await row.getByTestId('user-status').innerText()).toMatch(/invitad/i);

    // The admin reads the captured mail in the app.
    const mail = await waitForMail(web.sys.database.db, email);
    await admin.getByTestId('nav-admin-outbox').click();
    await admin.locator(`[data-testid="mail-row"][data-mail-id="${mail.id}"]`).click();
    expect(await admin.getByTestId('mail-subject').innerText()).toContain('Invitación a Cauce');

    const link = /https?:\/\/\S+\/invitacion\/[\w-]+/.exec(mail.text ?? '')![0];
    const invited = await web.newPage();
    await invited.goto(link);
    expect(await invited.getByTestId('invitation-details').innerText()).toContain(email);
    await invited.getByTestId('invitation-password').fill('una-clave-segura-2026');
    await invited.getByTestId('invitation-confirm').fill('una-clave-segura-2026');
    await invited.getByTestId('invitation-submit').click();
    await invited.waitForURL(/\/login/);
    expect(await invited.getByTestId('login-email').inputValue()).toBe(email);
    await invited.getByTestId('login-password').fill('una-clave-segura-2026');
    await invited.getByTestId('login-submit').click();
    await invited.getByTestId('main-nav').waitFor();
    expect(await invited.getByTestId('header-user').innerText()).toContain('Nueva Compañera');

    // The link was single use.
    const again = await web.newPage();
    await again.goto(link);
    await again.getByTestId('invitation-invalid').waitFor();

    await admin.getByTestId('nav-admin-users').click();
    await expect.poll(async () => admin.locator(`[data-testid="user-row"][data-email="${email}"]`).getByTestId('user-status').innerText()).toMatch(/activ/i);
  });
});
