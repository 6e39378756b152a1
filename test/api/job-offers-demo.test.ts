// The demo placement agency, made on the first start through the services the API uses: the SEPE
// agency code in its settings, three offers (one filled by a placement), candidates at each step.
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

describe('job offers demo data', () => {
  it('Servicios Sociales Demo is a placement agency with open offers, candidates and one placement', async () => {
    expect(await seedDemoData(sys.database.db)).toBe(true);
    const started = await startDemoWorkflows({ db: sys.database.db, temporal: sys.temporal, config: sys.config });
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
});
