// Skills assessments through the real API, real Postgres, the Temporal dev server with a worker
// and the SMTP capture: the contract section of API.md, in Italian (the CPI's language): 409
// naming the phase to complete first, the signed scan checked by content, matching courses with
// their score explained, the enrolment, every PDF read back, the receipt mailed as an attachment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { PDFParse } from 'pdf-parse';
import { capturedMails, competences, organisations, trainingCourseProviders, trainingCourses, trainingProviders, users } from '../../db/schema';
import { codiceFiscaleCheckCharacter } from '../../domain/identity-documents';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { accreditUser, createCpiOrganisation } from '../support/accreditations';
import { addUserOutsideTeams, TEST_PASSWORD, uniqueSuffix, waitForMail, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let other: TestOrganisation;
let operatore: ApiClient;
let colleague: ApiClient;
let colleagueId: string;
let supervisor: ApiClient;
let signer: ApiClient;
let outsider: ApiClient;
let course: { id: string; providerId: string; otherProviderId: string };

beforeAll(async () => {
  sys = await startTestSystem();
  const db = sys.database.db;
  // Two CPIs with accredited operators: the CPI workspace is behind the accreditation gate.
  org = await createCpiOrganisation(db, { accredited: true });
  other = await createCpiOrganisation(db, { accredited: true });
  await db.update(organisations).set({ name: `CPI Bari ${uniqueSuffix()}` }).where(eq(organisations.id, org.id));
  await db.update(users).set({ locale: 'it' }).where(eq(users.organisationId, org.id));
  const login = async (email: string) => {
    const c = sys.client('it');
    await c.login(email, TEST_PASSWORD);
    return c;
  };
  operatore = await login(org.users.professional.email);
  supervisor = await login(org.users.supervisor.email);
  signer = await login(org.users.signer.email);
  const colleagueUser = await addUserOutsideTeams(db, org, 'professional');
  colleagueId = colleagueUser.id;
  await accreditUser(db, colleagueUser, { organisationId: org.id });
  colleague = await login(colleagueUser.email);
  outsider = await login(other.users.admin.email);
  // A small catalogue: one course matching on competences, sector and province, one only on sector, one without a provider.
  await db.insert(competences).values([
    { organisationId: org.id, code: 'LOG01', name: 'Gestione del magazzino', sector: 'Logistica' },
    { organisationId: org.id, code: 'LOG02', name: 'Conduzione di carrelli elevatori', sector: 'Logistica' },
    { organisationId: org.id, code: 'ICT01', name: 'Uso del foglio di calcolo', sector: 'ICT' },
  ]);
  const [c1, c2, c3] = await db
    .insert(trainingCourses)
    .values([
      { organisationId: org.id, code: 'C-LOG-1', title: 'Carrellista e magazziniere', sector: 'Logistica', competenceCodes: ['LOG01', 'LOG02'], hours: 120, province: 'BA' },
      { organisationId: org.id, code: 'C-LOG-2', title: 'Logistica internazionale', sector: 'Logistica', competenceCodes: ['LOG09'], hours: 200, province: 'LE' },
      { organisationId: org.id, code: 'C-ICT-1', title: 'Excel avanzato', sector: 'ICT', competenceCodes: ['ICT01', 'LOG01'], hours: 40, province: 'BA' },
    ])
    .returning();
  const [p1, p2] = await db
    .insert(trainingProviders)
    .values([
      { organisationId: org.id, code: 'ENTE-1', name: 'Ente Formazione Bari' },
      { organisationId: org.id, code: 'ENTE-2', name: 'Accademia Salento' },
    ])
    .returning();
  await db.insert(trainingCourseProviders).values([
    { organisationId: org.id, courseId: c1.id, providerId: p1.id, province: 'BA' },
    { organisationId: org.id, courseId: c2.id, providerId: p2.id, province: 'LE' },
    { organisationId: org.id, courseId: c2.id, providerId: p1.id, province: 'BA' },
  ]);
  void c3;
  course = { id: c1.id, providerId: p1.id, otherProviderId: p2.id };
});
afterAll(async () => sys?.stop());

async function pdfText(path: string, client: ApiClient) {
  const cookie = (client as unknown as { cookies: Map<string, string> }).cookies;
  const res = await sys.app.request(path, { headers: { cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join('; ') } });
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

function upload(client: ApiClient, id: string, bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return client.request('POST', `/api/skills-assessments/${id}/phases/preliminary/contract`, form);
}
const PDF_SCAN = new TextEncoder().encode('%PDF-1.4\n% scansione del contratto firmato\n%%EOF\n');
const PNG_SCAN = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

async function newWorker() {
  const first15 = `BNCGLI85M41A662`;
  const cf = first15 + codiceFiscaleCheckCharacter(first15);
  const email = `giulia-${uniqueSuffix()}@example.org`;
  const person = await operatore.post('/api/persons', { firstName: 'Giulia', lastName: 'Bianchi', email, documentId: cf });
  expect(person.status, JSON.stringify(person.body)).toBe(201);
  return { personId: person.body.id as string, email, cf };
}

describe('[bilancio] the four phases through the API', () => {
  it('start, contract, out-of-order 409s, readiness, courses, enrolment, documents and the emailed receipt', async () => {
    const w = await newWorker();
    expect((await signer.post('/api/skills-assessments', { personId: w.personId })).status).toBe(403);
    expect((await outsider.post('/api/skills-assessments', { personId: w.personId })).status).toBe(404);
    // Started from the worker's appointment: one that does not exist here → 404; another person's → 422;
    // a colleague's on another day → 403 (from a colleague's, only on its day).
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    const booked = await operatore.post('/api/appointments', { personId: w.personId, startsAt: inDays(2) });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const someoneElse = await operatore.post('/api/persons', { firstName: 'Luca', lastName: `Verdi ${uniqueSuffix()}` });
    const theirs = await operatore.post('/api/appointments', { personId: someoneElse.body.id, startsAt: inDays(2) });
    const colleagues = await operatore.post('/api/appointments', { personId: w.personId, startsAt: inDays(3), operatorId: colleagueId });
    expect((await operatore.post('/api/skills-assessments', { personId: w.personId, appointmentId: 'app-123' })).status).toBe(404);
    const wrongPerson = await operatore.post('/api/skills-assessments', { personId: w.personId, appointmentId: theirs.body.id });
    expect([wrongPerson.status, wrongPerson.body.error.code]).toEqual([422, 'appointment_not_usable']);
    // The refusals the "Avvia bilancio" buttons show, in the operator's Italian.
    expect(wrongPerson.body.error.message).toBe('Il bilancio parte da un appuntamento di questa persona che non sia stato annullato né segnato come assenza.');
    const notToday = await operatore.post('/api/skills-assessments', { personId: w.personId, appointmentId: colleagues.body.id });
    expect([notToday.status, notToday.body.error.code]).toEqual([403, 'appointment_of_colleague']);
    expect(notToday.body.error.message).toBe('Da un appuntamento di un collega si può avviare il bilancio solo il giorno dell’appuntamento.');
    const created = await operatore.post('/api/skills-assessments', { personId: w.personId, appointmentId: booked.body.id });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), phase: 'preliminary' });
    // The same appointment again: the bilancio it started, not a second one.
    const sameAppointment = await operatore.post('/api/skills-assessments', { personId: w.personId, appointmentId: booked.body.id });
    expect([sameAppointment.status, sameAppointment.body.id]).toEqual([201, created.body.id]);
    const id = created.body.id as string;
    const base = `/api/skills-assessments/${id}`;

    // 404 across organisations, 403 for a role that works no cases and for a colleague who is not its operator.
    expect((await outsider.get(base)).status).toBe(404);
    expect((await outsider.put(`${base}/phases/preliminary`, { panels: { needs: { text: 'x' } } })).status).toBe(404);
    expect((await signer.get(base)).status).toBe(403);
    const notMine = await colleague.put(`${base}/phases/preliminary`, { panels: { needs: { text: 'x' } } });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('forbidden_not_operator');
    expect((await upload(colleague, id, PDF_SCAN, 'c.pdf')).status).toBe(403);

    const detail = await operatore.get(base);
    expect(detail.body).toMatchObject({ id, personId: w.personId, phase: 'preliminary', status: 'in_progress', appointmentId: booked.body.id, canWork: true });
    expect(detail.body.phases.map((p: { phase: string; status: string; completedAt: null }) => [p.phase, p.status, p.completedAt])).toEqual([
      ['preliminary', 'in_progress', null],
      ['investigative', 'pending', null],
      ['repositioning', 'pending', null],
      ['enrolment', 'pending', null],
    ]);

    // Out of order: 409 naming the phase that must come first, in Italian.
    const early = await operatore.post(`${base}/phases/repositioning/complete`);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'phase_out_of_order', message: 'Prima va completata la fase preliminare.', details: { required: 'preliminary' } });
    expect((await operatore.put(`${base}/phases/investigative`, { panels: { education: { text: 'x' } } })).body.error.code).toBe('phase_out_of_order');
    const notReady = await operatore.post(`${base}/phases/preliminary/complete`);
    expect(notReady.status).toBe(409);
    expect(notReady.body.error.message).toBe('Per completare la fase preliminare compila: Bisogni e aspettative.');
    expect((await operatore.put(`${base}/phases/preliminary`, { panels: { needs: { text: 'Vuole lavorare nella logistica' } } })).status).toBe(200);
    const noScan = await operatore.post(`${base}/phases/preliminary/complete`);
    expect(noScan.body.error).toMatchObject({ code: 'contract_missing', message: expect.stringContaining('contratto firmato') });
    // 400 for a file that is not a PDF, JPEG or PNG whatever its name says.
    const fake = await upload(operatore, id, new TextEncoder().encode('MZ not a pdf'), 'contratto.pdf');
    expect(fake.status).toBe(400);
    expect(fake.body.error.code).toBe('contract_type_not_allowed');

    // The contract to print: worker's name, codice fiscale, the CPI, the clauses.
    const contract = await pdfText(`${base}/documents/contract.pdf`, operatore);
    expect(contract).toContain('Contratto di bilancio delle competenze');
    expect(contract).toContain('Giulia Bianchi');
    expect(contract).toContain(w.cf);
    expect(contract).toContain('CPI Bari');
    expect(contract).toContain('Firma del lavoratore');
    expect(contract).toContain('riservati');
    expect((await operatore.get(`${base}/documents/investigative.pdf`)).status).toBe(409);

    expect((await upload(operatore, id, PNG_SCAN, 'contratto-firmato.png')).status).toBe(200);
    expect((await operatore.get(base)).body.contract).toMatchObject({ name: 'contratto-firmato.png', mediaType: 'image/png' });
    expect((await operatore.post(`${base}/phases/preliminary/complete`)).body).toMatchObject({ phase: 'investigative', status: 'in_progress' });
    const again = await operatore.post(`${base}/phases/preliminary/complete`);
    expect(again.body.error).toMatchObject({ code: 'phase_already_complete' });

    // Investigative: panels saved one at a time, completing emails its PDF.
    await operatore.put(`${base}/phases/investigative`, { panels: { education: { text: 'Diploma di ragioneria (2004)' }, experience: { text: 'Magazziniere presso Rossi Srl, 2010-2023' } } });
    const half = await operatore.post(`${base}/phases/investigative/complete`);
    expect(half.body.error.message).toBe('Per completare la fase investigativa compila: Competenze, Interessi.');
    await operatore.put(`${base}/phases/investigative`, { panels: { competences: { codes: ['LOG01', 'LOG02'] }, interests: { sectors: ['Logistica'] }, constraints: { text: 'Nessuno' } } });
    expect((await operatore.post(`${base}/phases/investigative/complete`)).status).toBe(200);
    const summary = await pdfText(`${base}/documents/investigative.pdf`, operatore);
    expect(summary).toContain('sintesi della fase investigativa');
    expect(summary).toContain('Giulia Bianchi');
    expect(summary).toContain('Magazziniere presso Rossi Srl');
    expect(summary).toContain('Gestione del magazzino');

    // Repositioning: courses ranked with at least one provider in the worker's province, score explained.
    await operatore.put(`${base}/phases/repositioning`, { panels: { project: { text: 'Carrellista', sector: 'Logistica', province: 'BA' } } });
    const courses = await operatore.get(`${base}/courses`);
    expect(courses.status).toBe(200);
    expect(courses.body.map((c: { title: string; score: number }) => [c.title, c.score])).toEqual([
      ['Carrellista e magazziniere', 100],
      ['Logistica internazionale', 25],
    ]);
    expect(courses.body[0].why).toMatchObject({ sectorMatch: true, provinceMatch: true, text: '2 competenze in comune: Gestione del magazzino, Conduzione di carrelli elevatori · stesso settore (Logistica) · in provincia di BA' });
    expect(courses.body[0].providers).toEqual([{ providerId: course.providerId, name: 'Ente Formazione Bari', province: 'BA' }]);
    expect((await operatore.post(`${base}/enrolment`, { courseId: course.id, providerId: course.providerId })).body.error.code).toBe('phase_out_of_order');
    await operatore.put(`${base}/phases/repositioning`, { panels: { plan: { text: 'Patentino del carrello entro due mesi' }, feedback: { text: 'Progetto condiviso con il lavoratore' } } });
    expect((await operatore.post(`${base}/phases/repositioning/complete`)).status).toBe(200);
    const repositioning = await pdfText(`${base}/documents/repositioning.pdf`, operatore);
    expect(repositioning).toContain('riposizionamento');
    expect(repositioning).toContain('Patentino del carrello');
    expect(repositioning).toContain('Carrellista e magazziniere');

    // Enrolment: the provider must run the course; the receipt is mailed with the PDF attached.
    const wrong = await operatore.post(`${base}/enrolment`, { courseId: course.id, providerId: course.otherProviderId });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('provider_not_candidate');
    expect((await operatore.post(`${base}/phases/enrolment/complete`)).body.error.code).toBe('enrolment_missing');
    expect((await operatore.post(`${base}/enrolment`, { courseId: course.id, providerId: course.providerId })).status).toBe(200);
    expect((await operatore.post(`${base}/phases/enrolment/complete`)).body).toMatchObject({ status: 'complete', phase: 'enrolment' });
    const receipt = await pdfText(`${base}/documents/enrolment.pdf`, operatore);
    expect(receipt).toContain('Ricevuta di iscrizione');
    expect(receipt).toContain('Giulia Bianchi');
    expect(receipt).toContain('Carrellista e magazziniere');
    expect(receipt).toContain('Ente Formazione Bari');

    const mail = await waitForMail(sys.database.db, w.email, (s) => s.includes('Ricevuta di iscrizione'));
    expect(mail).toBeTruthy();
    await expect
      .poll(async () => (await sys.database.db.select().from(capturedMails)).filter((m) => m.to.includes(w.email)).map((m) => m.attachments.map((a) => a.filename)).flat().sort())
      .toEqual(['ricevuta-iscrizione.pdf', 'riposizionamento.pdf', 'sintesi-fase-investigativa.pdf']);
    const admin = sys.client('it');
    await admin.login(org.users.admin.email, TEST_PASSWORD);
    const mails = await admin.get('/api/admin/mails?pageSize=50');
    const receiptMail = mails.body.items.find((m: { subject: string; to: string[] }) => m.to.includes(w.email) && m.subject.includes('Ricevuta'));
    expect(receiptMail.attachments).toEqual([{ filename: 'ricevuta-iscrizione.pdf', contentType: 'application/pdf', size: expect.any(Number) }]);
    expect(receiptMail.text).toContain('Gentile Giulia Bianchi');

    const final = await supervisor.get(base);
    expect(final.body).toMatchObject({ status: 'complete', enrolment: { courseTitle: 'Carrellista e magazziniere', providerName: 'Ente Formazione Bari' } });
    expect(final.body.phases.every((p: { status: string; completedAt: string | null }) => p.status === 'complete' && p.completedAt)).toBe(true);
    expect((await operatore.put(`${base}/phases/enrolment`, { panels: { notes: { text: 'x' } } })).body.error.code).toBe('assessment_complete');

    const complete = await operatore.get('/api/skills-assessments?status=complete&operatorId=me');
    expect(complete.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const inProgress = await operatore.get('/api/skills-assessments?status=in_progress');
    expect(inProgress.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await outsider.get('/api/skills-assessments')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });
});

