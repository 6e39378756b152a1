// The Temporal server unreachable (stopped, or a network that swallows packets): a request that
// needs it answers 503 within TEMPORAL_CALL_TIMEOUT_MS instead of waiting for as long as the
// client retries, and the caller's retry with the same Idempotency-Key lands once.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app';
import { interventionNotes } from '../../db/schema';
import { ApiClient, startTestSystem, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';
import { testDataConverter } from '../support/payload-keys';
import { startStallProxy, type StallProxy } from '../support/stall-proxy';

const DEADLINE_MS = 1_500;

let sys: TestSystem;
let org: TestOrganisation;
let proxy: StallProxy;
let connection: Connection;
let ana: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
  // The proxy speaks plain TCP: it forwards the API's gRPC to the test's Temporal server.
  proxy = await startStallProxy(`tcp://${inject('temporalAddress')}`);
  connection = await Connection.connect({ address: `127.0.0.1:${new URL(proxy.url).port}` });
  const temporal = new Client({ connection, dataConverter: testDataConverter() });
  const app = createApp({ db: sys.database.db, temporal, config: { ...sys.config, temporalCallTimeoutMs: DEADLINE_MS } });
  ana = new ApiClient(app, 'es');
  await ana.login(org.users.professional.email, TEST_PASSWORD);
});
afterAll(async () => {
  proxy?.resume();
  await connection?.close();
  await proxy?.close();
  await sys?.stop();
});

describe('[fallos] Temporal unreachable', () => {
  it('a change answers 503 within the deadline; its retry with the same key adds it once', async () => {
    const person = await ana.post('/api/persons', { firstName: 'Lucía', lastName: 'Muñoz' });
    const assessment = await ana.post(`/api/persons/${person.body.id}/assessments`, { summary: 'Valoración', needs: ['030101'] });
    expect(assessment.status).toBe(201);
    const caseId = assessment.body.interventions[0].id;

    proxy.stall();
    const key = { 'idempotency-key': crypto.randomUUID() };
    const started = performance.now();
    const refused = await ana.request('POST', `/api/interventions/${caseId}/notes`, { body: 'Llamó la empresa' }, key);
    const ms = performance.now() - started;
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('service_unavailable');
    expect(ms).toBeLessThan(DEADLINE_MS + 2_000);

    proxy.resume();
    await expect
      .poll(async () => (await ana.request('POST', `/api/interventions/${caseId}/notes`, { body: 'Llamó la empresa' }, key)).status, { timeout: 20_000, interval: 500 })
      .toBe(201);
    const notes = await sys.database.db.select().from(interventionNotes).where(eq(interventionNotes.interventionId, caseId));
    expect(notes.map((n) => n.body)).toEqual(['Llamó la empresa']);
  });
});
