// The CPI's whole procedure in one browser journey, in Italian (issue 13): an accredited operator
// imports a priority list, a worker excluded because employed cannot be booked (the refusal says
// why), made eligible gets an appointment, the bilancio is started from that appointment on "La mia
// scrivania", goes through its four phases with the signed contract's scan, and the enrolment
// receipt reaches the worker by email in Italian with their name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { createCpiOrganisation } from '../support/accreditations';
import { completeBilancioPhases, insertLogisticsCatalogue, priorityListCsv, soonInRome } from '../support/cpi-browser';
import { TEST_PASSWORD, uniqueSuffix, waitForMail, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
beforeAll(async () => {
  web = await startWebSystem();
  const db = web.sys.database.db;
  org = await createCpiOrganisation(db, { accredited: true });
  await db.update(users).set({ locale: 'it' }).where(eq(users.organisationId, org.id));
  await insertLogisticsCatalogue(db, org.id);
});
afterAll(async () => web?.stop());

const CF = 'BNCLRA92M52F205H';

describe('[CPI] browser journey', () => {
  it('[CPI] operatore accreditato: lista, escluso (appuntamento rifiutato), idoneo, appuntamento, bilancio avviato dall’appuntamento, quattro fasi, ricevuta nella posta', async () => {
    const started = performance.now();
    // The worker is already known to the CPI (with an email): the list matches her by codice fiscale.
    const email = `laura-${uniqueSuffix()}@example.org`;
    const api = web.sys.client('it');
    await api.login(org.users.professional.email, TEST_PASSWORD);
    const known = await api.post('/api/persons', { firstName: 'Laura', lastName: 'Bianchi', email, documentId: CF });
    expect(known.status, JSON.stringify(known.body)).toBe(201);

    // Accredited: no banner, the CPI's menu is there.
    const page = await web.newPage();
    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.getByTestId('nav-cpi-desk').waitFor();
    expect(await page.getByTestId('accreditation-banner').count()).toBe(0);

    // The priority list.
    await page.getByTestId('nav-priority-lists').click();
    await page.getByTestId('priority-list-name').fill('Mobilità 2011/2012 – Bari');
    await page.getByTestId('priority-list-file').setInputFiles(priorityListCsv([`${CF};Laura;Bianchi;12/08/1992;BA;NASpI`]));
    await page.getByTestId('priority-list-submit').click();
    const laura = page.locator(`[data-testid="worker-row"][data-cf="${CF}"]`);
    await laura.getByText('Non convocato').waitFor({ timeout: 15_000 });

    // Excluded because employed: the booking is refused, saying why and since when.
    await laura.getByTestId('worker-verify').click();
    await page.getByTestId('verification-excluded_employed').click();
    await page.getByTestId('verification-note').fill('Contratto a termine in corso');
    await page.getByTestId('verification-submit').click();
    await laura.getByText('Escluso: occupato').waitFor();
    await laura.getByTestId('worker-book').click();
    await page.getByTestId('appointment-starts-at').fill(soonInRome(10));
    await page.getByTestId('appointment-submit').click();
    await page.getByTestId('appointment-failure').getByText(/^Non si può fissare un appuntamento per Laura Bianchi: escluso per rapporto di lavoro in corso/).waitFor();
    await page.getByTestId('appointment-dialog').getByRole('button', { name: 'Annulla' }).click();

    // Eligible: the appointment is booked.
    await laura.getByTestId('worker-verify').click();
    await page.getByTestId('verification-eligible').click();
    await page.getByTestId('verification-submit').click();
    await laura.getByText('Idoneo').waitFor();
    await laura.getByTestId('worker-book').click();
    await page.getByTestId('appointment-starts-at').fill(soonInRome(10));
    await page.getByTestId('appointment-submit').click();
    await laura.getByText('Appuntamento fissato').waitFor({ timeout: 15_000 });

    // La mia scrivania: today's appointment of the CPI (riquadro A) is also mine (riquadro B).
    await page.getByTestId('nav-cpi-desk').click();
    const inA = page.getByTestId('cpi-desk-a').getByTestId('dashboard-appointment-row').filter({ hasText: 'Laura Bianchi' });
    const inB = page.getByTestId('cpi-desk-b').getByTestId('dashboard-appointment-row').filter({ hasText: 'Laura Bianchi' });
    await expect.poll(() => inA.textContent(), { timeout: 15_000 }).toContain('Fissato');
    await inB.waitFor();
    await page.getByTestId('cpi-desk-b').getByText('Nessun bilancio.').waitFor();

    // Avvia bilancio from the appointment: the new bilancio opens at its first phase.
    const appointmentId = await inA.getAttribute('data-id');
    await inA.getByTestId('appointment-start-assessment').click();
    await page.waitForURL(/\/bilanci\/[^/]+$/);
    const assessment = await api.get(`/api/skills-assessments/${new URL(page.url()).pathname.split('/').pop()}`);
    expect([assessment.body.personName, assessment.body.appointmentId]).toEqual(['Laura Bianchi', appointmentId]);
    await completeBilancioPhases(page);

    // Riquadro B lists it among the complete ones.
    await page.getByTestId('nav-cpi-desk').click();
    await page.getByTestId('cpi-desk-b').getByTestId('dashboard-skills-assessments').getByText('Laura Bianchi').waitFor();

    // The enrolment receipt in the captured email, in Italian, with her name and the PDF.
    const mail = await waitForMail(web.sys.database.db, email, (s) => s.includes('Ricevuta di iscrizione'));
    expect(mail.subject).toBe('Ricevuta di iscrizione al corso');
    expect(mail.text).toContain('Gentile Laura Bianchi,');
    expect(mail.text).toContain('in allegato trovi il documento «Ricevuta di iscrizione»');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['ricevuta-iscrizione.pdf', 'application/pdf']]);

    const seconds = (performance.now() - started) / 1000;
    console.info(`[CPI] journey: ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(60);
  });
});
