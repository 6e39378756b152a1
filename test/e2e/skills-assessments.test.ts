import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { createCpiOrganisation } from '../support/accreditations';
import { completeBilancioPhases, insertLogisticsCatalogue } from '../support/cpi-browser';
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
    await completeBilancioPhases(page);

    const mail = await waitForMail(web.sys.database.db, email, (s) => s.includes('Ricevuta di iscrizione'));
    expect(mail.text).toContain(`Giulia Bianchi ${w}`);
    const admin = web.sys.client('it');
    await admin.login(org.users.admin.email, TEST_PASSWORD);
    const mails = await admin.get('/api/admin/mails?pageSize=50');
    const receipt = mails.body.items.find((m: { to: string[]; subject: string }) => m.to.includes(email) && m.subject.includes('Ricevuta'));
    expect(receipt.attachments.map((a: { filename: string }) => a.filename)).toEqual(['ricevuta-iscrizione.pdf']);
  });
});
