import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
beforeAll(async () => {
  web = await startWebSystem();
});
afterAll(async () => web?.stop());

/** Two people, a dozen workflow Updates: longer than the default on a busy machine. */
const JOURNEY_TIMEOUT_MS = 180_000;

/** What the user waits for: workflow updates under a loaded machine can take seconds. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 150 });

const statusOf = (page: Page) => page.getByTestId('intervention-header').getByTestId('intervention-status').innerText();
const followUp = (page: Page, id: string) => page.locator(`[data-testid="follow-up-row"][data-id="${id}"]`);

/** YYYY-MM-DD of a day from now, in the browser's (and the test's) local calendar. */
function dayFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('[intervenciones] browser journeys', () => {
  it('[intervenciones] abrir valoración, seguimiento y cierre con reapertura', async () => {
    const org = await createOrganisation(web.sys.database.db);
    const surname = `Ibáñez ${uniqueSuffix()}`;
    const task = 'Llamar para ver cómo va la búsqueda';

    // The professional creates the person and opens a needs assessment from the file.
    const ana = await web.newPage();
    await signIn(ana, org.users.professional.email, TEST_PASSWORD);
    await ana.getByTestId('nav-persons').click();
    await ana.getByTestId('person-new').click();
    await ana.getByTestId('person-form-firstName').fill('Lucía');
    await ana.getByTestId('person-form-lastName').fill(surname);
    await ana.getByTestId('person-form-submit').click();
    await ana.getByTestId('person-header').waitFor();
    const personId = /\/personas\/([0-9a-f-]{36})/.exec(ana.url())![1];
    await ana.getByTestId('person-tab-intervenciones').click();
    await ana.getByTestId('person-interventions-empty').waitFor();
    await ana.getByTestId('assessment-new').click();
    await ana.waitForURL(`**/personas/${personId}/valoracion`);

    // Two specific needs of different groups, found by words typed without accents.
    await ana.getByTestId('need-picker').waitFor();
    await ana.getByTestId('assessment-summary').fill('Mujer de 34 años con discapacidad reconocida. Busca su primer empleo y necesita apoyo en la vida diaria.');
    await ana.getByTestId('need-search').fill('primer empleo');
    await poll(() => ana.getByTestId('need-option').count()).toBe(1);
    expect(await ana.getByTestId('need-search-count').innerText()).toBe('1 coincide');
    await ana.locator('[data-testid="need-option"][data-code="030101"]').click();
    await ana.getByTestId('need-search').fill('limitacion autonomia');
    await ana.locator('[data-testid="need-option"][data-code="020499"]').click();
    expect(await ana.getByTestId('need-chip').evaluateAll((chips) => chips.map((c) => c.getAttribute('data-code')))).toEqual(['030101', '020499']);

    // The preview says two interventions will open, one per second-level need, none extended.
    await poll(() => ana.getByTestId('preview-open').count()).toBe(2);
    expect(await ana.getByTestId('preview-summary').innerText()).toBe('Se abrirán 2 intervenciones nuevas');
    expect(await ana.getByTestId('preview-extend').count()).toBe(0);
    const planned = await ana.getByTestId('preview-open').allInnerTexts();
    // The preview reads need names in sentence case too, as everywhere else (issue 10).
    expect(planned.join('\n')).toContain('Dificultades para la inserción laboral');
    expect(planned.join('\n')).toContain('Limitación de autonomía personal');
    expect(planned.join('\n')).not.toContain('INSERCIÓN LABORAL');

    await ana.getByTestId('assessment-save').click();
    await ana.waitForURL(`**/personas/${personId}/intervenciones`);
    const outcome = await ana.getByTestId('assessment-outcome').innerText();
    expect(outcome).toContain('Valoración guardada.');
    expect(outcome).toContain('Intervenciones abiertas:');
    expect(outcome).toContain('(Dificultades para la inserción laboral)');
    // Said once: the notice on the person's page, not a toast repeating it (issue 10).
    await ana.waitForTimeout(300);
    expect(await ana.locator('.n-message').filter({ hasText: 'Valoración guardada' }).count()).toBe(0);
    await poll(() => ana.getByTestId('person-intervention-row').count()).toBe(2);
    // Need names read in sentence case (the catalogue's official text is in capitals; issue 10).
    expect((await ana.getByTestId('row-need').allInnerTexts()).sort()).toEqual(['Dificultades para la inserción laboral', 'Limitación de autonomía personal']);
    expect(await ana.getByTestId('person-interventions-counts').innerText()).toBe('2 abiertas · 0 cerradas');
    expect(await ana.getByTestId('person-assessment').count()).toBe(1);

    // The employment case: a follow-up is scheduled for tomorrow.
    await ana.getByTestId('person-intervention-row').filter({ hasText: 'INSERCIÓN LABORAL' }).getByTestId('row-code').click();
    await ana.getByTestId('intervention-header').waitFor();
    const interventionId = /\/intervenciones\/([0-9a-f-]{36})/.exec(ana.url())![1];
    expect(await statusOf(ana)).toBe('Abierta');
    expect(await ana.getByTestId('intervention-person').innerText()).toContain(surname);
    expect(await ana.getByTestId('intervention-need-path').innerText()).toContain('NECESIDAD RELACIONADA CON UNA ADECUADA INTEGRACIÓN SOCIAL');
    expect(await ana.getByTestId('intervention-assignee').innerText()).toContain(org.users.professional.name);
    await ana.getByTestId('follow-up-date').fill(dayFromNow(1));
    await ana.getByTestId('follow-up-note').fill(task);
    await ana.getByTestId('follow-up-schedule').click();
    await poll(() => ana.getByTestId('follow-up-row').count()).toBe(1);
    const followUpId = (await ana.getByTestId('follow-up-row').getAttribute('data-id'))!;
    expect(await followUp(ana, followUpId).getAttribute('data-status')).toBe('scheduled');
    expect(await followUp(ana, followUpId).getByTestId('follow-up-note-text').innerText()).toBe(task);
    // The page says before trying that it cannot close yet.
    await poll(() => ana.getByTestId('close-blocked-hint').innerText()).toContain('1 seguimiento pendiente');

    // Trying to close anyway: the dialog lists the follow-up, and the server's refusal names it.
    await ana.getByTestId('status-close').click();
    expect(await ana.getByTestId('close-blockers').innerText()).toContain(task);
    await ana.getByTestId('close-reason-objectives_met').click();
    await ana.getByTestId('close-confirm').click();
    await ana.getByTestId('close-error').waitFor();
    const refusal = await ana.getByTestId('close-error').innerText();
    expect(refusal).toMatch(/^No se puede cerrar la intervención: hay 1 seguimiento pendiente:/);
    expect(refusal).toContain(task);
    await ana.getByTestId('close-cancel').click();
    expect(await statusOf(ana)).not.toBe('Cerrada');

    // The follow-up is completed with its outcome; nothing blocks closing any more.
    await followUp(ana, followUpId).getByTestId('follow-up-complete').click();
    await ana.getByTestId('complete-confirm').click();
    await ana.getByTestId('complete-dialog').getByText('Este campo es obligatorio.').waitFor();
    await ana.getByTestId('follow-up-outcome').fill('Ha encontrado trabajo');
    await ana.getByTestId('follow-up-notes').fill('Contrato de seis meses');
    await ana.getByTestId('complete-confirm').click();
    await poll(() => ana.getByTestId('close-blocked-hint').count()).toBe(0);
    await ana.getByTestId('follow-ups-finished-toggle').click();
    expect(await followUp(ana, followUpId).getAttribute('data-status')).toBe('completed');
    expect(await followUp(ana, followUpId).getByTestId('follow-up-outcome-text').innerText()).toContain('Ha encontrado trabajo');

    expect(await ana.getByTestId('intervention-need').innerText()).toBe('Dificultades para la inserción laboral');
    // An open flag and the uncovered need are mentioned when closing: a warning, not a block.
    await ana.getByTestId('flag-message').fill('Revisar la documentación');
    await ana.getByTestId('flag-add').click();
    await poll(() => ana.locator('[data-testid="flag-row"][data-open="true"]').count()).toBe(1);

    // Closed with a reason from the catalogue.
    await ana.getByTestId('status-close').click();
    expect(await ana.getByTestId('close-blockers').count()).toBe(0);
    await poll(() => ana.getByTestId('close-warning-flags').innerText()).toBe('1 bandera sin resolver: Revisar la documentación');
    expect(await ana.getByTestId('close-warning-needs').innerText()).toBe('1 necesidad sin cubrir: Búsqueda del primer empleo');
    await ana.getByTestId('close-confirm').click();
    await ana.getByTestId('close-dialog').getByText('Elige el motivo de cierre.').waitFor();
    await ana.getByTestId('close-reason-objectives_met').click();
    await ana.getByTestId('close-note').fill('Inserción laboral conseguida');
    await ana.getByTestId('close-confirm').click();
    await poll(() => statusOf(ana)).toBe('Cerrada');
    expect(await ana.getByTestId('intervention-closure').innerText()).toContain('Objetivos alcanzados');
    expect(await ana.getByTestId('intervention-closure').innerText()).toContain('Inserción laboral conseguida');
    // The professional may not reopen: no button, and the page says who can.
    expect(await ana.getByTestId('intervention-reopen').count()).toBe(0);
    expect(await ana.getByTestId('reopen-not-allowed').innerText()).toBe('Solo supervisión o administración pueden reabrirla.');
    expect(await ana.getByTestId('status-close').count()).toBe(0);
    expect(await ana.getByTestId('follow-up-form').count()).toBe(0);

    // The supervisor reopens it with a note; it is in progress again and the history says who.
    const sara = await web.newPage();
    await signIn(sara, org.users.supervisor.email, TEST_PASSWORD);
    await sara.goto(`/intervenciones/${interventionId}`);
    await sara.getByTestId('intervention-header').waitFor();
    expect(await statusOf(sara)).toBe('Cerrada');
    await sara.getByTestId('intervention-reopen').click();
    await sara.getByTestId('reopen-text').fill('Ha perdido el empleo');
    await sara.getByTestId('reopen-confirm').click();
    await poll(() => statusOf(sara)).toBe('En curso');
    expect(await sara.getByTestId('intervention-reopen').count()).toBe(0);
    await sara.getByTestId('intervention-tab-history').click();
    const reopened = sara.locator('[data-testid="history-entry"][data-action="reopened"]');
    expect(await reopened.getByTestId('history-label').innerText()).toBe('Intervención reabierta');
    expect(await reopened.getByTestId('history-actor').innerText()).toBe(org.users.supervisor.name);
    expect(await reopened.getByTestId('history-note').innerText()).toBe('Ha perdido el empleo');
    const labels = await sara.getByTestId('history-label').allInnerTexts();
    expect(labels.reverse()).toEqual([
      'Intervención abierta',
      'Seguimiento programado',
      'Seguimiento completado',
      'Bandera añadida',
      'Intervención cerrada',
      'Intervención reabierta',
    ]);

    // The professional sees it back in progress and can work on it again.
    await ana.reload();
    await poll(() => statusOf(ana)).toBe('En curso');
    await ana.getByTestId('follow-up-form').waitFor();
  }, JOURNEY_TIMEOUT_MS);

  it('[intervenciones] lista: sin asignar y mías, asignación en bloque con resultado por caso, y el seguimiento en el calendario', async () => {
    const org = await createOrganisation(web.sys.database.db);
    const pro = web.sys.client();
    await pro.login(org.users.professional.email, TEST_PASSWORD);
    const newPerson = async (lastName: string) => {
      const res = await pro.post('/api/persons', { firstName: 'Marta', lastName: `${lastName} ${uniqueSuffix()}` });
      expect(res.status).toBe(201);
      return res.body as { id: string; code: string };
    };
    const assess = async (personId: string, needs: string[]) => {
      const res = await pro.post(`/api/persons/${personId}/assessments`, { summary: 'Valoración inicial.', needs });
      expect(res.status).toBe(201);
      return res.body.interventions as Array<{ id: string; code: string }>;
    };
    // Two cases left unassigned, and a third the professional keeps, with a follow-up tomorrow.
    const [a, b] = await assess((await newPerson('Ortega')).id, ['030101', '040199']);
    for (const c of [a, b]) expect((await pro.post(`/api/interventions/${c.id}/assign`, { userId: null })).status).toBe(200);
    const [kept] = await assess((await newPerson('Navarro')).id, ['020199']);
    const fu = await pro.post(`/api/interventions/${kept.id}/follow-ups`, { dueAt: dayFromNow(1), note: 'Visita de seguimiento' });
    expect(fu.status).toBe(201);

    // The supervisor finds the unassigned cases with the common view, in the address too.
    const sara = await web.newPage();
    await signIn(sara, org.users.supervisor.email, TEST_PASSWORD);
    await sara.getByTestId('nav-interventions').click();
    await sara.getByTestId('view-unassigned').click();
    await sara.waitForURL(/asignada=sin/);
    await poll(async () => (await sara.getByTestId('intervention-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-intervention-id')))).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect(await sara.getByTestId('row-assignee').allInnerTexts()).toEqual(['Sin asignar', 'Sin asignar']);

    // Both selected and assigned to the professional at once; each case reports its outcome.
    for (const c of [a, b]) await sara.locator(`[data-testid="intervention-row"][data-intervention-id="${c.id}"] .n-checkbox`).click();
    expect(await sara.getByTestId('bulk-selected').innerText()).toBe('2 seleccionadas');
    await sara.getByTestId('bulk-assign').click();
    await sara.getByTestId('bulk-assignee').click();
    await sara.locator(`[data-testid="bulk-assignee-option"][data-value="${org.users.professional.id}"]`).click();
    await sara.getByTestId('bulk-confirm').click();
    await sara.getByTestId('bulk-summary').waitFor();
    expect(await sara.getByTestId('bulk-summary').innerText()).toBe('Hecho en 2; no se ha podido en 0.');
    const results = await sara.getByTestId('bulk-result').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-id'), r.getAttribute('data-ok'), r.textContent?.trim()]));
    expect(results.map(([id, ok]) => [id, ok]).sort()).toEqual([[a.id, 'true'], [b.id, 'true']].sort());
    for (const [, , text] of results) expect(text).toMatch(/INT-\d+\s*Hecho/);
    await sara.getByTestId('bulk-close').click();
    // Nothing is unassigned any more.
    await sara.getByTestId('interventions-empty').waitFor();

    // The professional's own view has the three cases.
    const ana = await web.newPage();
    await signIn(ana, org.users.professional.email, TEST_PASSWORD);
    await ana.getByTestId('nav-interventions').click();
    // Professionals do not change cases in bulk: no selection, no bulk bar.
    expect(await ana.getByTestId('bulk-bar').count()).toBe(0);
    await ana.getByTestId('view-mine').click();
    await ana.waitForURL(/asignada=mias/);
    await poll(async () => (await ana.getByTestId('intervention-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-intervention-id')))).sort()).toEqual(
      [a.id, b.id, kept.id].sort(),
    );
    // Quick search by case code.
    await ana.getByTestId('intervention-search').fill(kept.code.toLowerCase());
    await poll(() => ana.getByTestId('intervention-row').count()).toBe(1);
    expect(await ana.getByTestId('row-code').innerText()).toBe(kept.code);

    // The follow-up is on the calendar; from there, the case opens on it.
    await ana.getByTestId('nav-calendar').click();
    await ana.getByTestId('calendar-month').waitFor();
    const item = ana.locator(`[data-testid="calendar-item"][data-id="${fu.body.id}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('scheduled');
    expect(await item.getAttribute('title')).toContain('Visita de seguimiento');
    await ana.getByTestId('calendar-view-list').click();
    await ana.waitForURL(/vista=lista/);
    if (dayFromNow(1).slice(0, 7) === dayFromNow(0).slice(0, 7)) expect(await item.innerText()).toContain('Visita de seguimiento');
    else await ana.getByTestId('calendar-next').click();
    await item.click();
    await ana.waitForURL(`**/intervenciones/${kept.id}?seguimiento=${fu.body.id}`);
    await followUp(ana, fu.body.id).getByTestId('follow-up-complete').waitFor();
  }, JOURNEY_TIMEOUT_MS);
});
