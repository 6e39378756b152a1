// Input at the edge: text PostgreSQL cannot store, dates out of any sane range, malformed ids and
// oversized bodies are answered 400/413 in the contract's shape before any service runs.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { persons } from '../../db/schema';
import { startTestSystem, type ApiClient, type ApiResponse, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let other: TestOrganisation;
let ana: ApiClient; // professional, es
let anaIt: ApiClient;
let anaEn: ApiClient;
let admin: ApiClient;
let outsider: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
  other = await createOrganisation(sys.database.db);
  ana = sys.client('es');
  await ana.login(org.users.professional.email, TEST_PASSWORD);
  anaIt = sys.client('it');
  await anaIt.login(org.users.professional.email, TEST_PASSWORD);
  anaEn = sys.client('en-GB,en;q=0.9');
  await anaEn.login(org.users.professional.email, TEST_PASSWORD);
  admin = sys.client();
  await admin.login(org.users.admin.email, TEST_PASSWORD);
  outsider = sys.client();
  await outsider.login(other.users.admin.email, TEST_PASSWORD);
});
afterAll(async () => sys?.stop());

/** A 400 invalid_input whose details name `path` with `code`. */
function expectField(res: ApiResponse, path: string, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('invalid_input');
  const fields = res.body.error.details.fields as Array<{ path: string; code?: string; message: string }>;
  expect(fields, JSON.stringify(fields)).toContainEqual(expect.objectContaining({ path, ...(code ? { code } : {}) }));
  return fields.find((f) => f.path === path)!;
}

