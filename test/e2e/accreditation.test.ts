import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { users } from '../../db/schema';
import { createCpiOrganisation, type TestCpi } from '../support/accreditations';
import { TEST_PASSWORD, waitForMail } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let cpi: TestCpi;
beforeAll(async () => {
  web = await startWebSystem();
  cpi = await createCpiOrganisation(web.sys.database.db);
  // The CPI works in Italian.
  await web.sys.database.db.update(users).set({ locale: 'it' }).where(inArray(users.id, [cpi.users.professional.id, cpi.serviceCentre.id]));
});
afterAll(async () => web?.stop());

describe('[accreditamento] browser journey', () => {
  it('[accreditamento] operatore senza accreditamento vede l’avviso, salva una bozza e la riprende, la invia, il Centro Servizi respinge con motivo, nuova richiesta approvata, l’operatore passa', async () => {
    const api = web.sys.client('it');
    await api.login(cpi.users.professional.email, TEST_PASSWORD);
    expect((await api.get('/api/accreditations/me')).body).toMatchObject({ required: true, accredited: false });

    // The operator: the banner on the first page, its link to the request.
    const operator = await web.newPage();
    await signIn(operator, cpi.users.professional.email, TEST_PASSWORD);
    const banner = operator.getByTestId('accreditation-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Serve un accreditamento approvato');
    await operator.getByTestId('nav-cpi-accreditation').waitFor();
    await operator.getByTestId('accreditation-banner-link').click();
    await operator.getByTestId('accreditation-form').waitFor();
    await operator.getByTestId('accreditation-cpi').fill('CPI Bari');
    await operator.getByTestId('accreditation-province').fill('BA');
    // Kept as a draft first (not sent), then resumed: the form opens with what was saved.
    await operator.getByTestId('accreditation-save-draft').click();
    await expect.poll(async () => operator.getByTestId('accreditation-status').innerText(), { timeout: 15_000 }).toBe('Bozza');
    await operator.reload();
    await operator.getByTestId('accreditation-draft').waitFor();
    await expect.poll(() => operator.getByTestId('accreditation-cpi').inputValue()).toBe('CPI Bari');
    expect(await operator.getByTestId('accreditation-province').inputValue()).toBe('BA');
    expect((await api.get('/api/accreditations/me')).body.latest).toMatchObject({ status: 'draft', cpiId: 'CPI Bari', submittedAt: null });
    await operator.getByTestId('accreditation-role').fill('Operatore del mercato del lavoro');
    await operator.getByTestId('accreditation-submit').click();
    await expect.poll(async () => operator.getByTestId('accreditation-status').innerText(), { timeout: 15_000 }).toBe('In attesa');

    // The service centre: its list (pending by default); first it rejects, with a reason.
    const centre = await web.newPage();
    await signIn(centre, cpi.serviceCentre.email, TEST_PASSWORD);
    await centre.getByTestId('nav-cpi-accreditations').click();
    const row = centre.getByTestId(`accreditation-row-${cpi.users.professional.email}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('CPI Bari');
    expect(await row.innerText()).toContain('Operatore del mercato del lavoro');
    await row.getByTestId('accreditation-reject').click();
    await centre.getByTestId('accreditation-reason').fill('Indicare la sede esatta del CPI');
    await centre.getByTestId('accreditation-reject-submit').click();
    await expect.poll(async () => row.count(), { timeout: 15_000 }).toBe(0);

    // The operator reads why and asks again.
    await operator.reload();
    await expect.poll(async () => operator.getByTestId('accreditation-status').innerText(), { timeout: 15_000 }).toBe('Respinto');
    expect(await operator.getByTestId('accreditation-reason').innerText()).toContain('Indicare la sede esatta del CPI');
    await operator.getByTestId('accreditation-cpi').fill('CPI Bari Centro');
    await operator.getByTestId('accreditation-submit').click();
    await expect.poll(async () => operator.getByTestId('accreditation-status').innerText(), { timeout: 15_000 }).toBe('In attesa');

    // This time the centre approves.
    await centre.reload();
    await row.waitFor();
    expect(await row.innerText()).toContain('CPI Bari Centro');
    await row.getByTestId('accreditation-approve').click();
    await expect.poll(async () => row.count(), { timeout: 15_000 }).toBe(0);

    // The operator is told (email in Italian), the page says approved, the banner is gone, the gate opens.
    await waitForMail(web.sys.database.db, cpi.users.professional.email, (s) => s.includes('approvato'));
    await operator.reload();
    await expect.poll(async () => operator.getByTestId('accreditation-status').innerText(), { timeout: 15_000 }).toBe('Approvato');
    await operator.goto('/');
    await operator.getByTestId('nav-persons').waitFor();
    expect(await operator.getByTestId('accreditation-banner').count()).toBe(0);
    expect((await api.get('/api/accreditations/me')).body).toMatchObject({ required: true, accredited: true, latest: { status: 'approved' } });
  });
});
