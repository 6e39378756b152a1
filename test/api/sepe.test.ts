// The SEPE ENPI file through the real API and Postgres (API.md "Employment"): the file of a month
// with placements and of one with none, the annual file, each validated against XML_ENPI v1.1;
// 422 sepe_data_incomplete listing each person's problems (and the check endpoint listing the
// same), 400 for a bad period, 409 without the agency code, 403 for other roles, another
// organisation's persons never in the file, and the record of files with the bytes' SHA-256.
// Persons and CVs go through the API; job offers and candidates are written to their tables
// directly (the offer workflow's projection), so placements can sit in past periods.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, jobOfferCandidates, jobOffers } from '../../db/schema';
import { validateSepeXml } from '../../platform/sepe-xml-validator';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';

const AGENCY = '9900000001';
let sys: TestSystem;
let org: TestOrganisation;
let other: TestOrganisation;
let noAgency: TestOrganisation;
let professional: ApiClient;
let italian: ApiClient;
let signer: ApiClient;
let outsider: ApiClient;
let noAgencyAdmin: ApiClient;

const persons: Record<string, string> = {};

beforeAll(async () => {
  sys = await startTestSystem({ withWorker: false });
  org = await createOrganisation(sys.database.db, { settings: { sepeAgencyCode: AGENCY } });
  other = await createOrganisation(sys.database.db, { settings: { sepeAgencyCode: '0800000002' } });
  noAgency = await createOrganisation(sys.database.db);
  const login = async (email: string, locale = 'es') => {
    const c = sys.client(locale);
    await c.login(email, TEST_PASSWORD);
    return c;
  };
  professional = await login(org.users.professional.email);
  italian = await login(org.users.supervisor.email, 'it');
  signer = await login(org.users.signer.email);
  outsider = await login(other.users.professional.email);
  noAgencyAdmin = await login(noAgency.users.admin.email);

  // March 2026: Ana placed on the 10th (temporary full-time, 401), Benito registered on the 5th,
  // Carla shortlisted on the 20th; Dolores registered in February only (not in March).
  persons.ana = await person(professional, { firstName: 'Ana', lastName: 'de la Fuente Ibáñez', birthDate: '1985-04-12' }, { documentId: '12345678Z', sex: 'female', registered: '2025-11-03' });
  persons.benito = await person(professional, { firstName: 'Benito', lastName: 'Muñoz', birthDate: '1990-01-30' }, { documentId: 'X1234567L', sex: 'male', registered: '2026-03-05' });
  persons.carla = await person(professional, { firstName: 'Carla', lastName: 'Peña Ruiz', birthDate: '1979-09-09' }, { documentId: '87654321X', sex: 'female', registered: '2025-01-10' });
  persons.dolores = await person(professional, { firstName: 'Dolores', lastName: 'Soto', birthDate: '1970-02-02' }, { documentId: '11111111H', sex: 'female', registered: '2026-02-20' });
  // June 2025: Ernesto placed (annual file 2025).
  persons.ernesto = await person(professional, { firstName: 'Ernesto', lastName: 'Gil Gil', birthDate: '1968-06-06' }, { documentId: '22222222J', sex: 'male', registered: '2024-12-01' });
  // April 2026: Gema registered without NIF, birth date, sex or education.
  persons.gema = await person(professional, { firstName: 'Gema', lastName: 'Lara' }, { documentId: null, sex: null, registered: '2026-04-02', education: [] });
  // Another organisation's person registered in March 2026.
  persons.outsider = await person(outsider, { firstName: 'Olga', lastName: 'Ajena', birthDate: '1980-01-01' }, { documentId: '33333333P', sex: 'female', registered: '2026-03-05' });

  const offer = await seedOffer(org, { createdAt: '2026-03-02T09:00:00Z', vacancies: 2, contractType: '001' });
  await seedCandidate(org, offer, persons.ana, { status: 'placed', at: '2026-03-10T10:00:00Z', placedOn: '2026-03-10', contractType: '401', history: ['shortlisted', 'interested', 'sent_to_company', 'placed'] });
  await seedCandidate(org, offer, persons.carla, { status: 'shortlisted', at: '2026-03-20T10:00:00Z', history: ['shortlisted'] });
  const old = await seedOffer(org, { createdAt: '2025-05-02T09:00:00Z', vacancies: 1, contractType: '003', closedAt: '2025-06-20T09:00:00Z' });
  await seedCandidate(org, old, persons.ernesto, { status: 'placed', at: '2025-06-15T10:00:00Z', placedOn: '2025-06-15', contractType: null, history: ['shortlisted', 'interested', 'placed'] });
  // The other organisation places its person in March 2026 too.
  const otherOffer = await seedOffer(other, { createdAt: '2026-03-01T09:00:00Z', vacancies: 1, contractType: '001' });
  await seedCandidate(other, otherOffer, persons.outsider, { status: 'placed', at: '2026-03-11T10:00:00Z', placedOn: '2026-03-11', contractType: '001', history: ['shortlisted', 'interested', 'placed'] });
}, 120_000);
afterAll(async () => sys?.stop());