async function newPerson() {
  const res = await ana.post('/api/persons', { firstName: 'Lucía', lastName: 'Muñoz Pérez' });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

async function newIntervention() {
  const person = await newPerson();
  const res = await ana.post(`/api/persons/${person.id}/assessments`, { summary: 'Valoración inicial.', needs: ['030101'] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.interventions[0] as { id: string };
}

const personsOfOrg = async () => (await sys.database.db.select({ n: count() }).from(persons).where(eq(persons.organisationId, org.id)))[0].n;

describe('[entrada] text that PostgreSQL cannot store', () => {
  it('refuses a NUL byte in a person’s name with a 400 naming the field, in the reader’s language, and stores nothing', async () => {
    const before = await personsOfOrg();
    const es = await ana.post('/api/persons', { firstName: 'Lu\u0000cía', lastName: 'Muñoz' });
    const field = expectField(es, 'firstName', 'control_character');
    expect(field.message).toMatch(/carácter de control/);
    expect(expectField(await anaIt.post('/api/persons', { firstName: 'Lu\u0000cía', lastName: 'Muñoz' }), 'firstName').message).toMatch(/carattere di controllo/);
    const en = await anaEn.post('/api/persons', { firstName: 'Lucía', lastName: 'Mu\u0000ñoz' });
    expect(expectField(en, 'lastName').message).toMatch(/control character/);
    expect(en.body.error.message).toBe('The data sent is not valid.');
    expect(await personsOfOrg()).toBe(before);
  });

  it('without Accept-Language, answers in the signed-in user’s own language', async () => {
    expect((await admin.patch(`/api/users/${org.users.supervisor.id}`, { locale: 'it' })).status).toBe(200);
    const sara = sys.client();
    await sara.login(org.users.supervisor.email, TEST_PASSWORD);
    const res = await sara.request('POST', '/api/persons', { firstName: 'Lu\u0000cía', lastName: 'Muñoz' }, { 'accept-language': '' });
    expect(res.body.error.message).toBe('I dati inviati non sono validi.');
    expect(expectField(res, 'firstName').message).toMatch(/carattere di controllo/);
  });

  it('refuses other control characters and lone surrogates anywhere in a body, keys included; tabs and line breaks are text', async () => {
    expectField(await ana.post('/api/persons', { firstName: 'Lucía', lastName: 'Muñoz', notes: 'a\u0085b' }), 'notes', 'control_character');
    expectField(await ana.post('/api/persons', { firstName: 'Lucía', lastName: 'Muñoz', emails: [{ address: 'a@example.org', label: 'casa\ud800' }] }), 'emails.0.label', 'invalid_unicode');
    expectField(await ana.post('/api/persons', { firstName: 'Lucía', lastName: 'Muñoz', ['x\u0000']: 1 }), 'x\u0000', 'control_character');
    const ok = await ana.post('/api/persons', { firstName: 'Lucía', lastName: 'Muñoz', notes: 'línea 1\n\tlínea 2\r\n😀' });
    expect(ok.status).toBe(201);
    expect(ok.body.notes).toBe('línea 1\n\tlínea 2\r\n😀');
  });

  it('refuses a NUL byte in search queries (q) instead of failing with 500', async () => {
    expectField(await ana.get('/api/persons?q=ab%00c'), 'q', 'control_character');
    expectField(await ana.get('/api/interventions?q=%00'), 'q', 'control_character');
    expectField(await ana.get('/api/ventanilla?q=%00'), 'q', 'control_character');
    expectField(await ana.get('/api/persons?x%01=1'), 'x\u0001', 'control_character');
  });

  it('refuses a NUL byte or a lone surrogate in a path id as a malformed id (400), not a 500', async () => {
    expectField(await ana.get('/api/persons/%00'), 'id', 'control_character');
    expectField(await ana.get(`/api/persons/${randomUUID()}%00`), 'id', 'control_character');
    expectField(await ana.patch('/api/persons/%00', { firstName: 'X' }), 'id');
    expectField(await ana.get('/api/ventanilla/%ED%A0%80'), 'id');
    expectField(await ana.get('/api/invitations/%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00'), 'token', 'control_character');
    expectField(await ana.get('/api/verify/CAUCE-%00'), 'code', 'control_character');
  });

  it('refuses a NUL byte in a file name or a form field of a multipart upload', async () => {
    const { body: draft } = await ana.post('/api/ventanilla', { recipientUnitId: other.unitId, subject: 'Con anexo', body: 'Texto' });
    const upload = (name: string, extra?: [string, string]) => {
      const form = new FormData();
      form.append('file', new Blob([new TextEncoder().encode('%PDF-1.4 fake')]), name);
      if (extra) form.append(...extra);
      return ana.request('POST', `/api/ventanilla/${draft.id}/attachments`, form);
    };
    expectField(await upload('infor\u0000me.pdf'), 'file.name', 'control_character');
    expectField(await upload('informe.pdf', ['comment', 'a\u0000b']), 'comment', 'control_character');
    expect((await upload('informe.pdf')).status).toBe(201);
    // A multipart type without its boundary cannot be parsed: the request's fault, not a 500.
    const unbounded = await ana.request('POST', `/api/ventanilla/${draft.id}/attachments`, undefined, { 'content-type': 'multipart/form-data' });
    expect(unbounded.status).toBe(400);
  });
});

describe('[entrada] ids are UUIDs: 400 when malformed, 404 when missing or another organisation’s', () => {
  it('answers 400 for a malformed path id and 404 for a well-formed one that is missing or not ours', async () => {
    const person = await newPerson();
    expectField(await ana.get('/api/persons/not-a-uuid'), 'id', 'invalid_format');
    expect((await ana.get(`/api/persons/${randomUUID()}`)).status).toBe(404);
    expect((await outsider.get(`/api/persons/${person.id}`)).status).toBe(404);
    expect((await ana.get(`/api/persons/${person.id}`)).status).toBe(200);
    expectField(await admin.get('/api/admin/mails/does-not-exist'), 'id');
    expect((await admin.get(`/api/admin/mails/${randomUUID()}`)).status).toBe(404);
  });

  it('PATCH /api/users/{id} with an empty body is a 400, not a 500', async () => {
    const res = await admin.patch(`/api/users/${org.users.professional.id}`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expectField(await admin.patch('/api/users/%00', { name: 'X' }), 'id');
    expect((await admin.patch(`/api/users/${other.users.professional.id}`, { name: 'X' })).status).toBe(404);
  });

  it('POST /api/interventions/{id}/related refuses malformed ids with NUL or lone surrogates (400) and links real ones', async () => {
    const a = await newIntervention();
    const b = await newIntervention();
    expectField(await ana.post(`/api/interventions/${a.id}/related`, { interventionId: `${b.id}\u0000` }), 'interventionId');
    expectField(await ana.post(`/api/interventions/${a.id}/related`, { interventionId: '\udc00' }), 'interventionId');
    expectField(await ana.post(`/api/interventions/${a.id}/related`, { interventionId: 'not-a-uuid' }), 'interventionId', 'invalid_format');
    expectField(await ana.post('/api/interventions/%00/related', { interventionId: b.id }), 'id');
    expect((await ana.post(`/api/interventions/${randomUUID()}/related`, { interventionId: b.id })).status).toBe(404);
    const linked = await ana.post(`/api/interventions/${a.id}/related`, { interventionId: b.id });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
  });

  it('POST /api/ventanilla and /submit refuse unit and signer ids with NUL or lone surrogates (400)', async () => {
    expectField(await ana.post('/api/ventanilla', { recipientUnitId: '\u0000', subject: 'S', body: 'B' }), 'recipientUnitId');
    expectField(await ana.post('/api/ventanilla', { recipientUnitId: '\ud800', subject: 'S', body: 'B' }), 'recipientUnitId');
    expectField(await ana.post('/api/ventanilla', { recipientUnitId: other.unitId, senderUnitId: 'x\u0000', subject: 'S', body: 'B' }), 'senderUnitId');
    const { body: draft } = await ana.post('/api/ventanilla', { recipientUnitId: other.unitId, subject: 'S', body: 'B' });
    expectField(await ana.post(`/api/ventanilla/${draft.id}/submit`, { signerId: '\ud800' }), 'signerId');
    expectField(await ana.post(`/api/ventanilla/${draft.id}/submit`, { signerIds: ['a\u0000'], mode: 'parallel' }), 'signerIds.0');
    expectField(await ana.post(`/api/ventanilla/${draft.id}/submit`, { signerId: 'not-a-uuid' }), 'signerId');
    expectField(await ana.post('/api/ventanilla/%ED%A0%80/submit', { signerId: org.users.signer.id }), 'id');
    expect((await ana.post(`/api/ventanilla/${randomUUID()}/submit`, { signerId: org.users.signer.id })).status).toBe(404);
    const submitted = await ana.post(`/api/ventanilla/${draft.id}/submit`, { signerId: org.users.signer.id });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  });

  it('refuses malformed ids inside bodies and queries (bulk ids, assignees, person filters)', async () => {
    expectField(await admin.post('/api/interventions/bulk', { ids: ['nope'], flag: 'Revisar' }), 'ids.0');
    expectField(await ana.get('/api/interventions?personId=nope'), 'personId');
    expectField(await ana.get('/api/interventions?assignee=nope'), 'assignee');
    expect((await ana.get('/api/interventions?assignee=me')).status).toBe(200);
    expect((await ana.get(`/api/interventions?assignee=${randomUUID()}`)).status).toBe(200);
  });
});

describe('[entrada] dates within a sane range', () => {
  it('refuses birth dates in year 3 or 0000-01-01, naming the field', async () => {
    expectField(await ana.post('/api/persons', { firstName: 'A', lastName: 'B', birthDate: '0003-05-01' }), 'birthDate', 'date_too_early');
    expectField(await ana.post('/api/persons', { firstName: 'A', lastName: 'B', birthDate: '0000-01-01' }), 'birthDate', 'date_too_early');
    const person = await newPerson();
    expectField(await ana.patch(`/api/persons/${person.id}`, { birthDate: '2999-01-01' }), 'birthDate', 'date_too_late');
    expect((await ana.patch(`/api/persons/${person.id}`, { birthDate: '1948-02-29' })).status).toBe(200);
  });

  it('refuses an action dated 0000-01-01 and a follow-up due 9999-12-31T23:59:59+14:00 before they reach the workflow', async () => {
    const c = await newIntervention();
    const action = await ana.post(`/api/interventions/${c.id}/actions`, { date: '0000-01-01', kind: 'interview', description: 'Entrevista' });
    expectField(action, 'date', 'date_too_early');
    const far = await ana.post(`/api/interventions/${c.id}/follow-ups`, { dueAt: '9999-12-31T23:59:59+14:00', note: 'Nunca' });
    const field = expectField(far, 'dueAt', 'date_too_late');
    expect(field.message).toMatch(/5 años/);
    const past = await ana.post(`/api/interventions/${c.id}/follow-ups`, { dueAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), note: 'Ayer' });
    expectField(past, 'dueAt', 'date_in_past');
    const ok = await ana.post(`/api/interventions/${c.id}/follow-ups`, { dueAt: new Date(Date.now() + 86_400_000).toISOString(), note: 'Mañana' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('refuses holidays and list filters outside the sane range', async () => {
    expectField(await admin.patch('/api/organisation', { settings: { holidays: ['2026-12-25', '0000-01-01'] } }), 'settings.holidays.1', 'date_too_early');
    expectField(await ana.get('/api/calendar?from=0000-01-01'), 'from', 'date_too_early');
    expectField(await ana.get('/api/interventions?to=9999-12-31'), 'to', 'date_too_late');
  });
});

describe('[entrada] body limits before authentication', () => {
  const big = 'x'.repeat(2 * 1024 * 1024);

  it('answers 413 payload_too_large to a 2 MB JSON body, signed in or not', async () => {
    const before = await personsOfOrg();
    const signedIn = await anaEn.post('/api/persons', { firstName: 'A', lastName: 'B', notes: big });
    const anonymous = await sys.client('en').post('/api/auth/login', { email: org.users.admin.email, password: big });
    for (const res of [signedIn, anonymous]) {
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('payload_too_large');
      expect(res.body.error.message).toMatch(/1 MB/);
    }
    expect(await personsOfOrg()).toBe(before);
  });

  it('refuses an upload larger than the file limit with 413', async () => {
    const { body: draft } = await ana.post('/api/ventanilla', { recipientUnitId: other.unitId, subject: 'Grande', body: 'Texto' });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(12 * 1024 * 1024)]), 'enorme.pdf');
    const res = await ana.request('POST', `/api/ventanilla/${draft.id}/attachments`, form);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});

describe('[entrada] what the OpenAPI document says', () => {
  it('documents 400 on every operation and 413 on every operation that takes a body', async () => {
    const doc = (await ana.get('/api/openapi.json')).body;
    const operations = Object.entries(doc.paths as Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(60);
    for (const { name, op } of operations) {
      expect(op.responses, name).toHaveProperty('400');
      if (op.requestBody) expect(op.responses, name).toHaveProperty('413');
    }
    const login = doc.paths['/api/auth/login'].post;
    expect(login.responses['413'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(doc.paths['/api/persons/{id}'].get.parameters[0].schema).toMatchObject({ type: 'string', format: 'uuid' });
    expect(doc.paths['/api/interventions/{id}/follow-ups'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ScheduleFollowUpRequest');
  });
});

describe('[entrada] over a real socket', () => {
  it('refuses a 2 MB login by its Content-Length with 413, without waiting for the body', async () => {
    const server = serve({ fetch: sys.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const started = Date.now();
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) } }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        // Only the start of the body is sent: the answer must not wait for the rest.
        req.write('{"email":"a@example.org","password":"');
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error.code).toBe('payload_too_large');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      server.close();
    }
  });
});
