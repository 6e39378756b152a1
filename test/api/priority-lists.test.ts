// Priority lists and appointments of the CPI through the real API, Postgres, Temporal with a
// worker: the import (all or nothing, errors per line in Italian), matching person files by
// codice fiscale, verifications that forbid booking (422 worker_excluded), the convocation state,
// the XLSX export read back with exceljs, and access (403 for non-CPI staff, 404 across CPIs).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, persons } from '../../db/schema';
import { formatInstant } from '../../domain/dates';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { accreditUser, createCpiOrganisation } from '../support/accreditations';
import { addUserOutsideTeams, createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let cpi: TestOrganisation;
let otherCpi: TestOrganisation;
let social: TestOrganisation;
let operatore: ApiClient; // professional of the CPI, reading Italian
let collega: ApiClient; // supervisor of the same CPI
let signer: ApiClient;
let outsider: ApiClient; // another CPI's professional
let socialWorker: ApiClient; // a professional of a social-services organisation

beforeAll(async () => {
  sys = await startTestSystem();
  // Their operators are accredited (the CPI's gate); one operator added below is not.
  cpi = await createCpiOrganisation(sys.database.db, { accredited: true });
  otherCpi = await createCpiOrganisation(sys.database.db, { accredited: true });
  social = await createOrganisation(sys.database.db);
  const login = async (email: string, locale = 'it') => {
    const c = sys.client(locale);
    await c.login(email, TEST_PASSWORD);
    return c;
  };
  operatore = await login(cpi.users.professional.email);
  collega = await login(cpi.users.supervisor.email);
  signer = await login(cpi.users.signer.email);
  outsider = await login(otherCpi.users.professional.email);
  socialWorker = await login(social.users.professional.email, 'es');
});
afterAll(async () => sys?.stop());

function upload(name: string, fileName: string, content: string | Buffer) {
  const form = new FormData();
  form.set('name', name);
  form.set('file', new File([typeof content === 'string' ? content : new Uint8Array(content)], fileName));
  return form;
}

const HEADER = 'codice_fiscale;nome;cognome;data_nascita;provincia;beneficio';
const ROWS = [
  'RSSMRA85T10A562S;Mario;Rossi;10/12/1985;BA;NASpI',
  'BNCLRA92M52F205H;Laura;Bianchi;12/08/1992;LE;',
  'VRDGPP80A01A662A;Giuseppe;Verdi;01/01/1980;TA;Mobilità',
];

describe('[liste di priorità] import, verifications, convocation, export', () => {
  it('imports all or nothing, matches person files by codice fiscale, forbids booking an excluded worker', async () => {
    // Laura is already known to this CPI: she keeps her person file.
    const known = await operatore.post('/api/persons', { firstName: 'Laura', lastName: 'Bianchi', documentId: 'BNCLRA92M52F205H', email: 'laura.bianchi@example.org' });
    expect(known.status, JSON.stringify(known.body)).toBe(201);

    // Access: a signer, a social-services professional → 403; nobody without a session.
    expect((await signer.request('POST', '/api/priority-lists', upload('x', 'l.csv', `${HEADER}\n${ROWS[0]}`))).status).toBe(403);
    const refused = await socialWorker.request('POST', '/api/priority-lists', upload('x', 'l.csv', `${HEADER}\n${ROWS[0]}`));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_cpi_staff');
    expect((await sys.client().get('/api/priority-lists')).status).toBe(401);
    // An operator of this CPI without an approved accreditation: 403 not_accredited, saying where to ask;
    // once accredited, the same call goes through.
    const newcomer = await addUserOutsideTeams(sys.database.db, cpi);
    const newcomerClient = sys.client('it');
    await newcomerClient.login(newcomer.email, TEST_PASSWORD);
    for (const path of ['/api/priority-lists', `/api/appointments?date=2026-12-09`]) {
      const gated = await newcomerClient.get(path);
      expect(gated.status, path).toBe(403);
      expect(gated.body.error.code).toBe('not_accredited');
      expect(gated.body.error.message).toContain('Accreditamento');
    }
    await accreditUser(sys.database.db, newcomer, { organisationId: cpi.id });
    expect((await newcomerClient.get('/api/priority-lists')).status).toBe(200);

    // One bad line: nothing is imported and every problem is named by its line, in Italian.
    const bad = await operatore.request('POST', '/api/priority-lists', upload('Mobilità 2011', 'lista.csv', [HEADER, ROWS[0], 'RSSMRA85T10A562T;Mario;Neri;10/12/1985;BA;', ROWS[2].replace(';TA;', ';ZZ;')].join('\n')));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Il file ha 2 righe con errori; non è stato importato nulla.');
    expect(bad.body.error.details.lines.map((l: { message: string }) => l.message)).toEqual([
      'Riga 3: codice fiscale «RSSMRA85T10A562T» non valido (formato o carattere di controllo)',
      'Riga 4: «ZZ» non è la sigla di una provincia italiana (BA, LE, TA…)',
    ]);
    expect((await operatore.get('/api/priority-lists')).body.total).toBe(0);

    const created = await operatore.request('POST', '/api/priority-lists', upload('Mobilità 2011/2012', 'lista.csv', [HEADER, ...ROWS].join('\n')));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ imported: 3, newPersons: 2, matched: 1 });
    const listId = created.body.id as string;
    const lists = await operatore.get('/api/priority-lists');
    expect(lists.body.items).toMatchObject([{ id: listId, name: 'Mobilità 2011/2012', workerCount: 3 }]);

    const workers = await operatore.get(`/api/priority-lists/${listId}/workers`);
    expect(workers.body.total).toBe(3);
    expect(workers.body.items.map((w: { lastName: string; convocation: string; verification: unknown }) => [w.lastName, w.convocation, w.verification])).toEqual([
      ['Rossi', 'not_convoked', null],
      ['Bianchi', 'not_convoked', null],
      ['Verdi', 'not_convoked', null],
    ]);
    const laura = workers.body.items[1];
    expect(laura.personId).toBe(known.body.id);
    const mario = workers.body.items[0];
    const [marioFile] = await sys.database.db.select().from(persons).where(eq(persons.id, mario.personId));
    expect(marioFile).toMatchObject({ organisationId: cpi.id, documentId: 'RSSMRA85T10A562S', documentType: 'codice_fiscale', birthDate: '1985-12-10', firstName: 'Mario' });

    // Another CPI sees nothing of it.
    expect((await outsider.get(`/api/priority-lists/${listId}/workers`)).status).toBe(404);
    expect((await outsider.post(`/api/priority-lists/${listId}/workers/${mario.personId}/verification`, { outcome: 'eligible' })).status).toBe(404);
    expect((await outsider.post('/api/appointments', { personId: mario.personId, startsAt: new Date(Date.now() + 86_400_000).toISOString() })).status).toBe(404);

    // Verification: excluded for an active employment relationship → booking refused, saying why and since when.
    const excluded = await operatore.post(`/api/priority-lists/${listId}/workers/${mario.personId}/verification`, { outcome: 'excluded_employed', note: 'Assunto a tempo indeterminato dal 3 marzo' });
    expect(excluded.status, JSON.stringify(excluded.body)).toBe(200);
    const startsAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const refusedBooking = await operatore.post('/api/appointments', { personId: mario.personId, startsAt });
    expect(refusedBooking.status).toBe(422);
    expect(refusedBooking.body.error.code).toBe('worker_excluded');
    const today = formatInstant(new Date(), 'it', 'Europe/Rome', 'date');
    expect(refusedBooking.body.error.message).toBe(`Non si può fissare un appuntamento per Mario Rossi: escluso per rapporto di lavoro in corso (verifica del ${today}).`);
    expect((await operatore.get(`/api/priority-lists/${listId}/workers?verification=excluded_employed`)).body.items.map((w: { lastName: string }) => w.lastName)).toEqual(['Rossi']);

    // Eligible clears it; the history keeps both, and the audit log has them.
    await collega.post(`/api/priority-lists/${listId}/workers/${mario.personId}/verification`, { outcome: 'eligible' });
    const history = await operatore.get(`/api/priority-lists/${listId}/workers/${mario.personId}/verifications`);
    expect(history.body.items.map((v: { outcome: string }) => v.outcome)).toEqual(['eligible', 'excluded_employed']);
    const audited = await sys.database.db.select().from(auditLog).where(eq(auditLog.personId, mario.personId));
    expect(audited.filter((a) => a.action === 'priority_list.verification_recorded')).toHaveLength(2);

    // Booked for a colleague of the same CPI; another CPI's operator is not a colleague.
    expect((await operatore.post('/api/appointments', { personId: mario.personId, startsAt, operatorId: otherCpi.users.professional.id })).status).toBe(404);
    const booked = await operatore.post('/api/appointments', { personId: mario.personId, startsAt, operatorId: cpi.users.supervisor.id, durationMinutes: 45 });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    await expect.poll(async () => (await operatore.get(`/api/priority-lists/${listId}/workers?convocation=booked`)).body.items.map((w: { lastName: string }) => w.lastName), { timeout: 10_000 }).toEqual(['Rossi']);
    expect((await operatore.get(`/api/priority-lists/${listId}/workers?convocation=not_convoked`)).body.total).toBe(2);

    // Renounced also forbids booking, for every list the worker is on.
    await operatore.post(`/api/priority-lists/${listId}/workers/${laura.personId}/verification`, { outcome: 'renounced', note: 'Rinuncia scritta' });
    const renounced = await operatore.post('/api/appointments', { personId: laura.personId, startsAt });
    expect(renounced.status).toBe(422);
    expect(renounced.body.error.message).toContain('ha rinunciato');

    // "Estrai su file excel" with the filters: a real XLSX, header row, typed cells.
    const file = await operatore.getBytes(`/api/priority-lists/${listId}/export.xlsx?verification=eligible`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, 'Codice fiscale', 'Cognome', 'Nome', 'Data di nascita', 'Provincia', 'Beneficio', 'Convocazione', 'Verifica', 'Nota', 'Verificato il']);
    expect(ws.rowCount).toBe(2);
    const row = ws.getRow(2);
    expect(row.getCell(1).value).toBe('RSSMRA85T10A562S');
    expect(row.getCell(4).value).toEqual(new Date(Date.UTC(1985, 11, 10)));
    expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(4).numFmt).toBe('dd/mm/yyyy');
    expect(row.getCell(6).value).toBe('NASpI');
    expect(row.getCell(7).value).toBe('Appuntamento fissato');
    expect(row.getCell(8).value).toBe('idoneo');
    expect(row.getCell(10).type).toBe(ExcelJS.ValueType.Date);
    const all = new ExcelJS.Workbook();
    await all.xlsx.load((await operatore.getBytes(`/api/priority-lists/${listId}/export.xlsx`)).bytes as unknown as ArrayBuffer);
    expect(all.worksheets[0].rowCount).toBe(4);
    expect((await outsider.getBytes(`/api/priority-lists/${listId}/export.xlsx`)).status).toBe(404);
  });

  it('reads an XLSX upload', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Foglio1');
    ws.addRow(['codice_fiscale', 'nome', 'cognome', 'data_nascita', 'provincia']);
    ws.addRow(['FRRNNA70L45L049Q', 'Anna', 'Ferri', new Date(Date.UTC(1970, 6, 5)), 'TA']);
    const res = await operatore.request('POST', '/api/priority-lists', upload('Lista XLSX', 'lista.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.imported).toBe(1);
  });
});

