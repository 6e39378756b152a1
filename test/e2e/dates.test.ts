// Issue 10, item 3: dates and times in the organisation's zone whatever the browser's; a same-day
// follow-up whose time has passed shows as overdue; date fields refuse absurd years.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromLocal, toLocal } from '../../domain/working-days';
import { createOrganisation, TEST_PASSWORD } from '../support/fixtures';
import { startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
beforeAll(async () => {
  web = await startWebSystem();
});
afterAll(async () => web?.stop());

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 150 });
const pad = (n: number) => String(n).padStart(2, '0');

describe('[fechas] dates in the UI', () => {
  it('[fechas] a follow-up at a Madrid time, typed on a browser in New York, is shown at that time and overdue once passed', async () => {
    const org = await createOrganisation(web.sys.database.db, { timezone: 'Europe/Madrid' });
    const ana = web.sys.client();
    await ana.login(org.users.professional.email, TEST_PASSWORD);
    const person = (await ana.post('/api/persons', { firstName: 'Lucía', lastName: 'Horario' })).body;
    const opened = (await ana.post(`/api/persons/${person.id}/assessments`, { summary: 'Valoración', needs: ['030101'] })).body;
    const interventionId: string = opened.interventions[0].id;

    // Ten minutes from now on Madrid's wall clock.
    const due = toLocal(new Date(Date.now() + 10 * 60_000), 'Europe/Madrid');
    const day = `${due.year}-${pad(due.month)}-${pad(due.day)}`;
    const hhmm = `${pad(due.hour)}:${pad(due.minute)}`;

    const context = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'es-ES', timezoneId: 'America/New_York', viewport: { width: 1366, height: 860 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByTestId('login-email').fill(org.users.professional.email);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('main-nav').waitFor();
    await page.goto(`/intervenciones/${interventionId}`);
    await page.getByTestId('intervention-header').waitFor();

    // Absurd years are refused with a message, and nothing is scheduled.
    await page.getByTestId('follow-up-date').fill('0003-12-31');
    expect(await page.getByTestId('follow-up-date-range-error').innerText()).toMatch(/^Escribe una fecha entre .+ y 31 dic 2100\.$/);

    await page.getByTestId('follow-up-date').fill(day);
    expect(await page.getByTestId('follow-up-date-range-error').count()).toBe(0);
    await page.getByTestId('follow-up-time').fill(hhmm);
    await page.getByTestId('follow-up-note').fill('Llamar antes de comer');
    await page.getByTestId('follow-up-schedule').click();
    await poll(() => page.getByTestId('follow-up-row').count()).toBe(1);

    // Stored as that Madrid moment, shown at the Madrid time (New York is six hours behind).
    const { body } = await ana.get(`/api/interventions/${interventionId}`);
    const expected = fromLocal({ ...due, second: 0 }, 'Europe/Madrid').toISOString();
    expect(new Date(body.followUps[0].dueAt).toISOString()).toBe(expected);
    // Written as Spanish writes a time (CLDR's H:mm: "1:20", "13:20"), not as it was typed ("01:20").
    const shown = new Intl.DateTimeFormat('es-ES', { timeStyle: 'short', timeZone: 'Europe/Madrid' }).format(new Date(expected));
    expect(await page.getByTestId('follow-up-due').innerText()).toContain(shown);
    expect(await page.getByTestId('follow-up-status').innerText()).not.toBe('Vencido');

    // Twenty minutes later the same day, the follow-up is overdue on screen at once.
    await page.clock.setFixedTime(new Date(Date.now() + 20 * 60_000));
    await page.reload();
    await page.getByTestId('follow-up-row').waitFor();
    expect(await page.getByTestId('follow-up-status').innerText()).toBe('Vencido');

    // The interventions list's date filter refuses year 3 too, saying what it accepts.
    await page.goto('/intervenciones');
    await page.getByTestId('filter-from').fill('0003-01-01');
    expect(await page.getByTestId('filter-from-range-error').innerText()).toBe('Escribe una fecha entre 1 ene 1900 y 31 dic 2100.');
    await context.close();
  });
});
