// The case page's small cards built from shared pieces (an in-place editor, an "are you sure?"
// before a removal): what a user does with an attribute and a note, and what they then see.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
let interventionId: string;

beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
  const ana = web.sys.client();
  await ana.login(org.users.professional.email, TEST_PASSWORD);
  const personId = (await ana.post('/api/persons', { firstName: 'Marta', lastName: 'Fichas' })).body.id;
  interventionId = (await ana.post(`/api/persons/${personId}/assessments`, { summary: 'Valoración', needs: ['030101'] })).body.interventions[0].id;
});
afterAll(async () => web?.stop());

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 150 });

/** The confirming button of the popover that is open (naive-ui renders it outside the card). */
const confirmButton = (page: Page, label: string) => page.locator('.n-popconfirm').getByRole('button', { name: label });

/** The professional on the case's page, and one of its cards once it shows. */
async function openCard(testId: string) {
  const page = await web.newPage();
  await signIn(page, org.users.professional.email, TEST_PASSWORD);
  await page.goto(`/intervenciones/${interventionId}`);
  const card = page.getByTestId(testId);
  await card.waitFor();
  return { page, card };
}

describe('[intervenciones] fichas del caso', () => {
  it('[intervenciones] un atributo se añade, se corrige en su sitio y se elimina tras confirmar', async () => {
    const { page, card } = await openCard('attributes-card');

    await page.getByTestId('attribute-key').fill('programa');
    await page.getByTestId('attribute-value').fill('Garantía Juvenil');
    await page.getByTestId('attribute-add').click();
    const row = card.locator('[data-testid="attribute-row"][data-key="programa"]');
    await poll(() => row.getByTestId('attribute-value').innerText().catch(() => '')).toBe('Garantía Juvenil');

    // Corrected in place: the editor opens with the current value, an empty one is not saved.
    await row.getByTestId('attribute-edit').click();
    const editor = row.getByTestId('attribute-edit-value');
    expect(await editor.inputValue()).toBe('Garantía Juvenil');
    await editor.fill('   ');
    await row.getByTestId('attribute-save').click();
    await page.waitForTimeout(300);
    expect(await editor.isVisible()).toBe(true);
    await editor.fill('Empleo Joven');
    await row.getByTestId('attribute-save').click();
    await poll(() => row.getByTestId('attribute-value').innerText().catch(() => '')).toBe('Empleo Joven');
    expect(await row.getByTestId('attribute-edit-value').count()).toBe(0);

    // Removing asks first, with the key in the question.
    await row.getByTestId('attribute-remove').click();
    await poll(() => page.locator('.n-popconfirm').innerText().catch(() => '')).toContain('¿Eliminar el atributo programa?');
    await confirmButton(page, 'Eliminar atributo').click();
    await poll(() => card.locator('[data-testid="attribute-row"]').count()).toBe(0);
    expect(await card.innerText()).toContain('Sin atributos.');
  });

  it('[intervenciones] una nota propia se edita y se borra tras confirmar', async () => {
    const { page, card } = await openCard('notes-card');

    await page.locator('#note-body').fill('Primera entrevista hecha.');
    await page.getByTestId('note-add').click();
    const note = card.getByTestId('note-row').first();
    await poll(() => note.getByTestId('note-body-text').innerText().catch(() => '')).toBe('Primera entrevista hecha.');

    await note.getByTestId('note-edit').click();
    const body = note.getByTestId('note-edit-body');
    expect(await body.inputValue()).toBe('Primera entrevista hecha.');
    await body.fill('Primera entrevista hecha; trae el CV el lunes.');
    await note.getByTestId('note-save').click();
    await poll(() => note.getByTestId('note-body-text').innerText().catch(() => '')).toBe('Primera entrevista hecha; trae el CV el lunes.');

    await note.getByTestId('note-delete').click();
    await page.getByTestId('note-delete-confirm').click();
    await poll(() => card.getByTestId('note-row').count()).toBe(0);
  });
});
