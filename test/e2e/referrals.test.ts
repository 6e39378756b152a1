import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../db/schema';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, waitForMail, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
beforeAll(async () => {
  web = await startWebSystem();
  org = await createOrganisation(web.sys.database.db);
});
afterAll(async () => web?.stop());

function dayFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('[derivaciones] browser journey', () => {
  it('[derivaciones] derivar desde el directorio, enviar con consentimiento, el servicio acepta por el enlace, seguimiento y completada', async () => {
    const w = uniqueSuffix();
    const serviceEmail = `servicio-${w}@test.cauce.local`;
    await web.sys.database.db
      .insert(resources)
      .values({ organisationId: org.id, name: `Centro de Empleo ${w}`, email: serviceEmail, needCodes: ['0301'], languages: ['es'], searchText: `centro de empleo ${w}` });
    const api = web.sys.client();
    await api.login(org.users.professional.email, TEST_PASSWORD);
    const person = await api.post('/api/persons', { firstName: 'Lucía', lastName: `Muñoz ${w}`, email: `lucia-${w}@example.org` });
    const assessed = await api.post(`/api/persons/${person.body.id}/assessments`, { summary: 'Busca su primer empleo.', needs: ['030101'] });
    const interventionId = assessed.body.interventions[0].id as string;

    const page = await web.newPage();
    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.goto(`/intervenciones/${interventionId}`);
    await page.getByTestId('intervention-referrals').waitFor();
    await page.getByTestId('referrals-add').click();
    await page.getByTestId('referral-picker-search').fill(`empleo ${w}`);
    await expect.poll(async () => page.getByTestId('referral-picker-result').count()).toBe(1);
    await page.getByTestId('referral-picker-result').click();
    await page.getByTestId('referral-note').fill('Necesita orientación laboral.');
    await page.getByTestId('referral-picker-choose').click();
    await expect.poll(async () => page.getByTestId('referral-row').getAttribute('data-status'), { timeout: 15_000 }).toBe('draft');

    await page.getByTestId('referrals-review').click();
    await expect.poll(async () => page.getByTestId('referral-send-email').inputValue()).toBe(`lucia-${w}@example.org`);
    await page.getByTestId('referral-send-submit').click();
    await page.getByTestId('referral-send-consent-required').waitFor();
    await page.getByTestId('referral-send-consent').click();
    await page.getByTestId('referral-send-consent-written').click();
    await page.getByTestId('referral-send-submit').click();
    await expect.poll(async () => page.getByTestId('referral-row').getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');

    const mail = await waitForMail(web.sys.database.db, serviceEmail);
    const link = /https?:\/\/[^\s"]+\/(derivacion|derivaciones\/respuesta)\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
    expect(link, mail.text ?? '').toBeTruthy();
    const service = await web.newPage();
    await service.goto(new URL(link!).pathname);
    await service.getByTestId('referral-answer').getByText('Lucía').first().waitFor();
    await service.getByTestId('referral-answer-accepted').click();
    await service.getByTestId('referral-answer-done').waitFor();
    await service.reload();
    // Accepted: the service may now record the outcome, still through its link.
    await service.getByTestId('referral-answer-completed').waitFor();

    await page.reload();
    await expect.poll(async () => page.getByTestId('referral-row').getAttribute('data-status'), { timeout: 15_000 }).toBe('accepted');
    await page.getByTestId('referral-toggle').click();
    await page.getByTestId('referral-history').waitFor();
    await expect.poll(async () => page.getByTestId('referral-event').count()).toBeGreaterThanOrEqual(3);

    // Written consent: the signed document is attached afterwards, then offered for download.
    const signed = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('Consentimiento firmado por Lucía\n%%EOF\n')]);
    await page.getByTestId('referral-consent-input').setInputFiles({ name: 'consentimiento lucía.pdf', mimeType: 'application/pdf', buffer: signed });
    await page.getByTestId('referral-consent-file').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('referral-consent-upload').count()).toBe(0);
    expect(await page.getByTestId('referral-consent-file').innerText()).toContain('consentimiento lucía.pdf');
    expect(await page.locator('[data-testid="referral-event"][data-action="consent_file_attached"]').innerText()).toContain('Consentimiento firmado adjuntado');
    const download = await page.evaluate(async (href) => {
      const res = await fetch(href!);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, await page.getByTestId('referral-consent-file').getAttribute('href'));
    expect(download).toEqual({ status: 200, type: 'application/pdf', text: signed.toString() });

    // A follow-up under the referral (the generic card, the referral's routes).
    const detail = page.getByTestId('referral-detail');
    await detail.getByTestId('follow-up-date').fill(dayFromNow(1));
    await detail.getByTestId('follow-up-note').fill('Llamar para ver si ha empezado');
    await detail.getByTestId('follow-up-schedule').click();
    await expect.poll(async () => detail.getByTestId('follow-up-row').count(), { timeout: 15_000 }).toBe(1);

    // Completing the referral while it is pending is refused, and the dialog says why.
    const recordCompleted = async () => {
      await detail.getByTestId('referral-status-open').click();
      await page.getByTestId('referral-status-select').click();
      await page.getByText('Completada', { exact: true }).last().click();
      await page.getByTestId('referral-status-submit').click();
    };
    await recordCompleted();
    await page.getByTestId('referral-status-failure').waitFor();
    await page.getByTestId('referral-status-dialog').getByText('Cancelar').click();

    await detail.getByTestId('follow-up-complete').click();
    await page.getByTestId('follow-up-outcome').fill('Ha empezado el curso');
    await page.getByTestId('complete-confirm').click();
    // Done, it leaves the pending list.
    await expect.poll(async () => detail.getByTestId('follow-up-row').count(), { timeout: 15_000 }).toBe(0);
    await recordCompleted();
    await expect.poll(async () => page.getByTestId('referral-row').getAttribute('data-status'), { timeout: 15_000 }).toBe('completed');

    // The referral resolved, nothing keeps the case open: it closes with a reason.
    await page.getByTestId('status-close').click();
    await page.getByTestId('close-reason-objectives_met').click();
    await page.getByTestId('close-confirm').click();
    await expect.poll(async () => page.getByTestId('intervention-header').getByTestId('intervention-status').innerText(), { timeout: 15_000 }).toContain('Cerrada');

    await page.goto('/derivaciones?todas=1');
    await expect.poll(async () => page.getByTestId('referral-list-row').count()).toBeGreaterThanOrEqual(1);
  });
});
