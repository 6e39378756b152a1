// The SEPE file page in the browser: the menu offers it to a placement agency, the check lists a
// person whose sex is missing, its link opens the person's "Formación y empleo" tab where it is
// fixed, and back on the page the ENPI file downloads, validates against XML_ENPI v1.1 and enters
// the record of files generated.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSepeXml } from '../../platform/sepe-xml-validator';
import { seriousViolations } from '../support/axe';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db, { settings: { sepeAgencyCode: '9900000001' } });
});
afterAll(async () => web?.stop());

/** The first day of the month before this one (the page's default period) and its YYYYMM. */
function previousMonth() {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 5));
  return { day: d.toISOString().slice(0, 10), period: d.toISOString().slice(0, 7).replace('-', '') };
}

describe('[empleo] SEPE file', () => {
  it('[empleo] la comprobación lista un dato que falta, el enlace lleva a corregirlo y el fichero se descarga válido', async () => {
    const { day, period } = previousMonth();
    const w = uniqueSuffix();
    const api = web.sys.client();
    await api.login(org.users.professional.email, TEST_PASSWORD);
    const person = await api.post('/api/persons', { firstName: 'Rocío', lastName: `Núñez ${w}`, birthDate: '1987-03-14' });
    expect(person.status).toBe(201);
    const saved = await api.put(`/api/persons/${person.body.id}/cv`, {
      documentId: '12345678Z',
      profile: { sex: null, disability: false, disabilityPercent: null, immigrant: false, unemploymentBenefit: false, insertionGroups: [], agencyRegisteredOn: day },
      availability: { workingTime: 'full_time', shifts: [], travel: false },
      education: [{ level: 'upper_secondary', title: 'Bachillerato', centre: null, year: null }],
      courses: [],
      experience: [],
      languages: [],
      drivingLicences: [],
      cards: [],
    });
    expect(saved.status).toBe(200);

    const page = await web.newPage();
    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.getByTestId('main-nav').getByText('Fichero SEPE').click();
    await page.waitForURL(/\/empleo\/sepe/);
    await page.getByTestId('sepe-check-problems').waitFor();
    const person1 = page.getByTestId('sepe-check-person').filter({ hasText: `Núñez ${w}` });
    expect(await person1.innerText()).toContain('Falta el sexo');
    expect(await page.getByTestId('sepe-download').isDisabled()).toBe(true);
    // The page with its problem list has no serious or critical axe violations.
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);

    // The link opens the person's "Formación y empleo" tab, where the sex is recorded.
    await person1.getByTestId('sepe-fix-link').click();
    await page.waitForURL(new RegExp(`/personas/${person.body.id}/formacion-empleo`));
    await page.getByTestId('cv-edit').click();
    await page.getByTestId('cv-section-employment').click();
    // The sex select has no test id of its own (a plain NSelect): found by its label.
    await page.locator('.n-form-item', { has: page.locator('label[for=cv-sex]') }).locator('.n-base-selection').click();
    await page.locator('.n-base-select-option', { hasText: 'Mujer' }).click();
    await page.getByTestId('cv-save').click();
    await page.getByTestId('cv-download').waitFor();

    // Back on the page: the check is clean, the file downloads and is valid.
    await page.goBack();
    await page.waitForURL(/\/empleo\/sepe/);
    await page.getByTestId('sepe-check-ready').waitFor();
    expect(await page.getByTestId('sepe-check-summary').innerText()).toContain('Personas atendidas en el periodo: 1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sepe-download').click()]);
    expect(download.suggestedFilename()).toBe(`ENPI_9900000001_${period}.xml`);
    const bytes = await readFile((await download.path())!);
    const validation = await validateSepeXml(bytes, 'enpi');
    expect(validation.errors).toEqual([]);
    expect(bytes.toString('latin1')).toContain('<APELLIDO1_TRABAJADOR>Núñez</APELLIDO1_TRABAJADOR>');
    expect(bytes.toString('latin1')).toContain('<SEXO_TRABAJADOR>2</SEXO_TRABAJADOR>');
    // The record of files generated shows it.
    await expect.poll(() => page.getByTestId('sepe-history').innerText()).toContain(`ENPI_9900000001_${period}.xml`);
  });
  it('[empleo] el administrador pone el código de agencia en la organización y el menú ofrece el fichero SEPE', async () => {
    const plain = await createOrganisation(web.sys.database.db);
    const page = await web.newPage();
    await signIn(page, plain.users.admin.email, TEST_PASSWORD);
    expect(await page.getByTestId('main-nav').innerText()).not.toContain('Fichero SEPE');
    await page.goto('/admin/organizacion');
    await page.getByTestId('organisation-sepe-agency-code').fill('0812345678');
    await page.getByTestId('organisation-save').click();
    await expect.poll(() => page.getByTestId('main-nav').innerText()).toContain('Fichero SEPE');
    const client = web.sys.client();
    await client.login(plain.users.admin.email, TEST_PASSWORD);
    expect((await client.get('/api/organisation')).body.settings.sepeAgencyCode).toBe('0812345678');
  });
});
