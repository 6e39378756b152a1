// Debian's Chromium driven by playwright-core (Playwright cannot download browsers here).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Called once by the global set-up: parallel test files must not race apt-get for its lock. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  // As root on Debian, install it as CI does; anywhere else, say how.
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit' });
    if (existsSync(CHROMIUM_PATH)) return;
  }
  throw new Error(
    `Chromium is needed for the browser tests and was not found at ${CHROMIUM_PATH}. ` +
      'Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.',
  );
}

export async function launchBrowser(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}
