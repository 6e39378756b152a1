// What the CPI's browser tests share: a slot a few minutes ahead on the CPI's clock, a priority
// list CSV, a one-course training catalogue, and a bilancio driven through its four phases in
// Italian (the contract downloaded and its signed scan uploaded, the enrolment chosen).
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Db } from '../../db/client';
import { competences, trainingCourseProviders, trainingCourses, trainingProviders } from '../../db/schema';
import { toLocal } from '../../domain/working-days';

/**
 * A few minutes from now, as the CPI's clock (Rome) writes it in a datetime-local field; closer if
 * that would fall after midnight, so the appointment stays among today's.
 */
export function soonInRome(minutes: number): string {
  const now = toLocal(new Date(), 'Europe/Rome');
  const leftToday = 24 * 60 - (now.hour * 60 + now.minute);
  const ahead = leftToday > 2 ? Math.min(minutes, leftToday - 1) : minutes;
  const l = toLocal(new Date(Date.now() + ahead * 60_000), 'Europe/Rome');
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.year}-${p(l.month)}-${p(l.day)}T${p(l.hour)}:${p(l.minute)}`;
}

const LIST_HEADER = 'codice_fiscale;nome;cognome;data_nascita;provincia;beneficio';
/** A priority list file as the import field takes it. */
export const priorityListCsv = (rows: string[]) => ({ name: 'lista.csv', mimeType: 'text/csv', buffer: Buffer.from([LIST_HEADER, ...rows].join('\n')) });

export const CATALOGUE_PROVIDER = 'Centro di Formazione Levante';
/** One competence, one logistics course in Bari and one provider for it. */
export async function insertLogisticsCatalogue(db: Db, organisationId: string): Promise<void> {
  await db.insert(competences).values([{ organisationId, code: 'LOG01', name: 'Gestione delle merci in magazzino', sector: 'Logistica' }]);
  const [course] = await db.insert(trainingCourses).values({ organisationId, code: 'FOR-LOG-01', title: 'Addetto alla logistica di magazzino', sector: 'Logistica', competenceCodes: ['LOG01'], hours: 150, province: 'BA' }).returning();
  const [provider] = await db.insert(trainingProviders).values({ organisationId, code: 'ENTE-1', name: CATALOGUE_PROVIDER }).returning();
  await db.insert(trainingCourseProviders).values({ organisationId, courseId: course.id, providerId: provider.id, province: 'BA' });
}

/**
 * Save the phase's panels and wait for the server's answer. Waiting for the "Bozza salvata." toast
 * instead let the previous phase's toast, still fading, answer for this save: the page reloaded
 * before the save reached the server, completing found the panels empty and refused, and the
 * next phase never showed (a CI failure on a loaded machine).
 */
async function saveDraft(page: Page, phase: string): Promise<void> {
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/phases/${phase}`));
  await page.getByTestId('save-draft').click();
  expect((await saved).status()).toBe(200);
}

/** After "Completa fase": the next phase, or the refusal said aloud (rather than a bare timeout). */
async function completeTo(page: Page, next: string): Promise<void> {
  await page.getByTestId('complete-phase').click();
  await expect.poll(async () => ((await page.getByTestId(`phase-${next}`).isVisible()) ? 'shown' : ((await page.getByTestId('phase-refusal').count()) ? await page.getByTestId('phase-refusal').textContent() : 'waiting')), { timeout: 30_000 }).toBe('shown');
}

/** From the open bilancio's preliminary phase to `completo`, with the catalogue above. */
export async function completeBilancioPhases(page: Page): Promise<void> {
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
  await completeTo(page, 'investigative');

  // Investigativa.
  await page.getByTestId('panel-text-education').locator('textarea').fill('Diploma di ragioneria');
  await page.getByTestId('panel-text-experience').locator('textarea').fill('Magazziniera 2012-2024');
  await page.getByTestId('competence-codes').click();
  await page.keyboard.type('LOG01');
  await page.keyboard.press('Enter');
  await page.getByTestId('interest-sectors').locator('input').fill('Logistica');
  await saveDraft(page, 'investigative');
  await completeTo(page, 'repositioning');

  // Riposizionamento: the course ranked with its score explained.
  await page.getByTestId('project-sector').locator('input').fill('Logistica');
  await page.getByTestId('project-province').locator('input').fill('BA');
  await page.getByTestId('panel-text-project').locator('textarea').fill('Addetta alla logistica');
  await page.getByTestId('panel-text-plan').locator('textarea').fill('Corso di 150 ore');
  await page.getByTestId('panel-text-feedback').locator('textarea').fill('Progetto condiviso');
  await saveDraft(page, 'repositioning');
  await page.reload();
  await expect.poll(() => page.getByTestId('course').first().textContent()).toContain('1 competenza in comune');
  await completeTo(page, 'enrolment');

  // Iscrizione.
  await page.getByTestId('enrol').first().click();
  await expect.poll(() => page.getByTestId('enrolment').textContent()).toContain(CATALOGUE_PROVIDER);
  await page.getByTestId('complete-phase').click();
  await expect.poll(() => page.getByTestId('skills-assessment-status').textContent()).toBe('completo');
  await page.getByTestId('document-enrolment').waitFor();
}
