// Job offers through the real API, real Postgres and the Temporal dev server with a worker: the
// contract section of API.md "Employment" (without candidate search): 201/400 naming
// employer.taxId/403/404 across organisations, the candidates' status flow and its refusals,
// the share link (only interested candidates, every view logged, 410 once revoked or expired,
// signed CV links), the referral sheet read back from the PDF, messages to candidates, follow-ups.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { PDFParse } from 'pdf-parse';
import { auditLog, bulkMessages, followUps, jobOfferShareViews, jobOfferShares, publicLinks } from '../../db/schema';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let other: TestOrganisation;
let ana: ApiClient; // professional
let sara: ApiClient; // supervisor
let signer: ApiClient;
let outsider: ApiClient; // another organisation's admin

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
  other = await createOrganisation(sys.database.db);
  const login = async (email: string) => {
    const c = sys.client();
    await c.login(email, TEST_PASSWORD);
    return c;
  };
  ana = await login(org.users.professional.email);
  sara = await login(org.users.supervisor.email);
  signer = await login(org.users.signer.email);
  outsider = await login(other.users.admin.email);
});
afterAll(async () => sys?.stop());

const offer = (over: Record<string, unknown> = {}) => ({
  title: 'Auxiliar de limpieza',
  description: 'Limpieza de oficinas, turno de mañana.',
  own: false,
  employer: { name: 'Limpiezas del Sur SL', taxId: 'b-1234567.4', contactName: 'Marta Ruiz', email: 'rrhh@limpiezas.example', phone: '+34 954 000 000' },
  vacancies: 2,
  province: 'Sevilla',
  municipality: 'Dos Hermanas',
  contractType: '501',
  salaryMin: 15000,
  salaryMax: 17000,
  startsOn: '2027-01-11',
  endsOn: '2027-02-28',
  criteria: { occupation: '9210', educationLevel: '10', minExperienceYears: 1, languages: [{ code: 'es', level: 'B2' }], licences: ['B'], ageMin: 18, ageMax: 65, availability: ['mornings'], province: 'Sevilla' },
  ...over,
});