describe('[bilancio] the competences repertoire and the training catalogue', () => {
  it('admins import the sample CSVs and an XLSX, all or nothing with errors per line in Italian, and edit; others may only read', async () => {
    const cpi = await createCpiOrganisation(sys.database.db, { accredited: true });
    const admin = sys.client('it');
    await admin.login(cpi.users.admin.email, TEST_PASSWORD);
    const professional = sys.client('it');
    await professional.login(cpi.users.professional.email, TEST_PASSWORD);
    const send = (client: ApiClient, kind: string, bytes: Uint8Array | string, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>)]), name);
      return client.request('POST', `/api/training-catalogue/${kind}/import`, form);
    };
    const sample = (file: string) => readFileSync(join(__dirname, '../../db/seed/cpi', file), 'utf8');

    expect((await send(professional, 'competences', sample('competenze.csv'), 'competenze.csv')).status).toBe(403);
    expect((await send(admin, 'competences', sample('competenze.csv'), 'competenze.csv')).body).toEqual({ imported: 14 });
    // Providers name courses that must exist: refused whole before the courses are there.
    const early = await send(admin, 'providers', sample('enti.csv'), 'enti.csv');
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe('import_invalid');
    expect(early.body.error.details.lines[0]).toEqual({ line: 2, message: 'Riga 2: il corso «FOR-LOG-01» non è nel catalogo.' });
    expect((await send(admin, 'courses', sample('corsi.csv'), 'corsi.csv')).body).toEqual({ imported: 11 });
    expect((await send(admin, 'providers', sample('enti.csv'), 'enti.csv')).body).toEqual({ imported: 14 });

    // An XLSX (exceljs) with one good row and two bad ones: nothing is written, each line named.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Corsi');
    sheet.addRow(['Codice', 'Titolo', 'Settore', 'Competenze', 'Ore', 'Provincia']);
    sheet.addRow(['FOR-NEW-01', 'Magazziniere specializzato', 'Logistica', 'LOG01;LOG02', 80, 'BA']);
    sheet.addRow(['FOR-NEW-02', '', 'Logistica', 'LOG01', 'tante', 'BA']);
    sheet.addRow(['FOR-NEW-01', 'Doppione', 'Logistica', '', 10, 'BA']);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const bad = await send(admin, 'courses', xlsx, 'corsi.xlsx');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Il file contiene errori: niente è stato importato.');
    expect(bad.body.error.details.lines.map((l: { message: string }) => l.message)).toEqual([
      'Riga 3: manca «titolo».',
      'Riga 3: «ore» deve essere un numero intero.',
      'Riga 4: il codice «FOR-NEW-01» è ripetuto.',
    ]);
    expect((await professional.get('/api/training-catalogue/courses')).body.total).toBe(11);
    const fixed = new ExcelJS.Workbook();
    fixed.addWorksheet('Corsi').addRows([sheet.getRow(1).values, sheet.getRow(2).values].map((v) => (v as unknown[]).slice(1)));
    const good = await send(admin, 'courses', new Uint8Array(await fixed.xlsx.writeBuffer()), 'corsi.xlsx');
    expect(good.body, JSON.stringify(good.body)).toEqual({ imported: 1 });
    const courses = (await professional.get('/api/training-catalogue/courses')).body;
    expect(courses.total).toBe(12);
    const carrellista = courses.items.find((c: { code: string }) => c.code === 'FOR-LOG-02');
    expect(carrellista).toMatchObject({ title: 'Carrellista (patentino conduzione carrelli elevatori)', competenceCodes: ['LOG02', 'LOG01'], hours: 24, province: 'BA' });
    expect(carrellista.providers.map((p: { name: string }) => p.name).sort()).toEqual(['Centro di Formazione Professionale Levante', 'Scuola Edile e Sicurezza Bari']);
    expect((await send(admin, 'courses', 'not,a\n"broken', 'x.csv')).body.error.code).toMatch(/import_/);

    // Admins edit; professionals cannot.
    expect((await professional.patch(`/api/training-catalogue/courses/${carrellista.id}`, { hours: 30 })).status).toBe(403);
    expect((await admin.patch(`/api/training-catalogue/courses/${carrellista.id}`, { hours: 30, province: 'bt' })).body).toMatchObject({ hours: 30, province: 'BT' });
    const competence = (await professional.get('/api/training-catalogue/competences')).body.items.find((c: { code: string }) => c.code === 'LOG02');
    expect((await admin.patch(`/api/training-catalogue/competences/${competence.id}`, { name: 'Conduzione di carrelli elevatori e transpallet' })).body.name).toBe('Conduzione di carrelli elevatori e transpallet');
    expect((await outsider.patch(`/api/training-catalogue/competences/${competence.id}`, { name: 'x' })).status).toBe(404);
  });
});
