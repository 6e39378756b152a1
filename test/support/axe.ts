// axe-core (Deque's open-source rules engine, the one Lighthouse and Playwright's own a11y checks
// use) run inside the page: WCAG A/AA rules on the rendered DOM, no browser download needed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Serious and critical violations of WCAG 2.x A/AA on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  // A table still loading is drawn faded (naive-ui's loading state): axe read its headers as too
  // pale once in CI (the signature tray, checked as soon as the menu showed). Check what people read.
  await page.waitForFunction(() => !document.querySelector('.n-data-table--loading'), undefined, { timeout: 15_000 });
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}
