// Phone-sized browser pages and the layout checks every phone journey repeats.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

/** An iPhone-12-class screen: what issue 10 was reported on. */
export const PHONE = { width: 390, height: 844 };

export async function newPhonePage(browser: Browser, baseUrl: string, locale = 'es-ES'): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale, viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

/** Signs in on a phone: the navigation is behind the header's menu button there. */
export async function signInOnPhone(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-toggle').waitFor();
}

export interface LayoutProblems {
  /** How far the document is wider than the screen (0 when it fits). */
  documentOverflow: number;
  /** How far the main area scrolls sideways (tables scroll in their own box, not the page). */
  mainOverflow: number;
  /** Elements sticking out past the right edge, outside any box that scrolls sideways. */
  outside: string[];
  /** Text squeezed into a column so narrow it breaks letter by letter. */
  letterByLetter: string[];
}

/** What a user would see as broken on a phone, measured in the page. */
export function layoutProblems(page: Page): Promise<LayoutProblems> {
  return page.evaluate(() => {
    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean).slice(0, 3).join('.') : '';
      return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${cls ? `.${cls}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    };
    const scrollsSideways = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        if (e.id === 'main-content' || e.classList.contains('n-layout-scroll-container')) return false;
        const s = getComputedStyle(e);
        if ((s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden' || s.overflowX === 'clip') && e.scrollWidth >= e.clientWidth) return true;
      }
      return false;
    };
    const w = window.innerWidth;
    const outside: string[] = [];
    for (const el of document.querySelectorAll('#main-content *, header *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > w + 1 && !scrollsSideways(el.parentElement)) outside.push(describe(el));
      if (outside.length >= 5) break;
    }
    const letterByLetter: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && letterByLetter.length < 5; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      if (text.length < 6 || !/\p{L}{4,}/u.test(text)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const lines = [...range.getClientRects()].filter((r) => r.width > 0);
      // A word of four letters or more over three or more lines of one or two letters each.
      if (lines.length >= 3 && Math.max(...lines.map((r) => r.width)) < 22) letterByLetter.push(describe(n.parentElement!));
    }
    const main = document.querySelector('.app-content > .n-layout-scroll-container') ?? document.querySelector('.app-content');
    return {
      documentOverflow: Math.max(0, document.documentElement.scrollWidth - w),
      mainOverflow: main ? Math.max(0, main.scrollWidth - main.clientWidth) : 0,
      outside,
      letterByLetter,
    };
  });
}

export async function expectFitsPhone(page: Page, where: string): Promise<void> {
  // Let late layout (fonts, data) settle.
  await page.waitForTimeout(150);
  if (process.env.PHONE_SHOTS) await page.screenshot({ path: `${process.env.PHONE_SHOTS}/${where.replace(/\W+/g, '-')}.png`, fullPage: false });
  const problems = await layoutProblems(page);
  expect(problems, where).toEqual({ documentOverflow: 0, mainOverflow: 0, outside: [], letterByLetter: [] });
}
