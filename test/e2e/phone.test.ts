// Issue 10, item 1: every page of today's modules usable on a phone (390×844): the navigation is a
// drawer, the header's actions are in the user menu, nothing pushes the page sideways and no text
// breaks letter by letter.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { startWebSystem, type WebSystem } from '../support/web';
import { expectFitsPhone, newPhonePage, PHONE, signInOnPhone } from '../support/phone';

let web: WebSystem;
let org: TestOrganisation;
let personId: string;
let interventionId: string;
const surname = `Fernández-Villaverde ${uniqueSuffix()}`;

beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
  const other = await createOrganisation(web.sys.database.db);
  const ana = web.sys.client();
  await ana.login(org.users.professional.email, TEST_PASSWORD);
  const person = (await ana.post('/api/persons', { firstName: 'María de los Ángeles', lastName: surname, phones: [{ number: '+34600111222' }], emails: [{ address: 'maria.angeles.fernandez@example.org' }] })).body;
  personId = person.id;
  const opened = (await ana.post(`/api/persons/${personId}/assessments`, { summary: 'Valoración inicial con una descripción larga de la situación familiar y laboral.', needs: ['030101'] })).body;
  interventionId = opened.interventions[0].id;
  await ana.post('/api/ventanilla', { recipientUnitId: other.unitId, subject: 'Solicitud de información sobre el expediente de una persona usuaria', body: 'Texto.' });
});
afterAll(async () => web?.stop());

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 150 });

async function navigate(page: Page, key: string): Promise<void> {
  await page.getByTestId('nav-toggle').click();
  await page.getByTestId('nav-drawer').getByTestId(`nav-${key}`).click();
  // Choosing a page closes the drawer.
  await poll(() => page.getByTestId('nav-drawer').count()).toBe(0);
}

describe('[móvil] 390×844', () => {
  it('[móvil] acceso, cajón de navegación, personas, intervenciones, calendario, ventanilla, mensajes', async () => {
    const started = Date.now();
    const page = await newPhonePage(web.browser, web.baseUrl);
    await page.goto('/login');
    await page.getByTestId('login-submit').waitFor();
    await expectFitsPhone(page, 'login');
    await page.getByTestId('login-forgot').waitFor();

    await signInOnPhone(page, org.users.professional.email, TEST_PASSWORD);
    expect(page.viewportSize()).toEqual(PHONE);
    // No sidebar on a phone: the navigation waits behind the menu button.
    expect(await page.getByTestId('main-nav').count()).toBe(0);
    await expectFitsPhone(page, 'dashboard');

    // The header's actions are reachable: notifications and the user menu (profile, language, sign-out).
    await page.getByTestId('notifications-bell').waitFor();
    await page.getByTestId('header-user').click();
    await page.getByTestId('menu-profile').waitFor();
    if (process.env.PHONE_SHOTS) await page.screenshot({ path: `${process.env.PHONE_SHOTS}/menu.png` });
    await page.getByTestId('menu-language-it').waitFor();
    await page.getByTestId('menu-logout').waitFor();
    await page.keyboard.press('Escape');

    // The drawer opens, closes with Escape, and navigates.
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-drawer').getByTestId('main-nav').waitFor();
    expect(await page.getByTestId('nav-toggle').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('nav-drawer').count()).toBe(0);

    await navigate(page, 'persons');
    await page.waitForURL('**/personas');
    await page.getByTestId('person-row').first().waitFor();
    await expectFitsPhone(page, 'persons list');
    await page.getByTestId('person-row').filter({ hasText: surname }).click();
    await page.getByTestId('person-header').waitFor();
    await expectFitsPhone(page, 'person file');
    for (const tab of ['contactos', 'intervenciones', 'actividad', 'mensajes']) {
      await page.getByTestId(`person-tab-${tab}`).click();
      await page.waitForURL(`**/personas/${personId}/${tab}`);
      await page.waitForLoadState('networkidle');
      await expectFitsPhone(page, `person file, tab ${tab}`);
    }

    await navigate(page, 'interventions');
    await page.getByTestId('intervention-row').first().waitFor();
    await expectFitsPhone(page, 'interventions list');
    await page.goto(`/intervenciones/${interventionId}`);
    await page.getByTestId('intervention-header').waitFor();
    await expectFitsPhone(page, 'intervention');
    await page.getByTestId('note-body').fill('Visita a domicilio: la familia pide cita con la trabajadora social.');
    await page.getByTestId('note-add').click();
    await poll(() => page.getByTestId('note-row').count()).toBe(1);
    await expectFitsPhone(page, 'intervention with a note');

    await navigate(page, 'calendar');
    await page.getByTestId('calendar-toolbar').waitFor();
    await expectFitsPhone(page, 'calendar');

    await navigate(page, 'ventanilla');
    await page.getByTestId('ventanilla-boxes').waitFor();
    await page.getByTestId('box-outbox').click();
    await page.getByTestId('communication-row').first().waitFor();
    await expectFitsPhone(page, 'ventanilla');
    await page.getByTestId('communication-row').first().click();
    await page.waitForURL(/\/ventanilla\/[0-9a-f-]{36}/);
    await page.waitForLoadState('networkidle');
    await expectFitsPhone(page, 'ventanilla communication');

    // The tray is in the menu only for signers and whoever is asked to sign: Ana reaches it by address.
    expect(await page.getByTestId('nav-signature-tray').count()).toBe(0);
    await page.goto('/firmas');
    await page.waitForLoadState('networkidle');
    await expectFitsPhone(page, 'signature tray');

    // The profile page from the user menu.
    await page.getByTestId('header-user').click();
    await page.getByTestId('menu-profile').click();
    await page.getByTestId('profile-preferences').waitFor();
    await expectFitsPhone(page, 'profile');
    console.log(`[móvil] journey: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 180_000);

  // Every list page: its table scrolls inside its own box; the page itself never scrolls sideways.
  it('[móvil] las listas no desbordan la página: la tabla se desplaza dentro de su caja', async () => {
    const pageWidth = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    const expectListFits = async (page: Page, path: string, table: string) => {
      await page.goto(path);
      await page.getByTestId(table).waitFor();
      await page.waitForLoadState('networkidle');
      const { scroll, inner } = await pageWidth(page);
      expect(scroll, `${path}: document ${scroll} px wide on a ${inner} px screen`).toBeLessThanOrEqual(inner);
      await expectFitsPhone(page, `list ${path}`);
    };
    const professional = await newPhonePage(web.browser, web.baseUrl);
    await signInOnPhone(professional, org.users.professional.email, TEST_PASSWORD);
    for (const [path, table] of [
      ['/personas', 'person-table'],
      ['/intervenciones', 'interventions-table'],
      ['/derivaciones', 'referrals-total'],
    ]) {
      await expectListFits(professional, path, table);
    }
    const admin = await newPhonePage(web.browser, web.baseUrl);
    await signInOnPhone(admin, org.users.admin.email, TEST_PASSWORD);
    for (const [path, table] of [
      ['/admin/usuarios', 'user-table'],
      ['/admin/recursos', 'resources-admin'],
      ['/admin/necesidades', 'needs-admin'],
    ]) {
      await expectListFits(admin, path, table);
    }
  }, 120_000);
});