async function person(
  client: ApiClient,
  data: { firstName: string; lastName: string; birthDate?: string },
  cv: { documentId: string | null; sex: 'male' | 'female' | null; registered: string; education?: Array<{ level: string; title: string; centre: null; year: null }> },
) {
  const res = await client.post('/api/persons', data);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as string;
  const saved = await client.put(`/api/persons/${id}/cv`, {
    documentId: cv.documentId,
    profile: { sex: cv.sex, disability: false, disabilityPercent: null, immigrant: cv.documentId?.startsWith('X') ?? false, unemploymentBenefit: true, insertionGroups: [], agencyRegisteredOn: cv.registered },
    availability: { workingTime: 'full_time', shifts: [], travel: false },
    education: cv.education ?? [{ level: 'vocational_intermediate', title: 'Técnico', centre: null, year: null }],
    courses: [],
    experience: [],
    languages: [],
    drivingLicences: [],
    cards: [],
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return id;
}

async function seedOffer(o: TestOrganisation, v: { createdAt: string; vacancies: number; contractType: '001' | '003' | '401' | '501'; closedAt?: string }) {
  const [row] = await sys.database.db
    .insert(jobOffers)
    .values({
      organisationId: o.id,
      own: false,
      employerName: 'Construcciones Ibáñez S.L.',
      employerTaxId: 'B12345674',
      title: 'Peón de obra',
      vacancies: v.vacancies,
      province: 'Zaragoza',
      contractType: v.contractType,
      workflowId: `job-offer-test-${Math.random()}`,
      createdBy: o.users.professional.id,
      status: v.closedAt ? 'closed' : 'open',
      closedAt: v.closedAt ? new Date(v.closedAt) : null,
      createdAt: new Date(v.createdAt),
    })
    .returning({ id: jobOffers.id });
  return row.id;
}

async function seedCandidate(
  o: TestOrganisation,
  offerId: string,
  personId: string,
  v: { status: 'placed' | 'shortlisted'; at: string; placedOn?: string; contractType?: '001' | '003' | '401' | '501' | null; history: string[] },
) {
  const statuses = v.history;
  await sys.database.db.insert(jobOfferCandidates).values({
    offerId,
    personId,
    organisationId: o.id,
    status: v.status,
    statusAt: new Date(v.at),
    placedOn: v.placedOn ?? null,
    contractType: v.contractType ?? null,
    addedAt: new Date(v.at),
    history: statuses.map((to, i) => ({ at: v.at, by: o.users.professional.id, from: (i ? statuses[i - 1] : null) as never, to: to as never })),
  });
}

async function download(client: ApiClient, period: string) {
  const res = await client.getBytes(`/api/sepe/enpi.xml?period=${period}`);
  return { ...res, xml: Buffer.from(res.bytes).toString('latin1') };
}
const all = (xml: string, element: string) => [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, 'g'))].map((m) => m[1]);
const one = (xml: string, element: string) => all(xml, element)[0];

