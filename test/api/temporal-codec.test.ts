// Payload encryption end to end: what people write in a case reaches Temporal as ciphertext, and
// the Temporal Web UI gets it decrypted from the API's codec endpoint — in production only for a
// signed-in admin, and only from the Temporal UI's origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { createApp } from '../../api/app';
import { interventionWorkflowId } from '../../workflows/intervention.definitions';
import { ApiClient, startTestSystem, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, type TestOrganisation } from '../support/fixtures';

type Payload = temporal.api.common.v1.IPayload;

let sys: TestSystem;
let org: TestOrganisation;
let ana: ApiClient;
let admin: ApiClient;
const NOTE = 'Refiere violencia de género; no dar su dirección a nadie';
let notePayload: Payload;

const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');
const asJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
  data: b64(p.data),
});
const encodingOf = (p: Payload) => Buffer.from(p.metadata?.encoding ?? new Uint8Array()).toString();

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
  ana = sys.client();
  await ana.login(org.users.professional.email, TEST_PASSWORD);
  admin = sys.client();
  await admin.login(org.users.admin.email, TEST_PASSWORD);

  const person = await ana.post('/api/persons', { firstName: 'Lucía', lastName: 'Muñoz' });
  const assessed = await ana.post(`/api/persons/${person.body.id}/assessments`, { summary: 'Valoración inicial.', needs: ['030101'] });
  const caseId = assessed.body.interventions[0].id as string;
  expect((await ana.post(`/api/interventions/${caseId}/notes`, { body: NOTE })).status).toBe(201);

  // The history as Temporal stores it and its UI receives it: read without any codec.
  const raw = new Client({ connection: sys.temporal.connection, namespace: 'default' });
  const history = await raw.workflow.getHandle(interventionWorkflowId(caseId)).fetchHistory();
  const accepted = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  notePayload = accepted.at(-1)!.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads![0];
});
afterAll(async () => sys?.stop());

describe('[temporal] payload encryption', () => {
  it('a case note reaches Temporal encrypted: no trace of its text in the stored history', () => {
    expect(encodingOf(notePayload)).toBe('binary/encrypted');
    expect(Buffer.from(notePayload.data!).toString('latin1')).not.toContain('violencia');
  });

  it('the Temporal UI gets it decrypted from the codec endpoint', async () => {
    const res = await admin.request('POST', '/api/temporal-codec/decode', { payloads: [asJson(notePayload)] }, { origin: 'http://localhost:8233', 'sec-fetch-site': 'same-site', 'x-namespace': 'default' });
    expect(res.status).toBe(200);
    const [decoded] = res.body.payloads;
    expect(Buffer.from(decoded.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(decoded.data, 'base64').toString())).toMatchObject({ body: NOTE });
  });

  it('without a session it decodes nothing, also outside production (except for the local dev UI)', async () => {
    const anonymous = sys.client();
    const res = await anonymous.request('POST', '/api/temporal-codec/decode', { payloads: [asJson(notePayload)] }, { origin: 'http://localhost:8233' });
    expect(res.status).toBe(401);
  });

  it('answers the Temporal UI’s preflight with credentials allowed, and no other origin', async () => {
    const preflight = (origin: string) =>
      admin.request('OPTIONS', '/api/temporal-codec/decode', undefined, {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      });
    const ok = await preflight('http://localhost:8233');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/x-namespace/i);
    expect((await preflight('https://evil.example.org')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('in production decrypts only for a signed-in admin', async () => {
    const production = createApp({
      db: sys.database.db,
      temporal: sys.temporal,
      payloadCodec: sys.payloadCodec,
      config: { ...sys.config, production: true, publicUrl: 'https://cauce.example.org', temporalUiUrl: 'https://temporal.example.org' },
    });
    const body = { payloads: [asJson(notePayload)] };
    const fromUi = { origin: 'https://temporal.example.org', 'sec-fetch-site': 'same-site' };

    const anonymous = new ApiClient(production, 'es');
    expect((await anonymous.request('POST', '/api/temporal-codec/decode', body, fromUi)).status).toBe(401);

    const professional = new ApiClient(production, 'es');
    await professional.login(org.users.professional.email, TEST_PASSWORD);
    const refused = await professional.request('POST', '/api/temporal-codec/decode', body, fromUi);
    expect(refused.status).toBe(403);

    const prodAdmin = new ApiClient(production, 'es');
    await prodAdmin.login(org.users.admin.email, TEST_PASSWORD);
    const res = await prodAdmin.request('POST', '/api/temporal-codec/decode', body, fromUi);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://temporal.example.org');
    expect(JSON.parse(Buffer.from(res.body.payloads[0].data, 'base64').toString())).toMatchObject({ body: NOTE });

    // Any other site is still refused by the CSRF rule on the API's other routes.
    expect((await prodAdmin.request('POST', '/api/persons', { firstName: 'X' }, fromUi)).status).toBe(403);
  });

  it('a payload that cannot be decrypted is a clear 422, not a crash', async () => {
    const tampered = asJson(notePayload);
    tampered.data = Buffer.from(Buffer.from(tampered.data, 'base64').map((b, i) => (i === 30 ? b ^ 1 : b))).toString('base64');
    const res = await admin.request('POST', '/api/temporal-codec/decode', { payloads: [tampered] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('payload_undecodable');
  });
});
