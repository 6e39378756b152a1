// Issue 10, item 2: the UI speaks the user's saved language, then the organisation's, then the
// browser's, then Spanish; the profile page changes it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { demoUsers } from '../../db/seed/demo';
import { createOrganisation, TEST_PASSWORD } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
beforeAll(async () => {
  web = await startWebSystem();
});
afterAll(async () => web?.stop());

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

/**
 * The Italian CPI demo user as db/seed/demo.ts makes it (an Italian CPI in Rome, a professional
 * whose language is Italian), in an organisation of the test's own: the seed itself only runs on
 * an empty database, which test files share.
 */
async function italianCpiOperator() {
  const demo = demoUsers.find((u) => u.email === 'operatore@cauce.local')!;
  const org = await createOrganisation(web.sys.database.db, { kind: 'cpi', locale: 'it', timezone: 'Europe/Rome' });
  const { email } = org.users.professional;
  await web.sys.database.db.update(users).set({ locale: 'it', name: demo.name, roles: [...demo.roles] }).where(eq(users.email, email));
  return { org, email };
}

describe('[idioma] the UI language', () => {
  it('[idioma] the Italian CPI operator lands in Italian on a Spanish browser, and the profile switches it', async () => {
    const { email } = await italianCpiOperator();
    const page = await web.newPage(); // navigator.languages: es-ES
    await page.goto('/login');
    // Before signing in: the browser's language.
    expect(await page.locator('h1').innerText()).toBe('Iniciar sesión');
    await signIn(page, email, TEST_PASSWORD);
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('it');
    expect(await page.locator('main h1').innerText()).toBe('Riepilogo');
    expect(await page.getByTestId('nav-persons').innerText()).toBe('Persone');

    // Mi perfil from the user menu: English, saved, applied at once and after a reload.
    await page.getByTestId('header-user').click();
    await page.getByTestId('menu-profile').click();
    await page.getByTestId('profile-preferences').waitFor();
    expect(await page.locator('main h1').innerText()).toBe('Il mio profilo');
    await page.getByTestId('profile-locale-en').click();
    await page.getByTestId('profile-job-title').fill('Operatore del mercato del lavoro');
    await page.getByTestId('profile-save').click();
    await poll(() => page.locator('main h1').innerText()).toBe('My profile');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const [saved] = await web.sys.database.db.select().from(users).where(eq(users.email, email));
    expect({ locale: saved.locale, jobTitle: saved.jobTitle }).toEqual({ locale: 'en', jobTitle: 'Operatore del mercato del lavoro' });
    await page.reload();
    await page.getByTestId('profile-preferences').waitFor();
    expect(await page.getByTestId('nav-persons').innerText()).toBe('People');

    // The header's language switcher saves the preference too.
    await page.getByTestId('language-it').click();
    await poll(() => page.getByTestId('nav-persons').innerText()).toBe('Persone');
    const [again] = await web.sys.database.db.select().from(users).where(eq(users.email, email));
    expect(again.locale).toBe('it');
  });

  it('[idioma] a language picked on the login page wins over the browser’s and stays on that browser', async () => {
    const italian = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'it-IT' });
    const page = await italian.newPage();
    await page.goto('/login');
    expect(await page.locator('h1').innerText()).toBe('Accedi');
    await page.getByTestId('language-en').click();
    await poll(() => page.locator('h1').innerText()).toBe('Sign in');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // After a reload, on another page of the same browser, and on the way back from another page.
    await page.reload();
    expect(await page.locator('h1').innerText()).toBe('Sign in');
    const second = await italian.newPage();
    await second.goto('/contrasena-olvidada');
    await second.getByTestId('language-switcher').waitFor();
    expect(await second.evaluate(() => document.documentElement.lang)).toBe('en');
    await second.goto('/login');
    expect(await second.locator('h1').innerText()).toBe('Sign in');
    // Signing in to a Spanish organisation as a user who never chose a language: the pick stays.
    const org = await createOrganisation(web.sys.database.db);
    await signIn(second, org.users.professional.email, TEST_PASSWORD);
    await second.getByTestId('nav-persons').waitFor();
    expect(await second.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await second.getByTestId('nav-persons').innerText()).toBe('People');
    await second.reload();
    await second.getByTestId('nav-persons').waitFor();
    expect(await second.getByTestId('nav-persons').innerText()).toBe('People');
    // Once the user chooses (the header's switcher saves it), their choice outranks the pick,
    // on this browser and after signing out and in again; signed out, the login page keeps the pick.
    await second.getByTestId('language-it').click();
    await poll(() => second.getByTestId('nav-persons').innerText()).toBe('Persone');
    const [chosen] = await web.sys.database.db.select().from(users).where(eq(users.email, org.users.professional.email));
    expect({ locale: chosen.locale, localeChosen: chosen.localeChosen }).toEqual({ locale: 'it', localeChosen: true });
    await second.getByTestId('header-user').click();
    await second.getByTestId('menu-logout').click();
    await poll(() => second.locator('h1').innerText()).toBe('Sign in');
    await signIn(second, org.users.professional.email, TEST_PASSWORD);
    await poll(() => second.evaluate(() => document.documentElement.lang)).toBe('it');
    await italian.close();
  });

  it('[idioma] before signing in, an Italian browser sees Italian; anything else Spanish', async () => {
    const italian = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'it-IT' });
    const it1 = await italian.newPage();
    await it1.goto('/login');
    expect(await it1.locator('h1').innerText()).toBe('Accedi');
    const german = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'de-DE' });
    const de = await german.newPage();
    await de.goto('/login');
    expect(await de.locator('h1').innerText()).toBe('Iniciar sesión');
    await italian.close();
    await german.close();
  });
});
