import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bulkMessages } from '../../db/schema';
import type { ApiClient } from '../support/api';
import { createOrganisation, mailsTo, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
});
afterAll(async () => web?.stop());

/** Persons marked as favourites of the signed-in `client`, each with the given email (or none). */
async function favourites(client: ApiClient, emails: Array<string | null>) {
  const tag = uniqueSuffix();
  const ids: string[] = [];
  for (const [i, email] of emails.entries()) {
    const res = await client.post('/api/persons', { firstName: `Fav${i}`, lastName: `Msg ${tag}`, ...(email ? { email } : {}) });
    ids.push(res.body.id);
    await client.put(`/api/persons/${res.body.id}/favorite`);
  }
  return ids;
}

describe('[mensajes] browser journeys', () => {
  it('[mensajes] favoritas → email masivo con aviso de dirección inválida → barra de progreso → completado', async () => {
    const api = web.sys.client('es');
    await api.login(org.users.supervisor.email, TEST_PASSWORD);
    const tag = uniqueSuffix();
    const good = [`a-${tag}@mail.test`, `b-${tag}@mail.test`, `c-${tag}@mail.test`];
    const ids = await favourites(api, [...good, `bad-${tag}@nowhere.invalid`, null]);

    const page = await web.newPage();
    await signIn(page, org.users.supervisor.email, TEST_PASSWORD);
    await page.getByTestId('nav-persons').click();
    await page.getByTestId('person-filter-favorites').click();
    await expect.poll(async () => page.getByTestId('person-row').count()).toBe(5);
    await page.getByTestId('bulk-email').click();
    await page.getByTestId('bulk-invalid').waitFor();
    const reasons = await page.getByTestId('bulk-invalid-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')));
    expect(reasons.sort()).toEqual(['invalid_email', 'missing_email']);
    expect(await page.getByTestId('bulk-invalid').innerText()).toContain('dirección de email no válida');
    expect(await page.getByTestId('bulk-total').innerText()).toContain('3');
    await page.getByTestId('bulk-subject').fill('Taller de empleo');
    await page.getByTestId('bulk-body').fill('Hola {{name}}, te esperamos el jueves.');
    await page.getByTestId('bulk-send').click();
    await page.getByTestId('bulk-progress').waitFor();
    await page.getByTestId('bulk-completed').waitFor();
    expect(await page.getByTestId('bulk-counts').innerText()).toContain('Enviados 3');
    await page.getByTestId('bulk-report').waitFor();
    for (const address of good) expect(await mailsTo(web.sys.database.db, address)).toHaveLength(1);

    // Each recipient's message is in their own file.
    await page.goto(`/personas/${ids[0]}/mensajes`);
    await page.getByTestId('message-entry').first().waitFor();
    expect(await page.getByTestId('message-entry').first().innerText()).toContain('Hola Fav0, te esperamos el jueves.');
    expect(await page.getByTestId('message-status').first().getAttribute('data-status')).toBe('sent');
  });

  it('[mensajes] cancelar un envío masivo a medias dice cuántos salieron', async () => {
    const admin = web.sys.client('es');
    await admin.login(org.users.admin.email, TEST_PASSWORD);
    expect((await admin.patch('/api/messaging/settings', { emailsPerSecond: 1 })).status).toBe(200);
    const api = web.sys.client('es');
    await api.login(org.users.professional.email, TEST_PASSWORD);
    const tag = uniqueSuffix();
    const addresses = Array.from({ length: 8 }, (_, i) => `slow-${i}-${tag}@mail.test`);
    await favourites(api, addresses);

    const page = await web.newPage();
    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.goto('/personas?favoritas=1');
    await expect.poll(async () => page.getByTestId('person-row').count()).toBe(8);
    await page.getByTestId('bulk-email').click();
    await page.getByTestId('bulk-subject').fill('Despacio');
    await page.getByTestId('bulk-body').fill('Uno a uno');
    await page.getByTestId('bulk-send').click();
    await expect.poll(async () => (await page.getByTestId('bulk-counts').innerText().catch(() => '')).match(/Enviados ([1-9])/)?.[1] ?? null, { timeout: 15_000 }).not.toBeNull();
    await page.getByTestId('bulk-cancel').click();
    await page.getByTestId('bulk-cancelled').waitFor();
    const text = await page.getByTestId('bulk-cancelled').innerText();
    const sent = Number(/salieron (\d+)/.exec(text)?.[1]);
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThan(8);
    expect(text).toContain(`${8 - sent} no se enviarán`);
    let captured = 0;
    for (const address of addresses) captured += (await mailsTo(web.sys.database.db, address)).length;
    expect(captured).toBe(sent);
    await admin.patch('/api/messaging/settings', { emailsPerSecond: 5 });
    const rows = await web.sys.database.db.select().from(bulkMessages).where(eq(bulkMessages.organisationId, org.id));
    expect(rows.some((r) => r.status === 'cancelled')).toBe(true);
  });

  it('[mensajes] sin email, el diálogo enlaza a Contactos; el SMS cuenta segmentos al escribir', async () => {
    const api = web.sys.client('es');
    await api.login(org.users.professional.email, TEST_PASSWORD);
    const res = await api.post('/api/persons', { firstName: 'Sinemail', lastName: uniqueSuffix(), phone: '600123123' });
    const page = await web.newPage();
    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.goto(`/personas/${res.body.id}/mensajes`);
    await page.getByTestId('message-new').click();
    await page.getByTestId('message-missing-contact').waitFor();
    await page.getByTestId('message-channel-sms').click();
    await page.getByTestId('message-body').fill('a'.repeat(160));
    await expect.poll(async () => page.getByTestId('sms-segments').getAttribute('data-segments')).toBe('1');
    await page.getByTestId('message-body').fill(`${'a'.repeat(159)}ó`);
    // ó is not GSM-7: the whole text becomes UCS-2, 70 characters a segment.
    await expect.poll(async () => page.getByTestId('sms-segments').getAttribute('data-encoding')).toBe('UCS-2');
    expect(await page.getByTestId('sms-segments').getAttribute('data-segments')).toBe('3');
    await page.getByTestId('message-channel-email').click();
    await page.getByTestId('message-contacts-link').click();
    await page.waitForURL(/\/contactos$/);
  });
});

