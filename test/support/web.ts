// The whole app as a browser sees it: API + built Vue app over HTTP on a free port, a worker,
// and Chromium.
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { uiDistDir } from '../../platform/paths';
import { startTestSystem, type TestSystem } from './api';
import { launchBrowser } from './browser';
import { freePort } from './ports';

export interface WebSystem {
  sys: TestSystem;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own cookies and storage), Spanish like our users. */
  newPage(): Promise<Page>;
  stop(): Promise<void>;
}

export async function startWebSystem(): Promise<WebSystem> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const sys = await startTestSystem({ uiDir: uiDistDir, publicUrl: baseUrl });
  const server: ServerType = serve({ fetch: sys.app.fetch, port, hostname: '127.0.0.1' });
  const browser = await launchBrowser();
  return {
    sys,
    baseUrl,
    browser,
    async newPage() {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'es-ES', viewport: { width: 1366, height: 860 } });
      context.setDefaultTimeout(15_000);
      return context.newPage();
    },
    async stop() {
      await browser.close();
      server.close();
      await sys.stop();
    },
  };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('main-nav').waitFor();
}
