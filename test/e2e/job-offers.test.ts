// Job offers in the browser: a professional creates an offer for a company, shortlists a person,
// records their interest, shares the link; the company opens it in a fresh browser (no account)
// and sees the interested candidate; the professional marks them placed (today by default), which
// fills the only vacancy and closes the offer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';
import { seriousViolations } from '../support/axe';

let web: WebSystem;
let org: TestOrganisation;
beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
});
afterAll(async () => web?.stop());

describe('[ofertas] browser journey', () => {
  it('[ofertas] crear oferta → apuntar candidata → interesada → la empresa abre el enlace → insertada', async () => {
    const w = uniqueSuffix();
    const api = web.sys.client();
    await api.login(org.users.professional.email, TEST_PASSWORD);
    const person = await api.post('/api/persons', { firstName: 'Rocío', lastName: `Vega ${w}`, email: `rocio-${w}@example.org` });
    expect(person.status).toBe(201);

    const page = await web.newPage();
    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.getByTestId('nav-job-offers').click();
    await page.getByTestId('job-offers-new').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), 'offers page').toEqual([]);
    await page.getByTestId('job-offers-new').click();
    await page.getByTestId('job-offer-title').fill(`Camarera de pisos ${w}`);
    await page.getByTestId('job-offer-employer').fill('Hoteles del Guadalquivir SL');
    // A mistyped CIF is refused on its field, in Spanish.
    await page.getByTestId('job-offer-taxid').fill('B12345675');
    await page.getByTestId('job-offer-province').fill('Sevilla');
    await page.getByTestId('job-offer-form-confirm').click();
    await page.getByTestId('job-offer-form-dialog').getByText('No es un CIF, NIF o NIE válido').waitFor();
    await page.getByTestId('job-offer-taxid').fill('B12345674');
    await page.getByTestId('job-offer-form-confirm').click();
    await page.waitForURL(/\/ofertas\/[0-9a-f-]{36}$/);
    await expect.poll(async () => page.getByTestId('job-offer-status').textContent()).toBe('Abierta');

    await page.getByTestId('job-offer-person').locator('input').fill(`Vega ${w}`);
    const personId = person.body.id as string;
    await page.locator(`[data-testid="job-offer-person-option"][data-value="${personId}"]`).click();
    await page.getByTestId('job-offer-add-candidate').click();
    await expect.poll(async () => page.getByTestId(`job-offer-candidate-status-${personId}`).textContent(), { timeout: 15_000 }).toBe('Apuntado');
    // Not placeable before saying they are interested: the button is not offered.
    expect(await page.getByTestId(`job-offer-move-placed-${personId}`).count()).toBe(0);
    await page.getByTestId(`job-offer-move-interested-${personId}`).click();
    await expect.poll(async () => page.getByTestId(`job-offer-candidate-status-${personId}`).textContent(), { timeout: 15_000 }).toBe('Interesado');

    await page.getByTestId('job-offer-share').click();
    await page.getByTestId('job-offer-share-confirm').click();
    const url = await page.getByTestId('job-offer-share-url').inputValue();
    expect(url).toMatch(/\/empresa\/ofertas\/[A-Za-z0-9_-]{43}$/);
    await page.getByTestId('job-offer-share-confirm').click();

    // The company, in a fresh browser without an account.
    const company = await web.newPage();
    await company.goto(new URL(url).pathname);
    await expect.poll(async () => company.getByTestId('job-offer-share-title').textContent()).toBe(`Camarera de pisos ${w}`);
    await company.getByTestId('job-offer-share-candidates').getByText(`Rocío Vega ${w}`).waitFor();
    expect(await seriousViolations(company), 'company page').toEqual([]);
    const cvHref = await company.getByTestId('job-offer-share-candidates').getByRole('link').getAttribute('href');
    const cv = await company.request.get(cvHref!);
    expect(cv.status()).toBe(200);
    expect(cv.headers()['content-type']).toBe('application/pdf');
    // The professional sees both openings counted: the page and the CV.
    await page.reload();
    await page.getByTestId('job-offer-shares').getByText('2 visitas').waitFor();

    await page.getByTestId(`job-offer-move-placed-${personId}`).click();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(new Date());
    await expect.poll(async () => page.getByTestId('job-offer-placed-date').inputValue()).toBe(today);
    await page.getByTestId('job-offer-placed-confirm').click();
    await expect.poll(async () => page.getByTestId(`job-offer-candidate-status-${personId}`).textContent(), { timeout: 15_000 }).toBe('Insertado');
    await expect.poll(async () => page.getByTestId('job-offer-status').textContent(), { timeout: 15_000 }).toBe('Cerrada');
    await page.getByTestId('job-offer-closed').getByText('Vacantes cubiertas').waitFor();
    expect(await page.getByTestId('job-offer-placed-count').textContent()).toBe('1 / 1');
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), 'offer page').toEqual([]);
  });
});