async function newPerson(firstName: string) {
  const res = await ana.post('/api/persons', { firstName, lastName: `Candidata ${uniqueSuffix()}`, email: `${firstName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()}-${uniqueSuffix()}@example.org`, documentId: '12345678Z' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function pdfText(bytes: Uint8Array) {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

describe('job offers', () => {
  it('creates an offer (201), refuses a bad tax id naming the field (400), hides it from other organisations (404) and from other roles (403)', async () => {
    const created = await ana.post('/api/job-offers', offer());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;

    const badTaxId = await ana.post('/api/job-offers', offer({ employer: { name: 'X', taxId: 'B12345675' } }));
    expect(badTaxId.status).toBe(400);
    expect(badTaxId.body.error.details.fields).toEqual([expect.objectContaining({ path: 'employer.taxId', code: 'invalid_tax_id', message: expect.stringContaining('CIF, NIF o NIE') })]);
    const badContract = await ana.post('/api/job-offers', offer({ contractType: '999' }));
    expect(badContract.status).toBe(400);
    expect(badContract.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['contractType']);
    const badSalary = await ana.post('/api/job-offers', offer({ salaryMin: 20000, salaryMax: 10000 }));
    expect(badSalary.status).toBe(400);
    expect(badSalary.body.error.details.fields).toEqual([expect.objectContaining({ path: 'salaryMax', code: 'salary_range', message: 'El salario mínimo no puede superar al máximo.' })]);

    const badCriteria = await ana.post('/api/job-offers', offer({ criteria: { ageMin: 50, ageMax: 30, shoeSize: 42 } }));
    expect(badCriteria.status).toBe(400);
    expect(badCriteria.body.error.details.fields.map((f: { path: string; code: string }) => f.code)).toContain('unrecognized_keys');
    const badAges = await ana.post('/api/job-offers', offer({ criteria: { ageMin: 50, ageMax: 30 } }));
    expect(badAges.body.error.details.fields).toEqual([expect.objectContaining({ path: 'criteria.ageMax', code: 'age_range', message: 'La edad mínima no puede superar a la máxima.' })]);

    const got = await sara.get(`/api/job-offers/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      title: 'Auxiliar de limpieza',
      employer: { name: 'Limpiezas del Sur SL', taxId: 'B12345674' },
      status: 'open',
      vacancies: 2,
      placed: 0,
      contractType: '501',
      criteria: { occupation: '9210', languages: [{ code: 'es', level: 'B2' }] },
      workflowId: `job-offer-${id}`,
    });
    expect((await outsider.get(`/api/job-offers/${id}`)).status).toBe(404);
    expect((await outsider.patch(`/api/job-offers/${id}`, { title: 'Mío' })).status).toBe(404);
    expect((await signer.get(`/api/job-offers/${id}`)).status).toBe(403);
    expect((await signer.post('/api/job-offers', offer())).status).toBe(403);
    expect((await signer.get('/api/job-offers')).status).toBe(403);

    const list = await ana.get('/api/job-offers?status=open');
    expect(list.body.items.map((o: { id: string }) => o.id)).toContain(id);
    expect((await ana.get('/api/job-offers?status=closed')).body.items.map((o: { id: string }) => o.id)).not.toContain(id);
    expect((await outsider.get('/api/job-offers')).body.items.map((o: { id: string }) => o.id)).not.toContain(id);

    const patched = await ana.patch(`/api/job-offers/${id}`, { title: 'Auxiliar de limpieza (mañanas)', criteria: { occupation: '9210', cards: ['PRL-20H'] } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Auxiliar de limpieza (mañanas)', criteria: { occupation: '9210', cards: ['PRL-20H'] } });
  });

  it('moves candidates shortlisted → interested → sent to the company → placed (today by default), refusing the wrong moves; the last vacancy closes the offer', async () => {
    const id = (await ana.post('/api/job-offers', offer({ vacancies: 1 }))).body.id as string;
    const p1 = await newPerson('Lucía');
    const p2 = await newPerson('Rocío');
    const foreignPerson = (await outsider.post('/api/persons', { firstName: 'Ajena', lastName: uniqueSuffix() })).body.id as string;
    expect((await ana.post(`/api/job-offers/${id}/candidates`, { personId: foreignPerson })).status).toBe(404);
    expect((await ana.post(`/api/job-offers/${id}/candidates`, { personId: p1 })).status).toBe(201);
    expect((await ana.post(`/api/job-offers/${id}/candidates`, { personId: p2 })).status).toBe(201);
    const twice = await ana.post(`/api/job-offers/${id}/candidates`, { personId: p1 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('candidate_exists');

    const status = (personId: string, body: Record<string, unknown>) => ana.post(`/api/job-offers/${id}/candidates/${personId}/status`, body);
    const early = await status(p1, { status: 'placed' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'candidate_transition_not_allowed', message: 'El candidato está apuntado: no puede pasar a insertado.' });
    expect((await status(p1, { status: 'hired' })).status).toBe(400);
    expect((await status(p2, { status: 'not_interested' })).status).toBe(200);
    expect((await status(p1, { status: 'interested' })).status).toBe(200);
    expect((await status(p1, { status: 'sent_to_company' })).status).toBe(200);
    const placed = await status(p1, { status: 'placed' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(new Date());
    expect(placed.body).toMatchObject({ status: 'closed', closedReason: 'filled', placed: 1, placedOn: today, contractType: '501' });

    await expect.poll(async () => (await ana.get(`/api/job-offers/${id}`)).body.status).toBe('closed');
    const detail = (await ana.get(`/api/job-offers/${id}`)).body;
    const lucia = detail.candidateList.find((c: { personId: string }) => c.personId === p1);
    expect(lucia).toMatchObject({ status: 'placed', placedOn: today, contractType: '501', statusBy: org.users.professional.id });
    expect(lucia.history.map((h: { to: string }) => h.to)).toEqual(['shortlisted', 'interested', 'sent_to_company', 'placed']);
    expect(detail).toMatchObject({ closedReason: 'filled', placed: 1 });
    // Closed: nothing more changes.
    const late = await status(p2, { status: 'interested' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('job_offer_closed');
    const audit = await sys.database.db.select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'job_offer.candidate_placed')));
    expect(audit).toHaveLength(1);
  });

  it('shares the interested candidates with the company: only them, signed CV links, every view logged, 410 after revoke and after expiry', async () => {
    const id = (await ana.post('/api/job-offers', offer())).body.id as string;
    const interested = await newPerson('Elena');
    const shortlisted = await newPerson('Pilar');
    for (const p of [interested, shortlisted]) expect((await ana.post(`/api/job-offers/${id}/candidates`, { personId: p })).status).toBe(201);
    expect((await ana.post(`/api/job-offers/${id}/candidates/${interested}/status`, { status: 'interested' })).status).toBe(200);

    expect((await outsider.post(`/api/job-offers/${id}/share`, { expiresInDays: 7 })).status).toBe(404);
    const shared = await ana.post(`/api/job-offers/${id}/share`, { expiresInDays: 7 });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    expect(shared.body.url).toBe(`${sys.config.publicUrl}/empresa/ofertas/${shared.body.token}`);
    const token = shared.body.token as string;

    const company = sys.client('it');
    const view = await company.request('GET', `/api/public/shares/${token}`, undefined, { 'user-agent': 'EmpresaBrowser/1.0' });
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.offer).toMatchObject({ title: 'Auxiliar de limpieza', employer: 'Limpiezas del Sur SL' });
    expect(view.body.candidates).toHaveLength(1);
    expect(view.body.candidates[0].name).toMatch(/^Elena Candidata/);
    const cvUrl = view.body.candidates[0].cvUrl as string;
    expect(cvUrl).toMatch(new RegExp(`^/api/public/shares/${token}/candidates/${interested}/cv\\.pdf\\?exp=\\d+&sig=`));
    const cv = await company.getBytes(cvUrl);
    expect(cv.status).toBe(200);
    expect(cv.headers.get('content-type')).toBe('application/pdf');
    const cvText = await pdfText(cv.bytes);
    expect(cvText).toContain('Elena Candidata');
    expect(cvText).toContain('Candidatura a «Auxiliar de limpieza»');
    // A tampered signature, another candidate, or an expired signed link open nothing.
    expect((await company.getBytes(cvUrl.replace(/sig=.*/, 'sig=AAAA'))).status).toBe(404);
    expect((await company.getBytes(cvUrl.replace(interested, shortlisted))).status).toBe(404);
    expect((await company.getBytes(cvUrl.replace(/exp=\d+/, 'exp=1000'))).status).toBe(410);

    const [share] = await sys.database.db.select().from(jobOfferShares).where(eq(jobOfferShares.offerId, id));
    const views = await sys.database.db.select().from(jobOfferShareViews).where(eq(jobOfferShareViews.shareId, share.id));
    expect(views.map((v) => v.what).sort()).toEqual(['cv', 'offer']);
    expect(views.find((v) => v.what === 'offer')).toMatchObject({ userAgent: 'EmpresaBrowser/1.0' });
    expect(views.find((v) => v.what === 'cv')).toMatchObject({ personId: interested });
    const detail = (await ana.get(`/api/job-offers/${id}`)).body;
    expect(detail.shares).toEqual([expect.objectContaining({ id: share.id, views: 2, revokedAt: null })]);

    // Revoked: 410, in the company's language.
    expect((await outsider.post(`/api/job-offers/${id}/shares/${share.id}/revoke`)).status).toBe(404);
    expect((await ana.post(`/api/job-offers/${id}/shares/${share.id}/revoke`)).status).toBe(204);
    const revoked = await company.get(`/api/public/shares/${token}`);
    expect(revoked.status).toBe(410);
    expect(revoked.body.error).toMatchObject({ code: 'link_revoked', message: expect.stringContaining('annullato') });
    expect((await company.getBytes(cvUrl)).status).toBe(410);

    // Expired: 410 too.
    const second = (await ana.post(`/api/job-offers/${id}/share`, { expiresInDays: 1 })).body.token as string;
    expect((await company.get(`/api/public/shares/${second}`)).status).toBe(200);
    await sys.database.db.update(publicLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(and(eq(publicLinks.subjectId, id), eq(publicLinks.purpose, 'cv_share')));
    const expired = await company.get(`/api/public/shares/${second}`);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('link_expired');
    expect((await company.get(`/api/public/shares/${'x'.repeat(43)}`)).status).toBe(404);
  });

  it('prints the referral sheet naming the candidate and the offer, in the asked language', async () => {
    const id = (await ana.post('/api/job-offers', offer())).body.id as string;
    const p = await newPerson('Carmen');
    await ana.post(`/api/job-offers/${id}/candidates`, { personId: p });
    const es = await ana.getBytes(`/api/job-offers/${id}/candidates/${p}/referral-sheet.pdf`);
    expect(es.status).toBe(200);
    expect(es.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(es.bytes);
    expect(text).toContain('Ficha de derivación a oferta de empleo');
    expect(text).toMatch(/Carmen Candidata/);
    expect(text).toContain('12345678Z');
    expect(text).toContain('Auxiliar de limpieza');
    expect(text).toContain('Limpiezas del Sur SL (B12345674)');
    expect(text).toContain('Eventual (501)');
    const it = await pdfText((await ana.getBytes(`/api/job-offers/${id}/candidates/${p}/referral-sheet.pdf?lang=it`)).bytes);
    expect(it).toContain('Scheda di invio all’offerta di lavoro');
    const en = await pdfText((await ana.getBytes(`/api/job-offers/${id}/candidates/${p}/referral-sheet.pdf?lang=en`)).bytes);
    expect(en).toContain('Job offer referral sheet');
    expect((await outsider.getBytes(`/api/job-offers/${id}/candidates/${p}/referral-sheet.pdf`)).status).toBe(404);
    const stranger = await newPerson('Noelia');
    expect((await ana.getBytes(`/api/job-offers/${id}/candidates/${stranger}/referral-sheet.pdf`)).status).toBe(404);
  });

  it('messages favourites through the bulk send, and schedules a follow-up of the offer', async () => {
    const id = (await ana.post('/api/job-offers', offer())).body.id as string;
    const fav = await newPerson('Inés');
    const plain = await newPerson('Julia');
    for (const p of [fav, plain]) await ana.post(`/api/job-offers/${id}/candidates`, { personId: p });
    expect((await ana.post(`/api/job-offers/${id}/candidates/${fav}/favourite`, { favourite: true })).status).toBe(200);
    await expect.poll(async () => (await ana.get(`/api/job-offers/${id}`)).body.candidateList.find((c: { personId: string }) => c.personId === fav)?.favourite).toBe(true);
    const noPlaced = await ana.post(`/api/job-offers/${id}/messages`, { audience: 'placed', channel: 'email', subject: 'Oferta', body: 'Hola' });
    expect(noPlaced.status).toBe(422);
    const sent = await ana.post(`/api/job-offers/${id}/messages`, { audience: 'favourites', channel: 'email', subject: 'Entrevista', body: 'Hola {firstName}, te esperamos el lunes.' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body.total).toBe(1);
    const [bulk] = await sys.database.db.select().from(bulkMessages).where(eq(bulkMessages.id, sent.body.id));
    expect(bulk).toMatchObject({ total: 1, channel: 'email', subject: 'Entrevista' });
    expect((await ana.post(`/api/job-offers/${id}/messages`, { audience: 'one', channel: 'email', body: 'x' })).status).toBe(400);

    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const fu = await ana.post(`/api/job-offers/${id}/follow-ups`, { dueAt: due, note: 'Llamar a la empresa' });
    expect(fu.status, JSON.stringify(fu.body)).toBe(201);
    await expect.poll(async () => (await sys.database.db.select().from(followUps).where(eq(followUps.id, fu.body.id)))[0]?.ownerType).toBe('job_offer');
    await expect.poll(async () => (await ana.get(`/api/job-offers/${id}`)).body.followUps).toEqual([expect.objectContaining({ id: fu.body.id, note: 'Llamar a la empresa', status: 'scheduled' })]);
    expect((await ana.post(`/api/job-offers/${id}/follow-ups/${fu.body.id}/complete`, { outcome: 'Entrevistas el lunes' })).status).toBe(200);
    const again = await ana.post(`/api/job-offers/${id}/follow-ups/${fu.body.id}/cancel`, {});
    expect(again.status).toBe(409);
  });
});
