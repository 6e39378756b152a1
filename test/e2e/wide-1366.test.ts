// Issue 10, item 10: on a 1366 px laptop screen the interventions table and the users page fit
// their page (no sideways scrolling of the page or of the table) and the users page shows its
// rows without a grey loading veil lingering over them.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
const LAPTOP = { width: 1366, height: 768 };

beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
  const ana = web.sys.client();
  await ana.login(org.users.professional.email, TEST_PASSWORD);
  for (const i of [1, 2, 3]) {
    const person = (await ana.post('/api/persons', { firstName: 'María de los Ángeles', lastName: `Fernández-Villaverde Castillo ${i} ${uniqueSuffix()}` })).body;
    await ana.post(`/api/persons/${person.id}/assessments`, { summary: 'Valoración inicial.', needs: ['030101', '020499'] });
  }
});
afterAll(async () => web?.stop());

async function laptopPage(): Promise<Page> {
  const context = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'es-ES', viewport: LAPTOP });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

/** Sideways overflow of the page and of the table's own scroll box, in pixels. */
const overflow = (page: Page, table: string) =>
  page.evaluate((testid) => {
    const root = document.querySelector(`[data-testid="${testid}"]`);
    if (!root) return { page: -1, table: -1 };
    // The table's own boxes that scroll sideways: the body, and naive-ui's scrollbar container.
    const boxes = [...root.querySelectorAll('.n-data-table-base-table-body, .n-scrollbar-container, .n-data-table-base-table-header')];
    return {
      page: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
      table: Math.max(0, ...boxes.map((b) => b.scrollWidth - b.clientWidth)),
    };
  }, table);

describe('[1366] portátil', () => {
  it('[1366] la tabla de intervenciones y la página de usuarios caben sin desbordar', async () => {
    const page = await laptopPage();
    await signIn(page, org.users.admin.email, TEST_PASSWORD);
    await page.goto('/intervenciones');
    await page.getByTestId('intervention-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    if (process.env.WIDE_SHOTS) await page.screenshot({ path: `${process.env.WIDE_SHOTS}/interventions.png` });
    expect(await overflow(page, 'interventions-table')).toEqual({ page: 0, table: 0 });
    // No header squeezed so narrow that a word breaks ("Cubierta/s").
    const brokenWords = await page.getByTestId('interventions-table').locator('th').evaluateAll((ths) => {
      const broken: string[] = [];
      for (const th of ths) {
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (const m of (n.textContent ?? '').matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(n, m.index);
            range.setEnd(n, m.index + m[0].length);
            if ([...range.getClientRects()].filter((r) => r.width > 0).length > 1) broken.push(m[0]);
          }
        }
      }
      return broken;
    });
    expect(brokenWords).toEqual([]);

    await page.goto('/admin/usuarios');
    await page.getByTestId('user-table').waitFor();
    if (process.env.WIDE_SHOTS) await page.screenshot({ path: `${process.env.WIDE_SHOTS}/users-early.png` });
    await page.waitForLoadState('networkidle');
    if (process.env.WIDE_SHOTS) await page.screenshot({ path: `${process.env.WIDE_SHOTS}/users.png` });
    expect(await overflow(page, 'user-table')).toEqual({ page: 0, table: 0 });

    // An action refreshes the rows in place: the table is never veiled grey while it reloads.
    await page.evaluate(() => {
      const table = document.querySelector('[data-testid="user-table"]')!;
      const w = window as unknown as { veiled: boolean };
      w.veiled = false;
      new MutationObserver(() => {
        if (table.classList.contains('n-data-table--loading')) w.veiled = true;
      }).observe(table, { attributes: true, attributeFilter: ['class'] });
    });
    await page.getByTestId('user-disable').first().click();
    await page.getByTestId('user-disable-confirm').click();
    await page.getByTestId('user-enable').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { veiled: boolean }).veiled)).toBe(false);
  }, 90_000);
});
