import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
beforeAll(async () => {
  web = await startWebSystem();
});
afterAll(async () => web?.stop());

/** Four people, two signatures and a PDF: longer than the default on a busy machine. */
const JOURNEY_TIMEOUT_MS = 120_000;

/** What the user waits for: workflow updates under a loaded machine can take seconds. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

const statusOf = (page: Page) => page.getByTestId('communication-header').getByTestId('communication-status').innerText();

/** Picks a unit in a searchable unit select by typing its organisation's name. */
async function chooseUnit(page: Page, testId: string, org: TestOrganisation): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByTestId(`${testId}-input`).fill(org.name);
  await page.locator(`[data-testid="${testId}-option"][data-value="${org.unitId}"]`).click();
}

/** "Enviar a firma" with the organisation's only signer, who comes chosen. */
async function submitToSigner(page: Page, org: TestOrganisation): Promise<void> {
  await page.getByTestId('action-submit').click();
  await page.getByTestId('submit-signers').getByText(org.users.signer.name).waitFor();
  await page.getByTestId('submit-confirm').click();
  await page.getByTestId('submit-dialog').waitFor({ state: 'detached' });
}

async function trayRow(page: Page, id: string) {
  return page.locator(`[data-testid="tray-row"][data-communication-id="${id}"]`);
}

