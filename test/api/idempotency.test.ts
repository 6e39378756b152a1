// Idempotency-Key: a client that retries a change (after a timeout, a double click) gets the
// first answer instead of a second note; and even when the stored answer is lost, the Update ID
// derived from the key lets Temporal run the change once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { idempotencyKeys, interventionNotes, persons } from '../../db/schema';
import { interventionWorkflowId } from '../../workflows/intervention.definitions';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let ana: ApiClient;
let sara: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
  ana = sys.client();
  await ana.login(org.users.professional.email, TEST_PASSWORD);
  sara = sys.client();
  await sara.login(org.users.supervisor.email, TEST_PASSWORD);
});
afterAll(async () => sys?.stop());

async function newCase(): Promise<string> {
  const person = await ana.post('/api/persons', { firstName: 'Marta', lastName: `Idem ${uniqueSuffix()}` });
  expect(person.status).toBe(201);
  const assessment = await ana.post(`/api/persons/${person.body.id}/assessments`, { summary: 'Valoración', needs: ['030101'] });
  expect(assessment.status, JSON.stringify(assessment.body)).toBe(201);
  return assessment.body.interventions[0].id;
}

const withKey = (client: ApiClient, key: string, method: string, path: string, body?: unknown) => client.request(method, path, body, { 'idempotency-key': key });
const notesOf = (caseId: string) => sys.database.db.select().from(interventionNotes).where(eq(interventionNotes.interventionId, caseId));
const keyRow = async (key: string) => (await sys.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key)))[0];

describe('[api] Idempotency-Key', () => {
  it('the same note sent twice with one key: one note, the same answer', async () => {
    const caseId = await newCase();
    const key = `note-${uniqueSuffix()}`;
    const first = await withKey(ana, key, 'POST', `/api/interventions/${caseId}/notes`, { body: 'Llamada de seguimiento.' });
    expect(first.status).toBe(201);
    const again = await withKey(ana, key, 'POST', `/api/interventions/${caseId}/notes`, { body: 'Llamada de seguimiento.' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await notesOf(caseId)).toHaveLength(1);

    // Without a key, each request is its own change, as before.
    await ana.post(`/api/interventions/${caseId}/notes`, { body: 'Otra nota.' });
    await ana.post(`/api/interventions/${caseId}/notes`, { body: 'Otra nota.' });
    expect(await notesOf(caseId)).toHaveLength(3);
  });

  it('parallel duplicates (a double click, a retry racing the first): one note, one answer', async () => {
    const caseId = await newCase();
    const key = `dbl-${uniqueSuffix()}`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => withKey(ana, key, 'POST', `/api/interventions/${caseId}/notes`, { body: 'Doble clic.' })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await notesOf(caseId)).toHaveLength(1);
  });

  it('the same key for a different request is 422 idempotency_key_reused', async () => {
    const caseId = await newCase();
    const key = `reuse-${uniqueSuffix()}`;
    expect((await withKey(ana, key, 'POST', `/api/interventions/${caseId}/notes`, { body: 'Primera.' })).status).toBe(201);
    const other = await withKey(ana, key, 'POST', `/api/interventions/${caseId}/notes`, { body: 'Distinta.' });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    const otherPath = await withKey(ana, key, 'POST', `/api/interventions/${caseId}/flags`, { message: 'Primera.' });
    expect(otherPath.status).toBe(422);
    expect(await notesOf(caseId)).toHaveLength(1);
    // Keys are per user: another user's identical key is another action.
    expect((await withKey(sara, key, 'POST', `/api/interventions/${caseId}/notes`, { body: 'Distinta.' })).status).toBe(201);
  });

  it('a repeat after the stored answer is lost still adds one note (Temporal de-duplicates the Update)', async () => {
    const caseId = await newCase();
    const key = `lost-${uniqueSuffix()}`;
    const first = await withKey(ana, key, 'POST', `/api/interventions/${caseId}/notes`, { body: 'La API cayó tras el Update.' });
    expect(first.status).toBe(201);
    // As if the API had died after the Update, before keeping the answer.
    await sys.database.db.delete(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    const retry = await withKey(ana, key, 'POST', `/api/interventions/${caseId}/notes`, { body: 'La API cayó tras el Update.' });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(await notesOf(caseId)).toHaveLength(1);
    const state = await sys.temporal.workflow.getHandle(interventionWorkflowId(caseId)).describe();
    expect(state.status.name).toBe('RUNNING');
  });

  it('a repeat while the first still runs waits for it, then answers 409 request_in_progress', async () => {
    const caseId = await newCase();
    const key = `slow-${uniqueSuffix()}`;
    const path = `/api/interventions/${caseId}/notes`;
    expect((await withKey(ana, key, 'POST', path, { body: 'Primera.' })).status).toBe(201);
    // As if the first request were still running (its lease renewed).
    const running = { state: 'running' as const, leaseUntil: new Date(Date.now() + 60_000) };
    await sys.database.db.update(idempotencyKeys).set(running).where(eq(idempotencyKeys.key, key));
    const started = performance.now();
    const busy = await withKey(ana, key, 'POST', path, { body: 'Primera.' });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('request_in_progress');
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(performance.now() - started).toBeGreaterThan(4_000);

    // The API that ran it died: once its lease lapses, a retry takes the key over and is done once.
    await sys.database.db.update(idempotencyKeys).set({ leaseUntil: new Date(Date.now() - 1) }).where(eq(idempotencyKeys.key, key));
    const retry = await withKey(ana, key, 'POST', path, { body: 'Primera.' });
    expect(retry.status).toBe(201);
    expect(await notesOf(caseId)).toHaveLength(1);
    expect((await keyRow(key)).state).toBe('done');
  });

  it('keeps 4xx answers, and refuses a malformed key', async () => {
    const key = `missing-${uniqueSuffix()}`;
    const missing = await withKey(ana, key, 'POST', '/api/interventions/00000000-0000-4000-8000-000000000000/notes', { body: 'x' });
    expect(missing.status).toBe(404);
    expect((await keyRow(key))?.status).toBe(404);
    const bad = await withKey(ana, 'tab\tkey', 'POST', '/api/persons', { firstName: 'A' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].path).toBe('Idempotency-Key');
  });

  it('also covers creations without a workflow (a person) and PATCH/DELETE', async () => {
    const key = `person-${uniqueSuffix()}`;
    const lastName = `Clave ${uniqueSuffix()}`;
    const a = await withKey(ana, key, 'POST', '/api/persons', { firstName: 'Ana', lastName });
    const b = await withKey(ana, key, 'POST', '/api/persons', { firstName: 'Ana', lastName });
    expect(b.body.id).toBe(a.body.id);
    expect(await sys.database.db.select().from(persons).where(and(eq(persons.organisationId, org.id), eq(persons.lastName, lastName)))).toHaveLength(1);
  });

  it('documents the header on changes, not on reads or login', async () => {
    const doc = (await ana.get('/api/openapi.json')).body;
    const header = (op: { parameters?: Array<{ name: string }> }) => op.parameters?.some((p) => p.name === 'Idempotency-Key');
    expect(header(doc.paths['/api/interventions/{id}/notes'].post)).toBe(true);
    expect(doc.paths['/api/interventions/{id}/notes'].post.responses).toHaveProperty('422');
    expect(header(doc.paths['/api/interventions/{id}'].get)).toBeFalsy();
    expect(header(doc.paths['/api/auth/login'].post)).toBeFalsy();
  });
});
