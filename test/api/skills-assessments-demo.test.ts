// The demo's bilanci, made on the first start through the services the API uses: the CPI Demo's
// repertoire and catalogue from db/seed/cpi, one bilancio in the investigative phase, one complete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData, DEMO_PASSWORD } from '../../db/seed/demo';
import { startDemoWorkflows } from '../../launch/demo-workflows';
import { startTestSystem, type TestSystem } from '../support/api';
import { scratchDatabase } from '../support/scratch-database';

let sys: TestSystem;
let database: Awaited<ReturnType<typeof scratchDatabase>>;
// The seed runs on an empty database only, as on a first start: a database of this file's own.
beforeAll(async () => {
  database = await scratchDatabase();
  sys = await startTestSystem({ database });
});
afterAll(async () => {
  await sys?.stop();
  await database?.drop();
});

describe('[bilancio] demo data', () => {
  it('the operatore sees one bilancio in lavorazione (investigative) and one completo, with the catalogue', async () => {
    expect(await seedDemoData(sys.database.db)).toBe(true);
    const started = await startDemoWorkflows({ db: sys.database.db, temporal: sys.temporal, config: sys.config });
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
});