describe('[ventanilla] browser journeys', () => {
  it('[ventanilla] autor → firmante rechaza → autor corrige → firmante firma → destino recepciona y tramita → autor lee las observaciones', async () => {
    const db = web.sys.database.db;
    const sender = await createOrganisation(db);
    const recipient = await createOrganisation(db);
    const subject = `Solicitud de informe social ${uniqueSuffix()}`;
    const reason = 'Falta el número de expediente';
    const observations = 'Informe remitido por correo postal el día de hoy.';

    // The professional writes the communication and sends it to the signer.
    const author = await web.newPage();
    await signIn(author, sender.users.professional.email, TEST_PASSWORD);
    await author.getByTestId('nav-ventanilla').click();
    await author.getByTestId('communication-new').click();
    await chooseUnit(author, 'communication-recipient', recipient);
    await author.getByTestId('communication-subject').fill(subject);
    await author.getByTestId('communication-body').fill('Solicitamos el informe social de la persona atendida.');
    await author.getByTestId('communication-save').click();
    await author.waitForURL(/\/ventanilla\/[0-9a-f-]{36}$/);
    const id = /\/ventanilla\/([0-9a-f-]{36})$/.exec(author.url())![1];
    expect(await statusOf(author)).toBe('Borrador');
    expect(await author.getByTestId('communication-route').innerText()).toContain(recipient.name);
    const registry = await author.getByTestId('communication-registry').innerText();
    expect(registry).toMatch(/^VE-\d{4}-\d{6}$/);
    // A draft offers only the author's buttons.
    expect(await author.getByTestId('action-sign').count()).toBe(0);
    expect(await author.getByTestId('action-receive').count()).toBe(0);

    await submitToSigner(author, sender);
    await poll(() => statusOf(author)).toBe('Pendiente de firma');
    expect(await author.getByTestId('signer-row').first().innerText()).toContain(sender.users.signer.name);
    expect(await author.getByTestId('action-edit').count()).toBe(0);

    // The signer finds it in the tray (the menu says how many wait) and rejects it with a reason.
    const signer = await web.newPage();
    await signIn(signer, sender.users.signer.email, TEST_PASSWORD);
    await poll(() => signer.getByTestId('nav-signature-tray').innerText()).toContain('(1 pendiente de tu firma)');
    await signer.getByTestId('nav-signature-tray').click();
    const row = await trayRow(signer, id);
    expect(await row.getByTestId('tray-subject').innerText()).toBe(subject);
    expect(await row.getByTestId('tray-registry').innerText()).toBe(registry);
    await row.getByTestId('tray-reject').click();
    await signer.getByTestId('reject-confirm').click();
    // A reason is required.
    await signer.getByTestId('reject-dialog').getByText('Este campo es obligatorio.').waitFor();
    await signer.getByTestId('reject-text').fill(reason);
    await signer.getByTestId('reject-confirm').click();
    await row.waitFor({ state: 'detached' });
    await signer.getByTestId('tray-empty').waitFor();

    // The author sees it back in draft with the reason in the history, fixes it and resubmits.
    await author.reload();
    await poll(() => statusOf(author)).toBe('Borrador');
    const rejected = author.locator('[data-testid="history-entry"][data-action="rejected"]');
    expect(await rejected.getByTestId('history-label').innerText()).toBe('Firma rechazada');
    expect(await rejected.getByTestId('history-note').innerText()).toBe(reason);
    expect(await rejected.innerText()).toContain(sender.users.signer.name);
    expect(await author.getByTestId('signer-reason').innerText()).toContain(reason);
    await author.getByTestId('action-edit').click();
    await author.getByTestId('communication-body').fill('Expediente EXP-000123: solicitamos el informe social de la persona atendida.');
    await author.getByTestId('communication-save').click();
    await author.getByTestId('communication-body-text').getByText('EXP-000123', { exact: false }).waitFor();
    await submitToSigner(author, sender);
    await poll(() => statusOf(author)).toBe('Pendiente de firma');

    // The signer previews it from the tray and signs.
    await signer.getByTestId('tray-refresh').click();
    await (await trayRow(signer, id)).click();
    expect(await signer.getByTestId('tray-preview-subject').innerText()).toBe(subject);
    await poll(() => signer.getByTestId('tray-preview-body').innerText()).toContain('EXP-000123');
    expect(await signer.getByTestId('tray-preview-pdf').getAttribute('src')).toBe(`/api/ventanilla/${id}/pdf`);
    await signer.getByTestId('tray-preview-sign').click();
    await signer.getByTestId('tray-empty').waitFor();
    await poll(() => signer.getByTestId('nav-signature-tray-badge').count()).toBe(0);

    // The recipient unit's member finds it in the inbox, receives and processes it.
    const receiver = await web.newPage();
    await signIn(receiver, recipient.users.professional.email, TEST_PASSWORD);
    await receiver.getByTestId('nav-ventanilla').click();
    await receiver.getByTestId('box-inbox').click();
    await receiver.waitForURL(/bandeja=entrada/);
    const inboxRow = receiver.locator(`[data-testid="communication-row"][data-communication-id="${id}"]`);
    expect(await inboxRow.getByTestId('communication-status').innerText()).toBe('Pendiente de recepción');
    expect(await inboxRow.innerText()).toContain(sender.name);
    expect(await receiver.getByTestId('status-filter-pending_reception').getByTestId('status-count').innerText()).toBe('1');
    await inboxRow.getByTestId('row-subject').click();
    await receiver.getByTestId('communication-header').waitFor();
    expect(await receiver.getByTestId('action-edit').count()).toBe(0);
    await receiver.getByTestId('action-receive').click();
    await receiver.getByTestId('receive-confirm').click();
    await poll(() => statusOf(receiver)).toBe('Recepcionada');
    await receiver.getByTestId('action-process').click();
    await receiver.getByTestId('process-text').fill(observations);
    await receiver.getByTestId('process-confirm').click();
    await poll(() => statusOf(receiver)).toBe('Tramitada');
    expect(await receiver.getByTestId('action-process').count()).toBe(0);

    // The author reads the observations, prominent on the communication.
    await author.reload();
    await poll(() => statusOf(author)).toBe('Tramitada');
    const seen = await author.getByTestId('communication-observations').innerText();
    expect(seen).toContain(observations);
    expect(seen).toContain(recipient.name);
    const labels = await author.getByTestId('history-label').allInnerTexts();
    expect(labels).toEqual([
      'Creada como borrador',
      'Enviada a firma',
      'Firma rechazada',
      'Enviada a firma',
      'Firmada',
      'Entregada a la unidad de destino',
      'Recepcionada',
      'Tramitada',
    ]);
    const code = await author.getByTestId('communication-csv').innerText();
    expect(code).toMatch(/^CAUCE(-[0-9A-Z]{4}){4}$/);

    // Anyone holding the code checks the document without signing in.
    const citizen = await web.newPage();
    await citizen.goto(`/verificar/${code}`);
    await citizen.getByTestId('verify-valid').waitFor();
    expect(await citizen.getByTestId('verify-valid').innerText()).toContain('Documento auténtico');
    expect(await citizen.getByTestId('verify-registry').innerText()).toBe(registry);
    expect(await citizen.getByTestId('verify-subject').innerText()).toBe(subject);
    expect(await citizen.getByTestId('verify-sender').innerText()).toContain(sender.name);
    expect(await citizen.getByTestId('verify-recipient').innerText()).toContain(recipient.name);
    expect(await citizen.getByTestId('verify-signers').innerText()).toContain(sender.users.signer.name);
    expect(await citizen.getByTestId('verify-sha256').innerText()).toMatch(/^[0-9a-f]{64}$/);
    expect(await citizen.getByTestId('verify-download').getAttribute('href')).toBe(`/api/verify/${code}/pdf`);
    expect(await citizen.getByTestId('main-nav').count()).toBe(0);

    // A mistyped code says so plainly.
    await citizen.getByTestId('verify-code').fill('CAUCE-0000-0000-0000-0000');
    await citizen.getByTestId('verify-submit').click();
    await citizen.getByTestId('verify-failure').waitFor();
    expect(await citizen.getByTestId('verify-failure').innerText()).toContain('No hay ningún documento con este código');
  }, JOURNEY_TIMEOUT_MS);

  it('[ventanilla] firmar tres comunicaciones de una vez desde la bandeja de firmas', async () => {
    const db = web.sys.database.db;
    const sender = await createOrganisation(db);
    const recipient = await createOrganisation(db);
    const author = web.sys.client();
    await author.login(sender.users.professional.email, TEST_PASSWORD);
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const created = await author.post('/api/ventanilla', { recipientUnitId: recipient.unitId, subject: `Remesa ${i} ${uniqueSuffix()}`, body: `Comunicación número ${i}.` });
      expect(created.status).toBe(201);
      expect((await author.post(`/api/ventanilla/${created.body.id}/submit`, { signerId: sender.users.signer.id })).status).toBe(200);
      ids.push(created.body.id);
    }

    const signer = await web.newPage();
    await signIn(signer, sender.users.signer.email, TEST_PASSWORD);
    await signer.getByTestId('nav-signature-tray').click();
    await poll(() => signer.getByTestId('tray-row').count()).toBe(3);
    // Oldest first.
    expect(await signer.getByTestId('tray-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-communication-id')))).toEqual(ids);
    for (const id of ids) await (await trayRow(signer, id)).locator('.n-checkbox').click();
    expect(await signer.getByTestId('tray-selected').innerText()).toBe('3 seleccionadas');
    await signer.getByTestId('tray-sign-selected').click();
    await signer.getByTestId('tray-sign-selected-confirm').click();
    await signer.getByTestId('bulk-summary').waitFor();
    expect(await signer.getByTestId('bulk-summary').innerText()).toContain('Firmadas: 3. Con error: 0.');
    expect(await signer.locator('[data-testid="bulk-result"][data-ok="true"]').count()).toBe(3);
    await signer.getByTestId('bulk-close').click();
    await signer.getByTestId('tray-empty').waitFor();

    for (const id of ids) expect((await author.get(`/api/ventanilla/${id}`)).body.status).toBe('pending_reception');
  });

  it('[ventanilla] adjuntos, retirar a borrador y nueva comunicación sobre una entregada', async () => {
    const db = web.sys.database.db;
    const sender = await createOrganisation(db);
    const recipient = await createOrganisation(db);
    const author = await web.newPage();
    await signIn(author, sender.users.professional.email, TEST_PASSWORD);
    await author.goto('/ventanilla/nueva');
    await chooseUnit(author, 'communication-recipient', recipient);
    await author.getByTestId('communication-subject').fill(`Remisión de anexos ${uniqueSuffix()}`);
    await author.getByTestId('communication-body').fill('Adjuntamos la documentación solicitada.');
    await author.getByTestId('communication-save').click();
    await author.waitForURL(/\/ventanilla\/[0-9a-f-]{36}$/);
    const id = /\/ventanilla\/([0-9a-f-]{36})$/.exec(author.url())![1];

    // A link to a file-sharing service, a refused file type (the server's 400 as it comes) and a file.
    await author.getByTestId('attachment-add-link').click();
    await author.getByTestId('attachment-url').fill('https://consigna.example.org/f/anexo-1');
    await author.getByTestId('attachment-label').fill('Anexo I');
    await author.getByTestId('attachment-link-save').click();
    await author.locator('[data-testid="attachment-item"][data-kind="link"]').getByText('Anexo I').waitFor();
    await author.getByTestId('attachment-file').setInputFiles({ name: 'programa.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    expect(await author.getByTestId('attachment-error').innerText()).toContain('«programa.exe» no está permitido');
    await author.getByTestId('attachment-file').setInputFiles({ name: 'informe.txt', mimeType: 'text/plain', buffer: Buffer.from('Informe de prueba') });
    await author.locator('[data-testid="attachment-item"][data-kind="file"]').getByText('informe.txt').waitFor();

    // Sent to the signer, then pulled back to draft before anyone signs.
    await submitToSigner(author, sender);
    await poll(() => statusOf(author)).toBe('Pendiente de firma');
    expect(await author.getByTestId('attachment-remove').count()).toBe(0);
    await author.getByTestId('action-withdraw').click();
    await author.getByTestId('withdraw-confirm').click();
    await poll(() => statusOf(author)).toBe('Borrador');
    expect(await author.locator('[data-testid="history-entry"][data-action="withdrawn"]').getByTestId('history-label').innerText()).toBe('Devuelta a borrador');
    expect(await author.getByTestId('attachment-remove').count()).toBe(2);

    // Signed and delivered; the sender cannot reply inside it, so writes a new one about it.
    const api = web.sys.client();
    await api.login(sender.users.professional.email, TEST_PASSWORD);
    expect((await api.post(`/api/ventanilla/${id}/submit`, { signerId: sender.users.signer.id })).status).toBe(200);
    const signerApi = web.sys.client();
    await signerApi.login(sender.users.signer.email, TEST_PASSWORD);
    expect((await signerApi.post(`/api/ventanilla/${id}/sign`)).status).toBe(200);
    await author.reload();
    await poll(() => statusOf(author)).toBe('Pendiente de recepción');
    const registry = await author.getByTestId('communication-registry').innerText();
    await author.getByTestId('action-follow-up').click();
    await author.waitForURL((url) => !url.pathname.endsWith(id) && url.searchParams.get('editar') === '1');
    await author.getByTestId('communication-editor').waitFor();
    expect(await author.getByTestId('communication-subject').inputValue()).toContain(`Sobre ${registry}`);
    expect(await author.getByTestId('linked-original').innerText()).toContain(registry);
    await author.getByTestId('communication-body').fill('Ampliamos la información enviada.');
    await author.getByTestId('communication-save').click();
    await author.getByTestId('communication-body-text').getByText('Ampliamos la información enviada.').waitFor();
    expect(await statusOf(author)).toBe('Borrador');
    const followUpRegistry = await author.getByTestId('communication-registry').innerText();
    await author.getByTestId('linked-original').click();
    await author.waitForURL(new RegExp(`/ventanilla/${id}$`));
    await poll(() => author.getByTestId('linked-follow-up').innerText()).toContain(followUpRegistry);
  });
});
