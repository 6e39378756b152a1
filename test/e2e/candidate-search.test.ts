// Candidate search in the browser: on an offer's page the professional opens "Buscar candidatos",
// sees the person meeting the criteria, relaxes the education criterion to find one more (told she
// does not meet it), shortlists her ("Apuntar": she appears among the candidates), saves the
// filters, and finds them applied when coming back.
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

describe('[ofertas] candidate search in the browser', () => {
  it('[ofertas] oferta → buscar → relajar un criterio → apuntar → filtros guardados', async () => {
    const w = uniqueSuffix();
    const api = web.sys.client();
    await api.login(org.users.professional.email, TEST_PASSWORD);
    const person = async (firstName: string, level: string) => {
      const created = await api.post('/api/persons', { firstName, lastName: `Búsqueda ${w}`, birthDate: '1990-04-04', address: 'Calle Mayor 1, Zaragoza' });
      expect(created.status).toBe(201);
      const cv = await api.put(`/api/persons/${created.body.id}/cv`, { education: [{ level, title: 'Título' }], drivingLicences: ['B'] });
      expect(cv.status, JSON.stringify(cv.body)).toBe(200);
      return created.body.id as string;
    };
    const lucia = await person('Lucía', 'vocational_intermediate');
    const marta = await person('Marta', 'primary');
    const offer = await api.post('/api/job-offers', {
      title: `Dependienta ${w}`, own: true, employer: { name: 'Tiendas Demo SL', taxId: 'B12345674' }, vacancies: 1, province: 'Zaragoza', contractType: '501',
      criteria: { educationLevel: '20', licences: ['B'], province: 'Zaragoza' },
    });
    expect(offer.status).toBe(201);

    const page = await web.newPage();
    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.goto(`/ofertas/${offer.body.id}`);
    await page.getByTestId('job-offer-search-toggle').click();
    await expect.poll(async () => page.getByTestId('candidate-search-total').textContent(), { timeout: 15_000 }).toBe('1 persona');
    await page.getByTestId(`candidate-search-row-${lucia}`).waitFor();
    expect(await page.getByTestId(`candidate-search-chip-educationLevel-${lucia}`).textContent()).toContain('FP de grado medio');
    expect(await page.getByTestId(`candidate-search-row-${marta}`).count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), 'search panel').toEqual([]);

    // Relaxing the minimum education lets Marta in, told she does not meet it.
    await page.getByTestId('candidate-search-relax-educationLevel').click();
    await page.getByTestId('candidate-search-run').click();
    await expect.poll(async () => page.getByTestId('candidate-search-total').textContent()).toBe('2 personas');
    const chip = page.getByTestId(`candidate-search-chip-educationLevel-${marta}`);
    expect(await chip.getAttribute('data-met')).toBe('false');
    expect(await chip.textContent()).toContain('Educación primaria');
    expect(await seriousViolations(page), 'relaxed results').toEqual([]);

    // "Apuntar": she becomes a candidate of the offer.
    await page.getByTestId(`candidate-search-shortlist-${marta}`).click();
    await expect.poll(async () => page.getByTestId(`candidate-search-status-${marta}`).textContent(), { timeout: 15_000 }).toBe('Apuntado');
    await expect.poll(async () => page.getByTestId(`job-offer-candidate-status-${marta}`).textContent(), { timeout: 15_000 }).toBe('Apuntado');

    // Saved with the offer, the relaxed criterion is there next time.
    await page.getByTestId('candidate-search-save').click();
    await page.getByText('Filtros guardados con la oferta').first().waitFor();
    await page.reload();
    await page.getByTestId('job-offer-search-toggle').click();
    await expect.poll(async () => page.getByTestId('candidate-search-total').textContent(), { timeout: 15_000 }).toBe('2 personas');
    expect(await page.getByTestId('candidate-search-relax-educationLevel').getAttribute('aria-checked')).toBe('true');
  });
});
