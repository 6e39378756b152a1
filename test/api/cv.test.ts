// The CV of a person file through the real API, Postgres and Temporal (API.md, Employment):
// saved and read back with SEPE's codes, NIF/NIE checked naming the field, 404 across
// organisations, 403 for roles without persons.update, the cards catalogue (autocomplete, admins
// extend it), each card's expiry reminder workflow following the CV, and the PDF read back in
// Spanish and Italian.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { professionalCardStateQuery, professionalCardWorkflowId } from '../../workflows/professional-card.definitions';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let other: TestOrganisation;
let professional: ApiClient;
let admin: ApiClient;
let signer: ApiClient;
let outsider: ApiClient;
let italian: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db, { settings: { professionalCardReminderDays: 30 } });
  other = await createOrganisation(sys.database.db);
  const login = async (email: string, locale = 'es') => {
    const c = sys.client(locale);
    await c.login(email, TEST_PASSWORD);
    return c;
  };
  professional = await login(org.users.professional.email);
  admin = await login(org.users.admin.email);
  signer = await login(org.users.signer.email);
  italian = await login(org.users.supervisor.email, 'it');
  outsider = await login(other.users.admin.email);
});
afterAll(async () => sys?.stop());

async function newPerson(firstName = 'Lucía', lastName = 'Martín Pérez') {
  const res = await professional.post('/api/persons', { firstName, lastName, birthDate: '1988-05-14', email: 'lucia@example.org' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function cardId(q: string) {
  const res = await professional.get(`/api/professional-cards?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  expect(res.body.items.length, q).toBeGreaterThan(0);
  return res.body.items[0].id as string;
}

const addDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function pdfText(client: ApiClient, personId: string) {
  const started = performance.now();
  const res = await client.getBytes(`/api/persons/${personId}/cv.pdf`);
  const ms = performance.now() - started;
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const parser = new PDFParse({ data: res.bytes });
  try {
    return { text: (await parser.getText()).text.replace(/\s+/g, ' '), ms, disposition: res.headers.get('content-disposition'), serverMs: Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1]) };
  } finally {
    await parser.destroy();
  }
}

const cv = (cards: Array<{ id?: string; cardId: string; expiresOn: string | null }>, documentId: string | null = '12.345.678-z') => ({
  documentId,
  profile: { sex: 'female', disability: true, disabilityPercent: 33, immigrant: false, unemploymentBenefit: true, insertionGroups: ['over_45'], agencyRegisteredOn: '2026-11-02' },
  availability: { workingTime: 'full_time', shifts: ['morning', 'afternoon'], travel: true },
  education: [
    { level: 'lower_secondary', title: 'Graduado en ESO', centre: 'IES Miguel Servet', year: 2004 },
    { level: 'vocational_intermediate', title: 'Técnico en Soldadura y Calderería', centre: 'CIFP Corona de Aragón', year: 2007 },
  ],
  courses: [{ name: 'Soldadura TIG', hours: 120, centre: 'INAEM', year: 2019 }],
  experience: [{ employer: 'Talleres Ebro S.L.', occupation: 'Soldadora', category: 'oficial_1', startDate: '2015-03-01', endDate: null }],
  languages: [{ language: 'Inglés', level: 'B1' }, { language: 'Español', level: 'native' }],
  drivingLicences: ['B', 'C1'],
  cards,
});

describe('CV of the person file', () => {
  it('saves the whole CV and reads it back with the SEPE codes, the NIF normalised on the person file and an activity entry', async () => {
    const id = await newPerson();
    const forklift = await cardId('carretill');
    const food = await cardId('manipulador alimentos');
    const saved = await professional.put(`/api/persons/${id}/cv`, cv([{ cardId: forklift, expiresOn: '2031-03-31' }, { cardId: food, expiresOn: null }]));
    expect(saved.status).toBe(200);
    const read = await professional.get(`/api/persons/${id}/cv`);
    expect(read.body).toMatchObject({
      documentId: '12345678Z',
      profile: { sex: 'female', disability: true, disabilityPercent: 33, immigrant: false, unemploymentBenefit: true, insertionGroups: ['over_45'], agencyRegisteredOn: '2026-11-02' },
      availability: { workingTime: 'full_time', shifts: ['morning', 'afternoon'], travel: true },
      experience: [{ employer: 'Talleres Ebro S.L.', category: 'oficial_1', startDate: '2015-03-01', endDate: null }],
      drivingLicences: ['B', 'C1'],
      sepe: { educationLevel: '20', sex: '2', disability: 'S', immigrant: 'N' },
    });
    expect(read.body.education.map((e: { title: string }) => e.title)).toEqual(['Graduado en ESO', 'Técnico en Soldadura y Calderería']);
    // 30 days before the expiry, at 09:00 in Madrid (summer time: 07:00 UTC).
    expect(read.body.cards).toEqual([
      expect.objectContaining({ cardId: forklift, name: 'Carnet de carretillero (carretillas elevadoras)', expiresOn: '2031-03-31', reminderAt: '2031-03-01T08:00:00.000Z' }),
      expect.objectContaining({ cardId: food, name: 'Manipulador de alimentos', expiresOn: null, reminderAt: null }),
    ]);
    expect((await professional.get(`/api/persons/${id}`)).body).toMatchObject({ documentId: '12345678Z', documentType: 'dni' });
    // The card with an expiry has its reminder waiting; the one without has none.
    const handle = sys.temporal.workflow.getHandle(professionalCardWorkflowId(read.body.cards[0].id));
    await expect.poll(async () => (await handle.query(professionalCardStateQuery)).status).toBe('waiting');
    expect((await handle.query(professionalCardStateQuery)).reminderAt).toBe('2031-03-01T08:00:00.000Z');
    const activity = await professional.get(`/api/persons/${id}/activity`);
    expect(activity.body.items[0]).toMatchObject({ action: 'person.cv_updated' });
    expect(activity.body.items[0].details.sections).toEqual(expect.arrayContaining(['documentId', 'education', 'experience', 'cards']));

    // Saved again: the card keeps its id; a new expiry moves the reminder; a card left out is deleted and its reminder cancelled.
    const cards = read.body.cards as Array<{ id: string; cardId: string }>;
    const moved = await professional.put(`/api/persons/${id}/cv`, cv([{ id: cards[0].id, cardId: forklift, expiresOn: '2032-06-30' }]));
    expect(moved.status).toBe(200);
    expect(moved.body.cards).toEqual([expect.objectContaining({ id: cards[0].id, expiresOn: '2032-06-30', reminderAt: '2032-05-31T07:00:00.000Z' })]);
    expect((await handle.query(professionalCardStateQuery)).reminderAt).toBe('2032-05-31T07:00:00.000Z');
    const removed = await professional.put(`/api/persons/${id}/cv`, cv([]));
    expect(removed.body.cards).toEqual([]);
    expect((await handle.result()).status).toBe('removed');
  });

  it('refuses a wrong NIF/NIE naming documentId, and a card of no catalogue naming its place', async () => {
    const id = await newPerson('Karim', 'Benali');
    const badLetter = await professional.put(`/api/persons/${id}/cv`, cv([], '12345678A'));
    expect(badLetter.status).toBe(400);
    expect(badLetter.body.error.code).toBe('invalid_input');
    expect(badLetter.body.error.details.fields).toEqual([expect.objectContaining({ path: 'documentId', code: 'invalid_nif' })]);
    const passport = await professional.put(`/api/persons/${id}/cv`, cv([], 'AB1234567'));
    expect(passport.body.error.details.fields).toEqual([expect.objectContaining({ path: 'documentId', code: 'invalid_nif' })]);
    const nie = await professional.put(`/api/persons/${id}/cv`, cv([], 'x1234567l'));
    expect(nie.status).toBe(200);
    expect(nie.body.documentId).toBe('X1234567L');
    expect((await professional.get(`/api/persons/${id}`)).body.documentType).toBe('nie');

    const foreignCard = (await outsider.get('/api/professional-cards?q=soldador')).body.items[0].id;
    const unknown = await professional.put(`/api/persons/${id}/cv`, cv([{ cardId: foreignCard, expiresOn: addDays(200) }]));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields).toEqual([expect.objectContaining({ path: 'cards.0.cardId', code: 'unknown_card' })]);
    const badDates = await professional.put(`/api/persons/${id}/cv`, { ...cv([]), experience: [{ employer: 'X', occupation: 'Y', startDate: '2020-01-01', endDate: '2019-01-01' }] });
    expect(badDates.body.error.details.fields).toEqual([expect.objectContaining({ path: 'experience.0.endDate' })]);
  });

  it('hides another organisation’s person (404) and refuses roles without persons.update (403)', async () => {
    const id = await newPerson('Ana', 'Ruiz');
    expect((await outsider.get(`/api/persons/${id}/cv`)).status).toBe(404);
    expect((await outsider.put(`/api/persons/${id}/cv`, cv([]))).status).toBe(404);
    expect((await outsider.getBytes(`/api/persons/${id}/cv.pdf`)).status).toBe(404);
    const refused = await signer.put(`/api/persons/${id}/cv`, cv([]));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await signer.get(`/api/persons/${id}/cv`)).body.education).toEqual([]);
    // An admin may take the rule away from professionals, and they are refused too.
    expect((await admin.put('/api/permission-rules', { rules: [{ role: 'professional', permission: 'persons.update', allowed: false }] })).status).toBe(200);
    expect((await professional.put(`/api/persons/${id}/cv`, cv([]))).status).toBe(403);
    expect((await admin.put('/api/permission-rules', { rules: [{ role: 'professional', permission: 'persons.update', allowed: true }] })).status).toBe(200);
    expect((await professional.put(`/api/persons/${id}/cv`, cv([]))).status).toBe(200);
  });

  it('offers the cards catalogue by autocomplete, accents ignored; admins add and retire cards', async () => {
    const found = await professional.get('/api/professional-cards?q=CONSTRUCCION 20');
    expect(found.body.items.map((c: { code: string }) => c.code)).toEqual(['prl_construccion_20h']);
    expect((await professional.post('/api/professional-cards', { code: 'buceo', name: 'Buceador profesional' })).status).toBe(403);
    const created = await admin.post('/api/professional-cards', { code: 'buceo', name: 'Buceador profesional' });
    expect(created.status).toBe(201);
    expect((await admin.post('/api/professional-cards', { code: 'buceo', name: 'Otro' })).status).toBe(409);
    expect((await professional.get('/api/professional-cards?q=bucea')).body.items).toEqual([expect.objectContaining({ name: 'Buceador profesional' })]);
    expect((await outsider.get('/api/professional-cards?q=bucea')).body.items).toEqual([]);
    expect((await outsider.patch(`/api/professional-cards/${created.body.id}`, { active: false })).status).toBe(404);
    expect((await admin.patch(`/api/professional-cards/${created.body.id}`, { active: false })).status).toBe(200);
    expect((await professional.get('/api/professional-cards?q=bucea')).body.items).toEqual([]);
    expect((await admin.get('/api/professional-cards?all=true')).body.items).toContainEqual(expect.objectContaining({ code: 'buceo', active: false }));
  });

  it('prints the CV in the reader’s language: Spanish and Italian', async () => {
    const id = await newPerson();
    const forklift = await cardId('carretill');
    expect((await professional.put(`/api/persons/${id}/cv`, cv([{ cardId: forklift, expiresOn: '2031-03-31' }]))).status).toBe(200);
    const es = await pdfText(professional, id);
    expect(es.disposition).toBe('attachment; filename="curriculum-lucia-martin-perez.pdf"');
    for (const expected of ['Currículum vitae', 'Lucía Martín Pérez', 'NIF/NIE: 12345678Z', 'EXPERIENCIA LABORAL', 'Soldadora · Talleres Ebro S.L.', 'Oficial 1ª', 'FORMACIÓN ACADÉMICA', 'FP de grado medio', 'Soldadura TIG', '120 h', 'Inglés: B1', 'Español: Lengua materna', 'Carnet de carretillero', 'caduca el 31 mar 2031', 'B, C1', 'Jornada completa', 'Disponibilidad para viajar: Sí']) {
      expect(es.text, expected).toContain(expected);
    }
    const it = await pdfText(italian, id);
    for (const expected of ['Curriculum vitae', 'ESPERIENZA LAVORATIVA', 'Operaio specializzato di 1° livello', 'ISTRUZIONE', 'Qualifica professionale', 'Inglés: B1', 'Madrelingua', 'PATENTINI PROFESSIONALI', 'scade il 31 mar 2031', 'Tempo pieno', 'Disponibilità a viaggiare: Sì']) {
      expect(it.text, expected).toContain(expected);
    }
    expect(it.text).not.toContain('Experiencia laboral');
    console.info(`CV PDF: ${es.serverMs.toFixed(1)} ms to render (server), ${es.ms.toFixed(1)} ms request (es); ${it.serverMs.toFixed(1)} ms (it)`);
  });
});
