// The demo's CVs (db/seed/demo-cv.ts), saved on the first start through the API's service: three
// persons of Servicios Sociales Demo with CV data, one card expiring within the month, whose
// reminder reaches Ana at once (in the app), as a newcomer would see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData, DEMO_PASSWORD } from '../../db/seed/demo';
import { startDemoWorkflows } from '../../launch/demo-workflows';
import { startTestSystem, type TestSystem } from '../support/api';
import { scratchDatabase } from '../support/scratch-database';

let sys: TestSystem;
let database: Awaited<ReturnType<typeof scratchDatabase>>;
beforeAll(async () => {
  database = await scratchDatabase();
  sys = await startTestSystem({ database });
});
afterAll(async () => {
  await sys?.stop();
  await database?.drop();
});

describe('[empleo] demo data', () => {
  it('three demo persons have a CV; the carretillero card expiring in three weeks reminds Ana', async () => {
    expect(await seedDemoData(sys.database.db)).toBe(true);
    const started = await startDemoWorkflows({ db: sys.database.db, temporal: sys.temporal, config: sys.config });
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
});
