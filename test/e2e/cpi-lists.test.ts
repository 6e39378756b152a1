// The CPI operator's journey in Italian: import a priority list (a wrong line first, then the
// right file), exclude a worker because employed (booking refused with why and since when), make
// them eligible, book the appointment and record that they attended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { createCpiOrganisation } from '../support/accreditations';
import { priorityListCsv, soonInRome } from '../support/cpi-browser';
import { TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
beforeAll(async () => {
  web = await startWebSystem();
  // An accredited operator: the CPI's pages are behind the accreditation gate.
  org = await createCpiOrganisation(web.sys.database.db, { accredited: true });
  // The operator works in Italian.
  await web.sys.database.db.update(users).set({ locale: 'it' }).where(eq(users.organisationId, org.id));
});
afterAll(async () => web?.stop());

describe('[liste di priorità] browser journey', () => {
  it('[liste di priorità] importa la lista, escluso perché occupato (appuntamento rifiutato), idoneo, appuntamento, presentato', async () => {
    const page = await web.newPage();
    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.getByTestId('nav-priority-lists').click();
    await page.getByTestId('priority-list-import').waitFor();

    // A wrong check character: nothing is imported, the line is named in Italian.
    await page.getByTestId('priority-list-name').fill('Mobilità 2011/2012 – Taranto');
    await page.getByTestId('priority-list-file').setInputFiles(priorityListCsv(['RSSMRA85T10A562S;Mario;Rossi;10/12/1985;TA;NASpI', 'BNCLRA92M52F205X;Laura;Bianchi;12/08/1992;TA;']));
    await page.getByTestId('priority-list-submit').click();
    await page.getByTestId('priority-list-errors').getByText('Riga 3: codice fiscale «BNCLRA92M52F205X» non valido (formato o carattere di controllo)').waitFor();

    await page.getByTestId('priority-list-file').setInputFiles(priorityListCsv(['RSSMRA85T10A562S;Mario;Rossi;10/12/1985;TA;NASpI', 'BNCLRA92M52F205H;Laura;Bianchi;12/08/1992;TA;']));
    await page.getByTestId('priority-list-submit').click();
    await expect.poll(async () => page.getByTestId('worker-row').count(), { timeout: 15_000 }).toBe(2);
    const mario = page.locator('[data-testid="worker-row"][data-cf="RSSMRA85T10A562S"]');
    await mario.getByText('Non convocato').waitFor();

    // Riscontri/Verifiche: excluded because employed.
    await mario.getByTestId('worker-verify').click();
    await page.getByTestId('verification-excluded_employed').click();
    await page.getByTestId('verification-note').fill('Assunto a tempo indeterminato');
    await page.getByTestId('verification-submit').click();
    await mario.getByText('Escluso: occupato').waitFor();
    await mario.getByText('Assunto a tempo indeterminato').waitFor();

    // Booking is refused, saying why and since when.
    await mario.getByTestId('worker-book').click();
    await page.getByTestId('appointment-starts-at').fill(soonInRome(10));
    await page.getByTestId('appointment-submit').click();
    const refusal = page.getByTestId('appointment-failure');
    await refusal.getByText(/^Non si può fissare un appuntamento per Mario Rossi: escluso per rapporto di lavoro in corso \(verifica del \d{1,2} \w{3} \d{4}\)\.$/).waitFor();
    await page.getByTestId('appointment-dialog').getByRole('button', { name: 'Annulla' }).click();

    // Eligible clears it; the history keeps both.
    await mario.getByTestId('worker-verify').click();
    await page.getByTestId('verification-history').getByText('Escluso: occupato').waitFor();
    await page.getByTestId('verification-eligible').click();
    await page.getByTestId('verification-submit').click();
    await mario.getByText('Idoneo').waitFor();

    await mario.getByTestId('worker-book').click();
    await page.getByTestId('appointment-starts-at').fill(soonInRome(10));
    await page.getByTestId('appointment-submit').click();
    await mario.getByText('Appuntamento fissato').waitFor({ timeout: 15_000 });

    // Today's appointments of the CPI: record that he came.
    await page.getByTestId('nav-appointments').click();
    const row = page.getByTestId('appointment-row').filter({ hasText: 'Mario Rossi' });
    await expect.poll(async () => row.getByTestId('appointment-status').innerText(), { timeout: 15_000 }).toBe('Fissato');
    await row.getByTestId('appointment-attended').click();
    await expect.poll(async () => row.getByTestId('appointment-status').innerText(), { timeout: 15_000 }).toBe('Presentato');
    // Whoever came can start the bilancio from here.
    expect(await row.getByTestId('appointment-start-assessment').innerText()).toBe('Avvia bilancio');

    await page.goBack();
    await page.getByTestId('nav-priority-lists').click();
    await page.getByTestId('priority-list-link').first().click();
    await page.locator('[data-testid="worker-row"][data-cf="RSSMRA85T10A562S"]').getByText('Presentato').waitFor({ timeout: 15_000 });
  });
});
