// The README's first command, for real: `launch/start.ts` brings up embedded Postgres, the
// Temporal dev server with its UI, mail capture, worker and API; Ctrl-C stops everything; a
// second start keeps the data and the running workflows.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { projectRoot } from '../../platform/paths';
import { launchBrowser } from '../support/browser';
import { freePort } from '../support/ports';
import { signIn } from '../support/web';

const dataDir = mkdtempSync(join(tmpdir(), 'cauce-start-'));
chmodSync(dataDir, 0o755);
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
});

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

async function ports() {
  return { app: await freePort(), pg: await freePort(), temporal: await freePort(), ui: await freePort(), smtp: await freePort() };
}

function start(p: Awaited<ReturnType<typeof ports>>): Promise<{ child: ChildProcess; output: () => string }> {
  let output = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'launch/start.ts')], {
    cwd: projectRoot,
    env: {
      ...withoutDatabaseUrl(process.env), // embedded defaults, whatever the test run uses
      DATA_DIR: dataDir,
      PORT: String(p.app),
      PG_PORT: String(p.pg),
      TEMPORAL_ADDRESS: `127.0.0.1:${p.temporal}`,
      TEMPORAL_DEV_SERVER: '1',
      TEMPORAL_UI_PORT: String(p.ui),
      SMTP_CAPTURE_PORT: String(p.smtp),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not running after 150 s:\n${output}`)), 150_000);
    const check = setInterval(() => {
      if (output.includes('Cauce is running')) {
        clearTimeout(timer);
        clearInterval(check);
        resolve({ child: proc, output: () => output });
      }
    }, 200);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      clearInterval(check);
      reject(new Error(`start exited with ${code}:\n${output}`));
    });
  });
}

function stop(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    proc.once('exit', (code) => resolve(code));
    proc.kill('SIGINT');
  });
}

async function login(base: string, email: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'cauce-demo' }),
  });
  expect(res.status, email).toBe(200);
  return res.headers.getSetCookie()[0].split(';')[0];
}

/** What the Temporal Web UI shows in its workflow list, through the UI server's own API. */
async function temporalUiWorkflows(uiPort: number, query: string): Promise<Array<{ execution: { workflowId: string } }>> {
  const res = await fetch(`http://127.0.0.1:${uiPort}/api/v1/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
  expect(res.status).toBe(200);
  return (await res.json()).executions ?? [];
}

describe('[arranque] npm start on embedded defaults', () => {
  it('starts everything, serves the app, survives a restart with data and workflows', async () => {
    const p = await ports();
    const base = `http://127.0.0.1:${p.app}`;
    const first = await start(p);
    child = first.child;
    expect(first.output()).toContain('admin@cauce.local');
    expect(first.output()).toContain(`Temporal UI    http://localhost:${p.ui}`);

    // The worker process may still be starting its first polls.
    await expect.poll(async () => (await fetch(`${base}/api/health`)).json(), { timeout: 20_000 }).toEqual({ status: 'ok', db: 'ok', temporal: 'ok', worker: 'ok' });
    const html = await (await fetch(`${base}/personas`)).text();
    expect(html).toContain('<div id="app"');
    expect((await fetch(`http://127.0.0.1:${p.ui}/`)).status).toBe(200);

    // The demo starts real work on its first start: a pending invitation, two cases opened by an
    // assessment (one with a follow-up timer) and a communication in the director's tray.
    expect(first.output()).toContain('demo workflows started');
    for (const kind of ['invitation', 'intervention', 'ventanilla', 'referral']) {
      await expect.poll(async () => (await temporalUiWorkflows(p.ui, `CauceKind='${kind}'`)).length, { timeout: 20_000 }).toBeGreaterThan(0);
    }
    const tray = await (await fetch(`${base}/api/signature-tray`, { headers: { cookie: await login(base, 'director@cauce.local') } })).json();
    expect(tray.items.map((i: { subject: string }) => i.subject)).toEqual(['Solicitud de información sobre itinerario de empleo']);

    // Demo messaging: the SMS module on with a balance, messages in files, and the API process
    // sends a direct email itself (its own outbox) to the capture server.
    const ana = { cookie: await login(base, 'ana@cauce.local') };
    expect(await (await fetch(`${base}/api/messaging/settings`, { headers: ana })).json()).toMatchObject({ smsEnabled: true, smsBalance: 998, smsLive: false });
    const [lucia] = (await (await fetch(`${base}/api/persons?q=lucia`, { headers: ana })).json()).items;
    const sent = await fetch(`${base}/api/persons/${lucia.id}/messages`, {
      method: 'POST',
      headers: { ...ana, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'email', subject: 'Prueba', body: 'Hola {{name}}' }),
    });
    expect(sent.status).toBe(201);
    expect((await sent.json()).status).toBe('sent');
    const file = await (await fetch(`${base}/api/persons/${lucia.id}/messages`, { headers: ana })).json();
    // The demo referral told Lucía by email when it was sent, through the message service.
    expect(file.items.map((m: { subject: string }) => m.subject)).toEqual(['Prueba', 'Derivación a Centro de Empleo Norte', 'Cita del jueves']);

    // Payloads reach Temporal encrypted with the data folder's own key; the Web UI decodes them
    // through the API's codec endpoint.
    expect(statSync(join(dataDir, 'payload-keys')).mode & 0o777).toBe(0o600);
    const settings = await (await fetch(`http://127.0.0.1:${p.ui}/api/v1/settings`)).json();
    expect(settings.Codec.Endpoint).toBe(`http://localhost:${p.app}/api/temporal-codec`);
    const rawConnection = await Connection.connect({ address: `127.0.0.1:${p.temporal}` });
    const ventanillaId = (await temporalUiWorkflows(p.ui, "CauceKind='ventanilla'"))[0].execution.workflowId;
    const started = (await new Client({ connection: rawConnection }).workflow.getHandle(ventanillaId).fetchHistory()).events![0];
    const input = started.workflowExecutionStartedEventAttributes!.input!.payloads![0];
    expect(Buffer.from(input.metadata!.encoding!).toString()).toBe('binary/encrypted');
    await rawConnection.close();
    // …and an administrator reading that workflow in the Temporal Web UI sees it in clear.
    const uiBrowser = await launchBrowser();
    try {
      const page = await uiBrowser.newPage();
      await page.goto(`http://localhost:${p.ui}/namespaces/default/workflows/${ventanillaId}`, { waitUntil: 'domcontentloaded' });
      await page.getByText('Solicitud de información sobre itinerario de empleo').first().waitFor({ timeout: 30_000 });
    } finally {
      await uiBrowser.close();
    }

    // Every demo user signs in with Chromium and sees the interface in their language: the
    // Italian CPI's operator in Italian, the others in Spanish.
    const browser = await launchBrowser();
    const texts = { es: ['Personas', 'Resumen'], it: ['Persone', 'Riepilogo'] };
    try {
      for (const [email, lang] of [['admin@cauce.local', 'es'], ['ana@cauce.local', 'es'], ['sara@cauce.local', 'es'], ['director@cauce.local', 'es'], ['operatore@cauce.local', 'it'], ['centroservizi@cauce.local', 'it']] as const) {
        const page = await (await browser.newContext({ baseURL: base })).newPage();
        await signIn(page, email, 'cauce-demo');
        expect(await page.evaluate(() => document.documentElement.lang), email).toBe(lang);
        expect(await page.getByTestId('nav-persons').innerText(), email).toContain(texts[lang][0]);
        expect(await page.getByTestId('nav-dashboard').innerText(), email).toContain(texts[lang][1]);
        // The CPI's operator is accredited from the first start; the service centre sees the requests.
        if (email === 'operatore@cauce.local') {
          await page.getByTestId('nav-cpi-accreditation').waitFor();
          expect(await page.getByTestId('accreditation-banner').count()).toBe(0);
        }
        if (email === 'centroservizi@cauce.local') await page.getByTestId('nav-cpi-accreditations').waitFor();
        await page.context().close();
      }
    } finally {
      await browser.close();
    }
    const cookie = await login(base, 'admin@cauce.local');
    const invited = await fetch(`${base}/api/users/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ email: 'persiste@cauce.local', name: 'Persiste', roles: ['professional'] }),
    });
    expect(invited.status).toBe(201);
    const { workflowId } = await invited.json();
    await expect.poll(async () => (await temporalUiWorkflows(p.ui, "CauceKind='invitation'")).map((w) => w.execution.workflowId), { timeout: 20_000 }).toContain(workflowId);
    // The invitation mail went through SMTP into the capture, readable by the admin.
    await expect
      .poll(async () => (await (await fetch(`${base}/api/admin/mails`, { headers: { cookie } })).json()).items.map((m: { to: string[] }) => m.to[0]), { timeout: 20_000 })
      .toContain('persiste@cauce.local');

    expect(await stop(child)).toBe(0);
    expect(first.output()).toContain('[cauce] stopped');
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();

    // Second start, same data folder (new ports on purpose: nothing is tied to them).
    const p2 = await ports();
    const base2 = `http://127.0.0.1:${p2.app}`;
    const second = await start(p2);
    child = second.child;
    expect(second.output()).not.toContain('demo data seeded');
    const cookie2 = await login(base2, 'admin@cauce.local');
    const users = await (await fetch(`${base2}/api/users`, { headers: { cookie: cookie2 } })).json();
    expect(users.items.find((u: { email: string }) => u.email === 'persiste@cauce.local')).toMatchObject({ status: 'invited', invitation: { status: 'pending' } });
    const connection = await Connection.connect({ address: `127.0.0.1:${p2.temporal}` });
    const description = await new Client({ connection }).workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('RUNNING');
    await connection.close();
    // The demo case still answers after the restart: its worker replays the encrypted history
    // with the key kept in the data folder.
    const cookieAna = await login(base2, 'ana@cauce.local');
    const cases = await (await fetch(`${base2}/api/interventions`, { headers: { cookie: cookieAna } })).json();
    const detail = await fetch(`${base2}/api/interventions/${cases.items[0].id}`, { headers: { cookie: cookieAna } });
    expect(detail.status).toBe(200);
    expect((await detail.json()).needs.length).toBeGreaterThan(0);
    expect((await temporalUiWorkflows(p2.ui, "CauceKind='invitation'")).map((w) => w.execution.workflowId)).toContain(workflowId);
    expect(await stop(child)).toBe(0);
  }, 400_000);
});
