// `npm run bench:first-load`: how long the login page and the interventions list take to load in
// Chromium, cold (empty cache) and warm (a second visit), p50 of 10, and how many bytes and
// requests cross the network. The same built app is served twice in one run: as a plain static
// server would (no compression, no cache headers: the baseline) and as Cauce serves it.
// Needs the built app: `npm run build:ui` first.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { createApp } from '../api/app';
import { seedDemoData } from '../db/seed/demo';
import { uiDistDir } from '../platform/paths';
import { connectTemporalClient } from '../platform/temporal';
import { freePort } from '../support/ports';
import { startBenchInfra, summarize } from './support';

const RUNS = Number(process.env.RUNS ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Visit {
  ms: number;
  bytes: number;
  requests: number;
}

/** Opens `path` and waits for `ready` to be visible; counts what crossed the network (CDP). */
async function visit(context: BrowserContext, baseUrl: string, path: string, ready: string): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
  });
  cdp.on('Network.responseReceived', (e: { response: { fromDiskCache?: boolean; fromMemoryCache?: boolean } }) => {
    if (!e.response.fromDiskCache && !e.response.fromMemoryCache) requests++;
  });
  const started = performance.now();
  await page.goto(baseUrl + path);
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 30_000 });
  const elapsed = performance.now() - started;
  await page.close();
  return { ms: elapsed, bytes, requests };
}

async function measure(browser: Browser, baseUrl: string, path: string, ready: string, signedIn: boolean) {
  const cold: Visit[] = [];
  const warm: Visit[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1366, height: 860 } });
    if (signedIn) {
      const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: { email: 'ana@cauce.local', password: 'cauce-demo' } });
      if (!res.ok()) throw new Error(`login failed: ${res.status()}`);
    }
    cold.push(await visit(context, baseUrl, path, ready));
    warm.push(await visit(context, baseUrl, path, ready));
    await context.close();
  }
  const p50 = (xs: Visit[], k: keyof Visit) => summarize(xs.map((x) => x[k])).p50;
  return {
    coldMs: Math.round(p50(cold, 'ms')),
    warmMs: Math.round(p50(warm, 'ms')),
    coldKB: Math.round(p50(cold, 'bytes') / 1024),
    warmKB: Math.round(p50(warm, 'bytes') / 1024),
    coldRequests: p50(cold, 'requests'),
    warmRequests: p50(warm, 'requests'),
  };
}

if (!existsSync(join(uiDistDir, 'index.html'))) {
  console.error('[bench] build the app first: npm run build:ui');
  process.exit(1);
}
const infra = await startBenchInfra({ temporal: true });
await seedDemoData(infra.database.db);
const temporal = await connectTemporalClient({ TEMPORAL_ADDRESS: infra.temporalAddress!, TEMPORAL_NAMESPACE: 'default' });
const config = {
  publicUrl: 'http://127.0.0.1',
  temporalUiUrl: 'http://localhost:8233',
  temporalNamespace: 'default',
  taskQueue: 'bench-first-load',
  production: false,
  smsLive: false,
  mailCapture: true,
  trustProxy: false,
  temporalCallTimeoutMs: 10_000,
};

async function serveApp(plain: boolean) {
  const app = createApp({ db: infra.database.db, temporal, config }, { uiDir: uiDistDir, plainStatic: plain });
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => server.close() };
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const results: Record<string, unknown> = {};
try {
  for (const [name, plain] of [['plain static (baseline)', true], ['as Cauce serves it', false]] as const) {
    const server = await serveApp(plain);
    results[name] = {
      login: await measure(browser, server.baseUrl, '/login', '[data-testid="login-submit"]', false),
      interventions: await measure(browser, server.baseUrl, '/intervenciones', '[data-testid="interventions-filters"]', true),
    };
    server.close();
  }
  const files = (await import('node:fs')).readdirSync(join(uiDistDir, 'assets'));
  console.log(
    JSON.stringify(
      { runs: RUNS, jsChunks: files.filter((f) => f.endsWith('.js')).length, cssFiles: files.filter((f) => f.endsWith('.css')).length, results },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await temporal.connection.close();
  await infra.stop();
}
