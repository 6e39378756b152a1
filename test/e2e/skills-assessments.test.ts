import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { competences, trainingCourseProviders, trainingCourses, trainingProviders, users } from '../../db/schema';
import { createCpiOrganisation } from '../support/accreditations';
import { TEST_PASSWORD, uniqueSuffix, waitForMail, type TestOrganisation } from '../support/fixtures';
import { signIn, startWebSystem, type WebSystem } from '../support/web';

let web: WebSystem;
let org: TestOrganisation;
beforeAll(async () => {
  web = await startWebSystem();
  const db = web.sys.database.db;
  org = await createCpiOrganisation(db, { accredited: true });
  await db.update(users).set({ locale: 'it' }).where(eq(users.organisationId, org.id));
  await db.insert(competences).values([{ organisationId: org.id, code: 'LOG01', name: 'Gestione delle merci in magazzino', sector: 'Logistica' }]);
  const [course] = await db.insert(trainingCourses).values({ organisationId: org.id, code: 'FOR-LOG-01', title: 'Addetto alla logistica di magazzino', sector: 'Logistica', competenceCodes: ['LOG01'], hours: 150, province: 'BA' }).returning();
  const [provider] = await db.insert(trainingProviders).values({ organisationId: org.id, code: 'ENTE-1', name: 'Centro di Formazione Levante' }).returning();
  await db.insert(trainingCourseProviders).values({ organisationId: org.id, courseId: course.id, providerId: provider.id, province: 'BA' });
});
afterAll(async () => web?.stop());

describe('[bilancio] browser journey', () => {
  it('[bilancio] avviare dalla scheda, contratto scaricato e firmato, quattro fasi, ricevuta di iscrizione nella posta', async () => {
    const w = uniqueSuffix();
    const email = `giulia-${w}@example.org`;
    const api = web.sys.client('it');
    await api.login(org.users.professional.email, TEST_PASSWORD);
    const person = await api.post('/api/persons', { firstName: 'Giulia', lastName: `Bianchi ${w}`, email });

    const page = await web.newPage();
    await signIn(page, org.users.professional.email, TEST_PASSWORD);
    await page.goto(`/personas/${person.body.id}`);
    await page.getByTestId('start-skills-assessment').click();
    await page.getByTestId('phase-preliminary').waitFor();

    // Preliminare: the contract to print, the 409 until the signed scan is there.
    const href = await page.getByTestId('contract-download').getAttribute('href');
    const contract = await page.request.get(href!);
    expect(contract.headers()['content-type']).toBe('application/pdf');
    await page.getByTestId('panel-text-needs').locator('textarea').fill('Vuole lavorare nella logistica');
    await page.getByTestId('complete-phase').click();
    await expect.poll(() => page.getByTestId('phase-refusal').textContent()).toContain('Carica la scansione del contratto firmato');
    await page.getByTestId('contract-upload').locator('input[type=file]').setInputFiles({ name: 'contratto-firmato.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByTestId('contract-uploaded').waitFor();
    await page.getByTestId('complete-phase').click();

    // Investigativa.
    await page.getByTestId('phase-investigative').waitFor();
    await page.getByTestId('panel-text-education').locator('textarea').fill('Diploma di ragioneria');
    await page.getByTestId('panel-text-experience').locator('textarea').fill('Magazziniera 2012-2024');
    await page.getByTestId('competence-codes').click();
    await page.keyboard.type('LOG01');
    await page.keyboard.press('Enter');
    await page.getByTestId('interest-sectors').locator('input').fill('Logistica');
    await page.getByTestId('save-draft').click();
    await page.getByText('Bozza salvata.').first().waitFor();
    await page.getByTestId('complete-phase').click();

    // Riposizionamento: the course ranked with its score explained.
    await page.getByTestId('phase-repositioning').waitFor();
    await page.getByTestId('project-sector').locator('input').fill('Logistica');
    await page.getByTestId('project-province').locator('input').fill('BA');
    await page.getByTestId('panel-text-project').locator('textarea').fill('Addetta alla logistica');
    await page.getByTestId('panel-text-plan').locator('textarea').fill('Corso di 150 ore');
    await page.getByTestId('panel-text-feedback').locator('textarea').fill('Progetto condiviso');
    await page.getByTestId('save-draft').click();
    await page.getByText('Bozza salvata.').first().waitFor();
    await page.reload();
    await expect.poll(() => page.getByTestId('course').first().textContent()).toContain('1 competenza in comune');
    await page.getByTestId('complete-phase').click();

    // Iscrizione.
    await page.getByTestId('phase-enrolment').waitFor();
    await page.getByTestId('enrol').first().click();
    await expect.poll(() => page.getByTestId('enrolment').textContent()).toContain('Centro di Formazione Levante');
    await page.getByTestId('complete-phase').click();
    await expect.poll(() => page.getByTestId('skills-assessment-status').textContent()).toBe('completo');
    await page.getByTestId('document-enrolment').waitFor();

    const mail = await waitForMail(web.sys.database.db, email, (s) => s.includes('Ricevuta di iscrizione'));
    expect(mail.text).toContain(`Giulia Bianchi ${w}`);
    const admin = web.sys.client('it');
    await admin.login(org.users.admin.email, TEST_PASSWORD);
    const mails = await admin.get('/api/admin/mails?pageSize=50');
    const receipt = mails.body.items.find((m: { to: string[]; subject: string }) => m.to.includes(email) && m.subject.includes('Ricevuta'));
    expect(receipt.attachments.map((a: { filename: string }) => a.filename)).toEqual(['ricevuta-iscrizione.pdf']);
  });
});