describe('[appuntamenti] booking, today, archive, outcome, cancel, reschedule', () => {
  async function worker(first: string, last: string) {
    const p = await operatore.post('/api/persons', { firstName: first, lastName: last, email: `${first.toLowerCase()}@example.org` });
    expect(p.status).toBe(201);
    return p.body.id as string;
  }

  it('lists today’s and the archive, records the outcome, cancels and reschedules through the workflow', async () => {
    const personId = await worker('Giulia', 'Esposito');
    // A minute ahead: today in Rome (the outcome can be recorded from the appointment's day).
    const soon = new Date(Date.now() + 60_000);
    const booked = await operatore.post('/api/appointments', { personId, startsAt: soon.toISOString() });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const id = booked.body.id as string;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(soon);
    const today = await collega.get(`/api/appointments?date=${day}`);
    expect(today.body.items.map((a: { id: string }) => a.id)).toContain(id);
    expect((await collega.get(`/api/appointments?date=${day}&operatorId=${cpi.users.supervisor.id}`)).body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    expect((await outsider.get(`/api/appointments/${id}`)).status).toBe(404);
    // The shared calendar shows it to its operator beside their follow-ups (not to a colleague).
    const calendar = await operatore.get(`/api/calendar?from=${day}&to=${day}`);
    expect(calendar.body.items.filter((i: { type: string }) => i.type === 'appointment')).toEqual([
      expect.objectContaining({ id, dueAt: new Date(soon).toISOString(), status: 'booked', personName: 'Giulia Esposito', owner: expect.objectContaining({ type: 'appointment', id }) }),
    ]);
    expect((await collega.get(`/api/calendar?from=${day}&to=${day}`)).body.items.some((i: { id: string }) => i.id === id)).toBe(false);
    expect((await socialWorker.get(`/api/appointments?date=${day}`)).status).toBe(403);

    // Booked later than a working day before: the worker is reminded at once, in Italian.
    await expect.poll(async () => (await operatore.get(`/api/persons/${personId}/messages`)).body.items.map((m: { subject: string }) => m.subject), { timeout: 15_000 }).toEqual([expect.stringMatching(/^Promemoria: appuntamento al /)]);

    const outcome = await operatore.post(`/api/appointments/${id}/outcome`, { outcome: 'attended' });
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
    expect(outcome.body.status).toBe('attended');
    const again = await operatore.post(`/api/appointments/${id}/cancel`, { reason: 'errore' });
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    await expect.poll(async () => (await operatore.get(`/api/appointments/${id}`)).body.status).toBe('attended');
    const detail = await operatore.get(`/api/appointments/${id}`);
    expect(detail.body.history.map((e: { action: string }) => e.action)).toEqual(['booked', 'reminded', 'attended']);

    // Another, rescheduled then cancelled; the archive lists both, newest first, filterable by status.
    const later = new Date(Date.now() + 5 * 86_400_000);
    const second = (await operatore.post('/api/appointments', { personId, startsAt: later.toISOString() })).body.id as string;
    const moved = new Date(later.getTime() + 86_400_000);
    const rescheduled = await operatore.post(`/api/appointments/${second}/reschedule`, { startsAt: moved.toISOString(), durationMinutes: 60 });
    expect(rescheduled.status, JSON.stringify(rescheduled.body)).toBe(200);
    expect(new Date(rescheduled.body.startsAt).getTime()).toBe(moved.getTime());
    expect((await operatore.post(`/api/appointments/${second}/reschedule`, { startsAt: new Date(Date.now() - 3_600_000).toISOString() })).body.error.code).toBe('appointment_in_past');
    expect((await operatore.post(`/api/appointments/${second}/outcome`, { outcome: 'no_show' })).body.error.code).toBe('appointment_not_started');
    const cancelled = await operatore.post(`/api/appointments/${second}/cancel`, { reason: 'Il lavoratore ha trovato lavoro' });
    expect(cancelled.body.status).toBe('cancelled');
    await expect.poll(async () => (await operatore.get(`/api/appointments?personId=${personId}`)).body.items.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
      [second, 'cancelled'],
      [id, 'attended'],
    ]);
    expect((await operatore.get(`/api/appointments?personId=${personId}&status=cancelled`)).body.total).toBe(1);
    const past = await operatore.post('/api/appointments', { personId, startsAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(422);
    expect(past.body.error.message).toBe('L’appuntamento deve essere nel futuro.');

    // Deleting the person ends their booked appointment's workflow: no reminder goes to a deleted person.
    const third = (await operatore.post('/api/appointments', { personId, startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString() })).body.id as string;
    const admin = sys.client('it');
    await admin.login(cpi.users.admin.email, TEST_PASSWORD);
    expect((await admin.delete(`/api/persons/${personId}`)).status).toBe(204);
    expect((await sys.temporal.workflow.getHandle(`appointment-${third}`).describe()).status.name).toBe('TERMINATED');
    expect((await operatore.get(`/api/appointments?personId=${personId}`)).body.total).toBe(0);
  });
});
