// The "Formación y empleo" tab in the browser: open a person, fill education and a professional
// card chosen by autocomplete, save, see them on the file, and download the CV PDF in Spanish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
});
afterAll(async () => web?.stop());

function dayFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('[empleo] browser journey', () => {
  it('[empleo] rellenar formación y un carnet por autocompletado, guardar y descargar el CV en PDF', async () => {
    const w = uniqueSuffix();
    const api = web.sys.client();
    await api.login(org.users.professional.email, TEST_PASSWORD);
    const person = await api.post('/api/persons', { firstName: 'Lucía', lastName: `Muñoz ${w}` });

    const page = await web.newPage();
    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.goto(`/personas/${person.body.id}`);
    await page.getByTestId('person-tab-formacion-empleo').click();
    await page.getByTestId('cv-edit').click();

    // Education: a level from the list and the title.
    await page.getByTestId('cv-education-add').click();
    await page.getByTestId('cv-education-level-select-0').click();
    await page.locator('.n-base-select-option', { hasText: 'Bachillerato' }).click();
    await page.getByTestId('cv-education-title-0').fill('Bachillerato de Ciencias');

    // A professional card found by typing part of its name, with its expiry.
    await page.getByTestId('cv-section-cards').click();
    await page.getByTestId('cv-card-add').click();
    await page.getByTestId('cv-card-select-0').click();
    await page.getByTestId('cv-card-search-0').fill('carretill');
    await page.locator('.n-base-select-option', { hasText: 'Carnet de carretillero' }).click();
    await page.getByTestId('cv-card-expires-0').fill(dayFromNow(20));

    // A NIF with a wrong letter is refused naming the field; corrected, it saves.
    await page.getByTestId('cv-section-employment').click();
    await page.getByTestId('cv-document').fill('12345678A');
    await page.getByTestId('cv-save').click();
    await page.getByTestId('cv-error').waitFor();
    await page.getByTestId('cv-document').fill('12345678Z');
    await page.getByTestId('cv-save').click();

    await page.getByTestId('cv-download').waitFor({ timeout: 15_000 });
    await page.getByTestId('cv-section-cards').click();
    await expect.poll(() => page.getByTestId('cv-cards').innerText()).toContain('Carnet de carretillero');
    // Expiring within 30 days: flagged.
    expect(await page.getByTestId('cv-cards').innerText()).toContain('Caduca pronto');
    await page.getByTestId('cv-section-education').click();
    expect(await page.getByTestId('cv-education').innerText()).toContain('Bachillerato de Ciencias');
    expect(await page.getByTestId('cv-sepe-level').innerText()).toContain('20');

    // The CV PDF, in the app's language.
    const href = await page.getByTestId('cv-download').getAttribute('href');
    expect(href).toBe(`/api/persons/${person.body.id}/cv.pdf?lang=es`);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(await res.body()) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain(`Lucía Muñoz ${w}`);
    expect(text).toContain('Bachillerato de Ciencias');
    expect(text).toContain('Carnet de carretillero');
    expect(text).toContain('NIF/NIE: 12345678Z');
  });

  it('[empleo] el administrador añade un carnet al catálogo y lo retira', async () => {
    const page = await web.newPage();
    await signIn(page, org.users.admin.email, TEST_PASSWORD);
    await page.goto('/admin/carnets-profesionales');
    await page.getByTestId('cards-table').getByText('Soldador homologado').waitFor();
    await page.getByTestId('card-name').fill('Buceador profesional');
    await page.getByTestId('card-code').fill('buceador');
    await page.getByTestId('card-add').click();
    await page.getByTestId('cards-table').getByText('Buceador profesional').waitFor();
    await page.getByTestId('card-active-buceador').click();
    const api = web.sys.client();
    await api.login(org.users.professional.email, TEST_PASSWORD);
    await expect.poll(async () => (await api.get('/api/professional-cards?q=buceador')).body.items).toEqual([]);
    expect((await api.get('/api/professional-cards?all=true')).body.items).toContainEqual(expect.objectContaining({ code: 'buceador', active: false }));
  });
});