describe('GET /api/sepe/enpi.xml', () => {
  it('a month with a placement: an ISO-8859-1 attachment, valid against XML_ENPI v1.1, one ACCION per person attended with the placement’s data', async () => {
    const res = await download(professional, '202603');
    expect(res.status, res.xml).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=ISO-8859-1');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="ENPI_${AGENCY}_202603.xml"`);
    expect(res.xml.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>')).toBe(true);
    // Latin-1 bytes: Ñ is one byte (0xD1), as SEPE reads AÑO_MES_ENVIO.
    expect(Buffer.from(res.bytes).includes(Buffer.from([0xd1]))).toBe(true);
    const validation = await validateSepeXml(res.bytes, 'enpi');
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);

    expect(one(res.xml, 'CODIGO_AGENCIA')).toBe(AGENCY);
    expect(one(res.xml, 'AÑO_MES_ENVIO')).toBe('202603');
    // Ana (placed), Benito (registered) and Carla (shortlisted) in March; not Dolores, not the other organisation's person.
    expect(all(res.xml, 'ID_TRABAJADOR').sort()).toEqual(['12345678Z', '87654321X', 'X1234567L']);
    expect(res.xml).not.toContain('11111111H');
    expect(res.xml).not.toContain('33333333P');
    expect(all(res.xml, 'COLOCACION').sort()).toEqual(['N', 'N', 'S']);
    const ana = /<ACCION>(?:(?!<\/ACCION>)[\s\S])*12345678Z[\s\S]*?<\/ACCION>/.exec(res.xml)![0];
    expect(one(ana, 'APELLIDO1_TRABAJADOR')).toBe('de la Fuente');
    expect(one(ana, 'APELLIDO2_TRABAJADOR')).toBe('Ibáñez');
    expect(one(ana, 'FECHA_NACIMIENTO')).toBe('19850412');
    expect(one(ana, 'SEXO_TRABAJADOR')).toBe('2');
    expect(one(ana, 'NIVEL_FORMATIVO')).toBe('20');
    expect(one(ana, 'FECHA_COLOCACION')).toBe('20260310');
    expect(one(ana, 'TIPO_CONTRATO')).toBe('401');
    expect(one(ana, 'CIF_NIF_EMPRESA')).toBe('B12345674');
    expect(one(ana, 'RAZON_SOCIAL_EMPRESA')).toBe('Construcciones Ibáñez S.L.');

    expect(one(res.xml, 'TOTAL_PERSONAS')).toBe('3');
    expect(one(res.xml, 'TOTAL_NUEVAS_REGISTRADAS')).toBe('1');
    expect(one(res.xml, 'TOTAL_OFERTAS')).toBe('1');
    expect(one(res.xml, 'TOTAL_PUESTOS')).toBe('2');
    expect(one(res.xml, 'TOTAL_PUESTOS_CUBIERTOS')).toBe('1');
    expect(one(res.xml, 'TOTAL_OFERTAS_CUBIERTAS')).toBe('0');
    expect(one(res.xml, 'TOTAL_OFERTAS_ENVIADAS')).toBe('1');
    expect(one(res.xml, 'TOTAL_CONTRATOS')).toBe('1');
    expect(one(res.xml, 'TOTAL_CONTRATOS_INDEFINIDOS')).toBe('0');
    expect(one(res.xml, 'TOTAL_PERSONAS_COLOCADAS')).toBe('1');

    // The record of files: who, when, the SHA-256 of exactly these bytes; and the audit log.
    const files = await professional.get('/api/sepe/files');
    expect(files.status).toBe(200);
    const record = files.body.items.find((f: { period: string }) => f.period === '202603');
    expect(record).toMatchObject({ kind: 'enpi', fileName: `ENPI_${AGENCY}_202603.xml`, records: 3, byteSize: res.bytes.byteLength, generatedBy: org.users.professional.name });
    expect(record.sha256).toBe(createHash('sha256').update(res.bytes).digest('hex'));
    const audit = await sys.database.db.select().from(auditLog).where(and(eq(auditLog.subjectId, record.id), eq(auditLog.action, 'sepe.file_generated')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organisationId: org.id, actorId: org.users.professional.id });
  });

  it('a month with nobody attended: a valid file with no ACCION and zero totals', async () => {
    const res = await download(professional, '202601');
    expect(res.status, res.xml).toBe(200);
    expect((await validateSepeXml(res.bytes, 'enpi')).valid).toBe(true);
    expect(res.xml).not.toContain('<ACCION>');
    expect(one(res.xml, 'TOTAL_PERSONAS')).toBe('0');
    expect(one(res.xml, 'TOTAL_PERSONAS_COLOCADAS')).toBe('0');
  });

  it('the annual file (YYYY99) covers the whole year: June’s placement, contract from the offer when the candidate has none', async () => {
    const res = await download(professional, '202599');
    expect(res.status, res.xml).toBe(200);
    expect((await validateSepeXml(res.bytes, 'enpi')).valid).toBe(true);
    expect(one(res.xml, 'AÑO_MES_ENVIO')).toBe('202599');
    expect(res.headers.get('content-disposition')).toContain(`ENPI_${AGENCY}_202599.xml`);
    // Ernesto (placed in June, registered in 2024), Ana and Carla (registered in 2025).
    expect(all(res.xml, 'ID_TRABAJADOR').sort()).toEqual(['12345678Z', '22222222J', '87654321X']);
    expect(one(res.xml, 'FECHA_COLOCACION')).toBe('20250615');
    expect(one(res.xml, 'TIPO_CONTRATO')).toBe('003');
    expect(one(res.xml, 'TOTAL_CONTRATOS_INDEFINIDOS')).toBe('1');
    expect(one(res.xml, 'TOTAL_OFERTAS_CUBIERTAS')).toBe('1');
  });

  it('422 sepe_data_incomplete lists each person with what is missing, and the check endpoint lists the same', async () => {
    const res = await professional.get('/api/sepe/enpi.xml?period=202604');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('sepe_data_incomplete');
    expect(res.body.error.message).toMatch(/no sería válido/);
    const gema = res.body.error.details.problems.find((p: { personId: string }) => p.personId === persons.gema);
    expect(gema.name).toBe('Lara, Gema');
    expect(gema.problems.map((p: { field: string }) => p.field)).toEqual(['id', 'birthDate', 'sex', 'educationLevel']);
    expect(gema.problems.map((p: { message: string }) => p.message)).toContain('Falta la fecha de nacimiento.');

    const check = await professional.get('/api/sepe/check?period=202604');
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ kind: 'enpi', period: '202604', from: '2026-04-01', to: '2026-04-30', agencyCode: AGENCY, attended: 1, placed: 0, ready: false });
    expect(check.body.problems).toEqual(res.body.error.details.problems);
    // In the reader's language.
    const it = await italian.get('/api/sepe/check?period=202604');
    expect(it.body.problems[0].problems.find((p: { field: string }) => p.field === 'birthDate').message).toBe('Manca la data di nascita.');
    // No file was recorded for the refused period.
    const files = await professional.get('/api/sepe/files');
    expect(files.body.items.some((f: { period: string }) => f.period === '202604')).toBe(false);
    // A clean period checks ready.
    const clean = await professional.get('/api/sepe/check?period=202603');
    expect(clean.body).toMatchObject({ ready: true, attended: 3, placed: 1, problems: [] });
  });

  it('400 names the period: bad format, month 13, a year SEPE does not take, the current month', async () => {
    const now = new Date();
    const current = `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    for (const [period, code] of [['2026-3', 'period_format'], ['202613', 'period_format'], ['200912', 'period_year_out_of_range'], [current, 'period_not_closed']]) {
      const res = await professional.get(`/api/sepe/enpi.xml?period=${period}`);
      expect(res.status, period).toBe(400);
      expect(res.body.error.details.fields[0]).toMatchObject({ path: 'period', code });
      const check = await professional.get(`/api/sepe/check?period=${period}`);
      expect(check.status, period).toBe(400);
    }
    const res = await professional.get('/api/sepe/enpi.xml?period=202613');
    expect(res.body.error.details.fields[0].message).toBe('El periodo debe ser AAAAMM, o AAAA99 para el anual.');
  });

  it('409 without an agency code, pointing to the organisation settings; the check lists it as the organisation’s problem', async () => {
    const res = await noAgencyAdmin.get('/api/sepe/enpi.xml?period=202603');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('sepe_agency_code_missing');
    expect(res.body.error.message).toMatch(/Administración → Organización/);
    const check = await noAgencyAdmin.get('/api/sepe/check?period=202603');
    expect(check.status).toBe(200);
    expect(check.body.problems).toEqual([{ personId: null, name: null, problems: [expect.objectContaining({ field: 'agencyCode', code: 'agency_code_missing' })] }]);
  });

  it('another organisation sees only its own persons and files; a signer is refused (403)', async () => {
    const res = await download(outsider, '202603');
    expect(res.status).toBe(200);
    expect(all(res.xml, 'ID_TRABAJADOR')).toEqual(['33333333P']);
    expect(res.xml).not.toContain('12345678Z');
    const check = await outsider.get('/api/sepe/check?period=202604');
    expect(check.body.problems).toEqual([]);
    const files = await outsider.get('/api/sepe/files');
    expect(files.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['ENPI_0800000002_202603.xml']);

    for (const path of ['/api/sepe/enpi.xml?period=202603', '/api/sepe/check?period=202603', '/api/sepe/files']) {
      const refused = await signer.get(path);
      expect(refused.status, path).toBe(403);
    }
  });
});
