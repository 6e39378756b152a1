import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../platform/mailer';
import { createOutbox } from '../../platform/outbox';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { startTestSmtp, type TestSmtp } from '../support/smtp';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
let refusing: TestSmtp;
beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
  refusing = await startTestSmtp(() => ({ code: 550, message: '5.1.1 Mailbox unavailable' }));
});
afterAll(async () => {
  await web?.stop();
  await refusing?.stop();
});

describe('[correo] delivery status', () => {
  it('[correo] el admin ve qué correo no se pudo entregar, por qué y cada intento', async () => {
    const mail = (to: string) => ({ dedupeKey: `e2e:${uniqueSuffix()}`, organisationId: org.id, to, subject: `Aviso para ${to}`, text: 'Texto' });
    const refusedTo = `rechazado-${uniqueSuffix()}@mail.test`;
    const sentTo = `entregado-${uniqueSuffix()}@mail.test`;
    // A relay that refuses everything, as a second SMTP route would.
    const mailer = createMailer({ smtpUrl: refusing.url, from: 'Cauce <no-reply@test.cauce.local>' });
    const [refused] = await createOutbox({ db: web.sys.database.db, mailer, queue: `e2e-${uniqueSuffix()}` }).send([mail(refusedTo)]);
    mailer.close();
    const [sent] = await web.sys.outbox.send([mail(sentTo)]);

    const admin = await web.newPage();
    await signIn(admin, org.users.admin.email, TEST_PASSWORD);
    await admin.getByTestId('nav-admin-outbox').click();
    await admin.getByTestId('outbox-tab-delivery').click();
    const failedRow = admin.locator(`[data-testid="delivery-row"][data-outbox-id="${refused.id}"]`);
    await failedRow.waitFor();
    expect(await failedRow.getByTestId('delivery-status').innerText()).toBe('Fallido');
    expect(await failedRow.innerText()).toContain('Rechazado por el servidor: 550');
    expect(await admin.locator(`[data-testid="delivery-row"][data-outbox-id="${sent.id}"]`).getByTestId('delivery-status').innerText()).toBe('Enviado');

    await failedRow.locator('.n-data-table-expand-trigger').click();
    expect(await admin.getByTestId('delivery-attempts').innerText()).toMatch(/rechazo definitivo · 550 5\.1\.1 Mailbox unavailable/);

    await admin.getByTestId('delivery-filter').click();
    await admin.locator('.n-base-select-option', { hasText: 'Fallido' }).click();
    await admin.locator(`[data-testid="delivery-row"][data-outbox-id="${sent.id}"]`).waitFor({ state: 'detached' });
    expect(await failedRow.isVisible()).toBe(true);
    expect(admin.url()).toContain('ver=envios');
  });
});