describe('[mensajes] listas de contactos', () => {
  it('[mensajes] guardar la selección como lista de contactos y enviarle un email', async () => {
    const api = web.sys.client('es');
    await api.login(org.users.signer.email, TEST_PASSWORD);
    const tag = uniqueSuffix();
    const addresses = [`l1-${tag}@mail.test`, `l2-${tag}@mail.test`, `l3-${tag}@mail.test`];
    for (const [i, email] of addresses.entries()) await api.post('/api/persons', { firstName: `Lista${i}`, lastName: `Taller ${tag}`, email });

    const page = await web.newPage();
    await signIn(page, org.users.signer.email, TEST_PASSWORD);
    await page.goto(`/personas?q=${tag}`);
    await expect.poll(async () => page.getByTestId('person-row').count()).toBe(3);
    // Ticking rows does not open them.
    await page.locator('[data-testid="person-row"] .n-data-table-td--selection .n-checkbox').nth(0).click();
    await page.locator('[data-testid="person-row"] .n-data-table-td--selection .n-checkbox').nth(2).click();
    expect(page.url()).toContain('/personas?');
    await page.getByTestId('contact-lists').click();
    await page.getByText('Guardar la selección como lista (2)').click();
    await page.getByTestId('contact-list-name').fill(`Taller ${tag}`);
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText(`Lista «Taller ${tag}» guardada con 2 personas.`).waitFor();

    await page.getByTestId('contact-lists').click();
    await page.getByText(`Email a «Taller ${tag}» (2)`).click();
    expect(await page.getByTestId('bulk-message-dialog').innerText()).toContain(`A la lista «Taller ${tag}» (2 personas).`);
    await page.getByTestId('bulk-subject').fill('Taller');
    await page.getByTestId('bulk-body').fill('Hola {{name}}');
    await page.getByTestId('bulk-send').click();
    await page.getByTestId('bulk-completed').waitFor();
    const counts = await Promise.all(addresses.map(async (a) => (await mailsTo(web.sys.database.db, a)).length));
    expect(counts).toEqual([1, 0, 1]);
  });
});
