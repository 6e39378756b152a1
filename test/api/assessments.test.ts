// Saving an assessment is all or nothing. Temporal failing halfway is simulated at the edge: the
// app gets a Temporal client whose n-th start (or one case's Update) fails as if the server were
// unreachable; everything else is the real dev server, worker and Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ServiceError, type Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { assessments, interventions } from '../../db/schema';
import { ApiClient, startTestSystem, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let ana: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
  ana = sys.client();
  await ana.login(org.users.professional.email, TEST_PASSWORD);
  // A second specific need under 0401, so two open cases can both be extended.
  const admin = sys.client();
  await admin.login(org.users.admin.email, TEST_PASSWORD);
  expect((await admin.post('/api/needs', { parentCode: '0401', name: 'ALIMENTACIÓN', code: '040101' })).status).toBe(201);
});
afterAll(async () => sys?.stop());

const unavailable = () => new ServiceError('14 UNAVAILABLE: injected by the test');
const bound = (target: object, prop: string | symbol) => {
  const value = Reflect.get(target, prop);
  return typeof value === 'function' ? value.bind(target) : value;
};

/** The real client, except that the n-th workflow start, or Updates to one workflow, fail. */
function failingTemporal(real: Client, failure: { start?: number; updateOf?: string }): Client {
  let starts = 0;
  const workflow = new Proxy(real.workflow, {
    get(target, prop) {
      if (prop === 'start') {
        return (...args: Parameters<Client['workflow']['start']>) => (++starts === failure.start ? Promise.reject(unavailable()) : target.start(...args));
      }
      if (prop === 'getHandle') {
        return (workflowId: string, ...rest: unknown[]) => {
          const handle = (target.getHandle as (...a: unknown[]) => object)(workflowId, ...rest);
          if (workflowId !== failure.updateOf) return handle;
          return new Proxy(handle, { get: (h, p) => (p === 'executeUpdate' ? () => Promise.reject(unavailable()) : bound(h, p)) });
        };
      }
      return bound(target, prop);
    },
  });
  return new Proxy(real, { get: (c, p) => (p === 'workflow' ? workflow : bound(c, p)) });
}

async function clientWith(temporal: Client) {
  const app = createApp({ db: sys.database.db, temporal, config: sys.config });
  const client = new ApiClient(app, 'es');
  await client.login(org.users.professional.email, TEST_PASSWORD);
  return client;
}

async function personWith(needs: string[]) {
  const person = (await ana.post('/api/persons', { firstName: 'Ahmed', lastName: 'El Idrissi' })).body;
  const opened = needs.length ? (await ana.post(`/api/persons/${person.id}/assessments`, { summary: 'Primera valoración', needs })).body : { interventions: [] };
  return { person, opened: opened.interventions as Array<{ id: string; needCode: string }> };
}

async function workflowsOf(personId: string, status: 'Running' | 'Terminated') {
  const ids: string[] = [];
  for await (const wf of sys.temporal.workflow.list({ query: `CaucePerson = "${personId}" AND ExecutionStatus = "${status}"` })) ids.push(wf.workflowId);
  return ids;
}

const casesOf = (personId: string) => sys.database.db.select().from(interventions).where(eq(interventions.personId, personId));
const assessmentsOf = (personId: string) => sys.database.db.select().from(assessments).where(eq(assessments.personId, personId));

describe('[intervenciones] saving an assessment is all or nothing', () => {
  it('when the second workflow cannot start: the first is terminated, no rows remain, the open case is not extended', async () => {
    const { person, opened } = await personWith(['030101']);
    const flaky = await clientWith(failingTemporal(sys.temporal, { start: 2 }));
    const res = await flaky.post(`/api/persons/${person.id}/assessments`, { summary: 'Segunda valoración', needs: ['030102', '040199', '020199'] });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('service_unavailable');

    const cases = await casesOf(person.id);
    expect(cases.map((c) => c.id)).toEqual([opened[0].id]);
    expect(await assessmentsOf(person.id)).toHaveLength(1);
    const labour = (await ana.get(`/api/interventions/${opened[0].id}`)).body;
    expect(labour.needs.map((n: { code: string }) => n.code)).toEqual(['030101']);
    expect(labour.history.map((h: { action: string }) => h.action)).not.toContain('needs_added');

    // The workflow that did start was ended, so no timer of a case that does not exist fires.
    await expect.poll(() => workflowsOf(person.id, 'Terminated'), { timeout: 10_000 }).toHaveLength(1);
    expect(await workflowsOf(person.id, 'Running')).toEqual([`intervention-${opened[0].id}`]);

    // Nothing half-done: the same assessment saves once Temporal is back.
    const retried = await ana.post(`/api/persons/${person.id}/assessments`, { summary: 'Segunda valoración', needs: ['030102', '040199', '020199'] });
    expect(retried.status).toBe(201);
    expect(retried.body.interventions.map((i: { created: boolean }) => i.created)).toEqual([false, true, true]);
  });

  it('when extending the second open case fails: the first extension is withdrawn and the new case removed', async () => {
    const { person, opened } = await personWith(['030101', '040199']);
    const labour = opened.find((o) => o.needCode === '0301')!;
    const basic = opened.find((o) => o.needCode === '0401')!;
    const flaky = await clientWith(failingTemporal(sys.temporal, { updateOf: `intervention-${basic.id}` }));
    const res = await flaky.post(`/api/persons/${person.id}/assessments`, { summary: 'x', needs: ['030102', '040101', '020199'] });
    expect(res.status).toBe(503);

    expect((await casesOf(person.id)).map((c) => c.id).sort()).toEqual([labour.id, basic.id].sort());
    expect(await assessmentsOf(person.id)).toHaveLength(1);
    const labourNow = (await ana.get(`/api/interventions/${labour.id}`)).body;
    expect(labourNow.needs.map((n: { code: string }) => n.code)).toEqual(['030101']);
    // The history is honest about it: added, then withdrawn.
    expect(labourNow.history.map((h: { action: string }) => h.action).slice(0, 2)).toEqual(['needs_withdrawn', 'needs_added']);
    const basicNow = (await ana.get(`/api/interventions/${basic.id}`)).body;
    expect(basicNow.needs.map((n: { code: string }) => n.code)).toEqual(['040199']);
  });
});
