// The demo data a newcomer finds on the first start (`npm start` on an empty database), made
// through the services the API uses: seeded once for all the modules below, on a database of this
// file's own (the seed runs on an empty database only), because each seeding starts every demo
// workflow and four of them had made four copies of this set-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoData } from '../../db/seed/demo';
import { startDemoWorkflows } from '../../launch/demo-workflows';
import { validateSepeXml } from '../../platform/sepe-xml-validator';
import { startTestSystem, type TestSystem } from '../support/api';
import { scratchDatabase } from '../support/scratch-database';

let sys: TestSystem;
let database: Awaited<ReturnType<typeof scratchDatabase>>;
let started: string[];
beforeAll(async () => {
  database = await scratchDatabase();
  sys = await startTestSystem({ database });
  expect(await seedDemoData(sys.database.db)).toBe(true);
  started = await startDemoWorkflows({ db: sys.database.db, temporal: sys.temporal, config: sys.config });
});
afterAll(async () => {
  await sys?.stop();
  await database?.drop();
});

describe('[demo] what a newcomer finds', () => {
  it('the operatore sees one bilancio in lavorazione (investigative) and one completo, with the catalogue', async () => {
    expect(started.filter((id) => id.startsWith('skills-assessment-'))).toHaveLength(2);
    const operatore = sys.client('it');
    await operatore.login('operatore@cauce.local', DEMO_PASSWORD);
    const inProgress = await operatore.get('/api/skills-assessments?status=in_progress&operatorId=me');
    expect(inProgress.body.items.map((i: { personName: string; phase: string }) => [i.personName, i.phase])).toEqual([['Marco Rossi', 'investigative']]);
    const complete = await operatore.get('/api/skills-assessments?status=complete&operatorId=me');
    expect(complete.body.items.map((i: { personName: string }) => i.personName)).toEqual(['Anna Esposito']);
    const detail = await operatore.get(`/api/skills-assessments/${complete.body.items[0].id}`);
    expect(detail.body.enrolment).toMatchObject({ courseTitle: 'Addetto alla logistica di magazzino', providerName: 'Centro di Formazione Professionale Levante' });
    expect((await operatore.get('/api/training-catalogue/courses')).body.total).toBe(11);
  });

  it('three demo persons have a CV; the carretillero card expiring in three weeks reminds Ana', async () => {
    expect(started.filter((id) => id.startsWith('professional-card-'))).toHaveLength(3);
    const ana = sys.client('es');
    await ana.login('ana@cauce.local', DEMO_PASSWORD);
    const persons = (await ana.get('/api/persons?pageSize=50')).body.items as Array<{ id: string; displayName: string }>;
    const lucia = persons.find((p) => p.displayName === 'Lucía Muñoz Pérez')!;
    const cv = (await ana.get(`/api/persons/${lucia.id}/cv`)).body;
    expect(cv.sepe).toEqual({ educationLevel: '20', sex: '2', disability: 'N', immigrant: 'N' });
    expect(cv.experience[0]).toMatchObject({ occupation: 'Reponedora', category: 'low_qualified_auxiliary' });
    expect(cv.cards.map((c: { code: string }) => c.code)).toEqual(['carretillero', 'manipulador_alimentos']);
    await expect
      .poll(async () => (await ana.get('/api/notifications')).body.items.map((n: { message: string }) => n.message))
      .toContainEqual(expect.stringMatching(/^El carnet «Carnet de carretillero \(carretillas elevadoras\)» de Lucía Muñoz Pérez caduca el /));
    const withCv = await Promise.all(persons.map(async (p) => (await ana.get(`/api/persons/${p.id}/cv`)).body.education.length > 0));
    expect(withCv.filter(Boolean)).toHaveLength(3);
  });

  it('Servicios Sociales Demo is a placement agency with open offers, candidates and one placement', async () => {
    expect(started.filter((id) => id.startsWith('job-offer-'))).toHaveLength(3);
    const ana = sys.client('es');
    await ana.login('ana@cauce.local', DEMO_PASSWORD);
    expect((await ana.get('/api/organisation')).body.settings.sepeAgencyCode).toBe('9900000001');
    await expect.poll(async () => (await ana.get('/api/job-offers?status=closed')).body.items.map((o: { title: string; placed: number }) => [o.title, o.placed])).toEqual([['Mozo/a de almacén', 1]]);
    const open = (await ana.get('/api/job-offers/active')).body.items.map((o: { title: string }) => o.title).sort();
    expect(open).toEqual(['Auxiliar de limpieza de oficinas', 'Monitor/a de ocio infantil']);
    const closed = (await ana.get('/api/job-offers?status=closed')).body.items[0];
    const detail = (await ana.get(`/api/job-offers/${closed.id}`)).body;
    expect(detail.candidateList.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([
      ['José Fernández Gómez', 'placed'],
      ['María Ángeles Núñez Ibáñez', 'not_interested'],
    ]);
  });

  it('the previous month’s ENPI file of the demo agency is complete, valid and carries José’s placement', async () => {
    const ana = sys.client('es');
    await ana.login('ana@cauce.local', DEMO_PASSWORD);
    const now = new Date();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10));
    const period = last.toISOString().slice(0, 7).replace('-', '');

    const check = await ana.get(`/api/sepe/check?period=${period}`);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ agencyCode: '9900000001', ready: true, problems: [], placed: 1 });
    expect(check.body.attended).toBeGreaterThanOrEqual(2);

    const res = await ana.getBytes(`/api/sepe/enpi.xml?period=${period}`);
    expect(res.status).toBe(200);
    expect((await validateSepeXml(res.bytes, 'enpi')).errors).toEqual([]);
    const xml = Buffer.from(res.bytes).toString('latin1');
    expect(xml).toContain('<ID_TRABAJADOR>X1234567L</ID_TRABAJADOR>');
    expect(xml).toContain(`<FECHA_COLOCACION>${period}10</FECHA_COLOCACION>`);
    expect(xml).toContain('<CIF_NIF_EMPRESA>A58818501</CIF_NIF_EMPRESA>');
    expect(xml).toContain('<ID_TRABAJADOR>87654321X</ID_TRABAJADOR>');
  });
});
