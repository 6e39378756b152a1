import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
});
afterAll(async () => web?.stop());

describe('[derivaciones] browser journeys', () => {
  it('[derivaciones] añadir un recurso al directorio, encontrarlo sin tildes, desactivarlo e importar un CSV con errores por línea', async () => {
    const page = await web.newPage();
    await signIn(page, org.users.admin.email, TEST_PASSWORD);
    await page.getByTestId('nav-admin-resources').click();
    await page.getByTestId('resources-admin').waitFor();
    const w = uniqueSuffix();

    await page.getByTestId('resource-add').click();
    await page.getByTestId('resource-name').fill(`Centro de Salud Mental Ñandú ${w}`);
    await page.getByTestId('resource-phone').fill('12345');
    await page.getByTestId('resource-save').click();
    // The server refuses the phone; the message sits on the phone field.
    await page.getByTestId('resource-dialog').getByText(/teléfono/i).first().waitFor();
    await page.getByTestId('resource-phone').fill('915 555 105');
    await page.getByTestId('resource-email').fill('csm@example.org');
    await page.getByTestId('resource-save').click();
    await page.getByTestId('resource-dialog').waitFor({ state: 'detached' });

    await page.getByTestId('resources-search').fill(`salud nandu ${w}`);
    await expect.poll(async () => page.getByTestId('resource-row').count()).toBe(1);
    expect(await page.getByTestId('resource-row').innerText()).toContain('+34915555105');

    await page.getByTestId('resource-toggle').click();
    await expect.poll(async () => page.getByTestId('resource-row').count()).toBe(0);
    await page.getByTestId('resources-show').getByText('Todos').click();
    await expect.poll(async () => page.getByTestId('resource-row').count()).toBe(1);
    expect(await page.getByTestId('resource-row').innerText()).toContain('Desactivado');

    await page.getByTestId('resources-import-csv').fill(`nombre,email\nBanco de Alimentos ${w},banco@example.org\nAlbergue ${w},no-es-correo`);
    await page.getByTestId('resources-import-submit').click();
    await page.getByTestId('resources-import-failure').waitFor();
    expect(await page.getByTestId('resources-import-error').allInnerTexts()).toEqual(['Línea 3: email no válido']);
    await page.getByTestId('resources-import-csv').fill(`nombre,email\nBanco de Alimentos ${w},banco@example.org\nAlbergue ${w},albergue@example.org`);
    await page.getByTestId('resources-import-submit').click();
    expect(await page.getByTestId('resources-import-result').innerText()).toContain('2 nuevos');
    await page.getByTestId('resources-search').fill(w);
    await expect.poll(async () => page.getByTestId('resource-row').count()).toBe(3);
  });

  it('[derivaciones] un enlace de respuesta que ya no sirve lo dice claramente, sin pedir sesión', async () => {
    const page = await web.newPage();
    await page.goto('/derivacion/enlace-que-no-existe');
    await page.getByTestId('referral-answer-gone').waitFor();
    expect(await page.getByTestId('referral-answer-gone').innerText()).toContain('Este enlace ya no funciona');
    expect(page.url()).not.toContain('/login');
  });
});
