// The demo agency's SEPE file: Servicios Sociales Demo has a SEPE agency code, and its seeded CV
// persons and placement make a valid ENPI file for the previous month (the one an agency sends),
// with the placement in it, so a newcomer sees the module working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoData } from '../../db/seed/demo';
import { startDemoWorkflows } from '../../launch/demo-workflows';
import { validateSepeXml } from '../../platform/sepe-xml-validator';
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

describe('[empleo] demo SEPE file', () => {
  it('the previous month’s ENPI file of the demo agency is complete, valid and carries José’s placement', async () => {
    expect(await seedDemoData(sys.database.db)).toBe(true);
    await startDemoWorkflows({ db: sys.database.db, temporal: sys.temporal, config: sys.config });
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
