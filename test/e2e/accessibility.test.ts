// Issue 10, item 4: keyboard and screen-reader basics on the main pages, checked by axe-core
// (zero serious or critical violations) and by hand where axe cannot see (focus, Escape, Tab).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';
import { seriousViolations } from '../support/axe';
import { notifications } from '../../db/schema';
import { newPhonePage, signInOnPhone } from '../support/phone';

let web: WebSystem;
let org: TestOrganisation;
let personId: string;
let interventionId: string;
let communicationId: string;

beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
  const other = await createOrganisation(web.sys.database.db);
  const ana = web.sys.client();
  await ana.login(org.users.professional.email, TEST_PASSWORD);
  personId = (await ana.post('/api/persons', { firstName: 'Rosa', lastName: 'Accesible', emails: [{ address: 'rosa@example.org' }] })).body.id;
  interventionId = (await ana.post(`/api/persons/${personId}/assessments`, { summary: 'Valoración', needs: ['030101'] })).body.interventions[0].id;
  communicationId = (await ana.post('/api/ventanilla', { recipientUnitId: other.unitId, subject: 'Solicitud', body: 'Texto.' })).body.id;
});
afterAll(async () => web?.stop());

/** Every page's serious and critical violations, asserted together so one run lists them all. */
const findings: Record<string, Awaited<ReturnType<typeof seriousViolations>>> = {};

async function check(page: Page, where: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const violations = await seriousViolations(page);
  if (violations.length) findings[where] = violations;
}

describe('[accesibilidad] axe-core and the keyboard', () => {
  it('[accesibilidad] the main pages have no serious or critical axe violations', async () => {
    const started = Date.now();
    const page = await web.newPage();
    await page.goto('/login');
    await page.getByTestId('login-submit').waitFor();
    await check(page, 'login');
    await page.goto('/contrasena-olvidada');
    await page.getByTestId('forgot-submit').waitFor();
    await check(page, 'forgot password');

    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.locator('main h1').waitFor();
    await check(page, 'dashboard');
    const pages: Array<[string, string, string]> = [
      ['persons', '/personas', 'person-row'],
      ['person file', `/personas/${personId}`, 'person-header'],
      ['person contacts', `/personas/${personId}/contactos`, 'person-header'],
      ['person messages', `/personas/${personId}/mensajes`, 'person-header'],
      ['interventions', '/intervenciones', 'intervention-row'],
      ['intervention', `/intervenciones/${interventionId}`, 'intervention-header'],
      ['calendar', '/calendario', 'calendar-toolbar'],
      ['ventanilla', '/ventanilla', 'ventanilla-boxes'],
      ['communication', `/ventanilla/${communicationId}`, 'main-nav'],
      ['signature tray', '/firmas', 'main-nav'],
      ['profile', '/perfil', 'profile-preferences'],
      ['notifications', '/avisos', 'main-nav'],
    ];
    for (const [where, path, ready] of pages) {
      await page.goto(path);
      await page.getByTestId(ready).first().waitFor();
      await check(page, where);
    }

    const admin = await web.newPage();
    await signIn(admin, org.users.admin.email, TEST_PASSWORD);
    for (const [where, path] of [['users', '/admin/usuarios'], ['organisation', '/admin/organizacion'], ['permissions', '/admin/permisos']]) {
      await admin.goto(path);
      await admin.locator('main h1').waitFor();
      await check(admin, `admin ${where}`);
    }
    const counts = Object.fromEntries(Object.entries(findings).map(([where, v]) => [where, v.map((x) => `${x.id}×${x.targets.length}`).join(', ')]));
    console.log(`[accesibilidad] 18 pages checked in ${((Date.now() - started) / 1000).toFixed(1)} s; with violations:`, counts);
    expect(findings).toEqual({});
  }, 180_000);

  it('[accesibilidad] short fields have visible labels, not only placeholders', async () => {
    const labelWidth = (page: Page, forId: string) => page.locator(`label[for="${forId}"]`).first().evaluate((el) => el.getBoundingClientRect().width);
    const page = await web.newPage();
    await signIn(page, org.users.admin.email, TEST_PASSWORD);
    await page.goto(`/intervenciones/${interventionId}`);
    await page.getByTestId('intervention-header').waitFor();
    // A visually hidden label is 1 px wide; a real one shows its words.
    for (const id of ['flag-message', 'attribute-key', 'attribute-value', 'collaborator-select-input']) {
      expect(await labelWidth(page, id), id).toBeGreaterThan(20);
    }
    await page.goto('/admin/necesidades');
    await page.getByTestId('need-add-input').first().waitFor({ state: 'attached' });
    const needInputId = await page.getByTestId('need-add-input').first().getAttribute('id');
    expect(await labelWidth(page, needInputId!)).toBeGreaterThan(20);
  });

  it('[avisos] the popup shows the latest 15 and links to a page with all of them, paginated', async () => {
    const db = web.sys.database.db;
    const user = org.users.supervisor;
    const base = Date.now() - 60 * 60_000;
    await db.insert(notifications).values(
      Array.from({ length: 30 }, (_, i) => ({
        organisationId: org.id,
        userId: user.id,
        kind: 'test',
        messageKey: 'notifications.test',
        params: { subject: `aviso ${i + 1}` },
        createdAt: new Date(base + i * 60_000),
      })),
    );
    const page = await web.newPage();
    await signIn(page, user.email, TEST_PASSWORD);
    await page.getByTestId('notifications-bell').click();
    await expect.poll(() => page.getByTestId('notification-item').count()).toBe(15);
    expect(await page.getByTestId('notifications-see-all').innerText()).toContain('30');
    await page.getByTestId('notifications-see-all').click();
    await page.waitForURL(/\/avisos$/);
    await expect.poll(() => page.getByTestId('notifications-page-item').count()).toBe(25);
    expect(await page.getByTestId('notifications-page-item').first().innerText()).toContain('aviso 30');
    await page.getByTestId('notifications-page-pager').getByText('2', { exact: true }).click();
    await page.waitForURL(/\/avisos\?page=2$/);
    await expect.poll(() => page.getByTestId('notifications-page-item').count()).toBe(5);
    expect(await page.getByTestId('notifications-page-item').last().innerText()).toContain('aviso 1');
  });

  it('[accesibilidad] skip link, a real <main>, Escape closes the popups, the phone drawer traps focus', async () => {
    const page = await web.newPage();
    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.locator('main h1').waitFor();
    // The first Tab reaches the skip link, which takes focus to <main>.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    // A focused control shows its focus.
    await page.getByTestId('notifications-bell').focus();
    expect(await page.getByTestId('notifications-bell').evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    // The notifications popup opens from the keyboard and closes with Escape, focus back on the bell.
    await page.keyboard.press('Enter');
    await page.getByTestId('notifications-panel').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('notifications-panel').isVisible()).toBe(false);

    // Phone: the drawer takes focus, Tab stays inside it, Escape closes it.
    const phone = await newPhonePage(web.browser, web.baseUrl);
    await signInOnPhone(phone, org.users.professional.email, TEST_PASSWORD);
    await phone.getByTestId('nav-toggle').click();
    await phone.getByTestId('nav-drawer').getByTestId('main-nav').waitFor();
    for (let i = 0; i < 15; i++) {
      await phone.keyboard.press('Tab');
      expect(await phone.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="nav-drawer"]')))).toBe(true);
    }
    await phone.keyboard.press('Escape');
    await expect.poll(() => phone.getByTestId('nav-drawer').count()).toBe(0);
  });
});
