// Registry numbers of the electronic window have no gaps: a communication whose workflow cannot
// start takes no number, and parallel creations number one after another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { communicationAttachments, communications, idempotencyKeys } from '../../db/schema';
import { ApiClient, startTestSystem, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let sender: TestOrganisation;
let recipient: TestOrganisation;
let author: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem();
  sender = await createOrganisation(sys.database.db);
  recipient = await createOrganisation(sys.database.db);
  author = sys.client();
  await author.login(sender.users.professional.email, TEST_PASSWORD);
});
afterAll(async () => sys?.stop());

const draft = (client: ApiClient, headers: Record<string, string> = {}) =>
  client.request('POST', '/api/ventanilla', { recipientUnitId: recipient.unitId, subject: `Registro ${uniqueSuffix()}`, body: 'Texto.' }, headers);
const sequence = (registryNumber: string) => Number(registryNumber.split('-').at(-1));

describe('[ventanilla] registry numbers', () => {
  it('a create whose workflow start fails leaves no gap', async () => {
    const first = await draft(author);
    expect(first.status).toBe(201);

    // The same API and database, but Temporal refuses the start (no such namespace).
    const refusing = new Client({ connection: sys.temporal.connection, namespace: `missing-${uniqueSuffix()}`, dataConverter: sys.temporal.options.dataConverter });
    const broken = new ApiClient(createApp({ db: sys.database.db, temporal: refusing, config: sys.config }), 'es');
    await broken.login(sender.users.professional.email, TEST_PASSWORD);
    const failed = await draft(broken);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await sys.database.db.select().from(communications).where(eq(communications.organisationId, sender.id))).toHaveLength(1);

    const next = await draft(author);
    expect(next.status).toBe(201);
    expect(sequence(next.body.registryNumber)).toBe(sequence(first.body.registryNumber) + 1);
  });

  it('parallel creations get consecutive numbers, and each workflow projects its creation', async () => {
    const before = sequence((await draft(author)).body.registryNumber);
    const created = await Promise.all(Array.from({ length: 5 }, () => draft(author)));
    expect(created.map((c) => c.status)).toEqual([201, 201, 201, 201, 201]);
    expect(created.map((c) => sequence(c.body.registryNumber)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5].map((i) => before + i));
    for (const c of created) {
      await expect.poll(async () => (await author.get(`/api/ventanilla/${c.body.id}`)).body.history?.map((e: { action: string }) => e.action), { timeout: 10_000 }).toEqual(['created']);
    }
  });

  it('with an Idempotency-Key, a retry whose answer was lost creates nothing new', async () => {
    const key = `ve-${uniqueSuffix()}`;
    const body = { recipientUnitId: recipient.unitId, subject: 'Una sola vez', body: 'Texto.' };
    const first = await author.request('POST', '/api/ventanilla', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    await sys.database.db.delete(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    const retry = await author.request('POST', '/api/ventanilla', body, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await sys.database.db.select().from(communications).where(eq(communications.subject, 'Una sola vez'))).toHaveLength(1);
  });
});

describe('[ventanilla] a retried upload', () => {
  it('stores one attachment: the same form sent again (with a new multipart boundary) is the same request', async () => {
    const created = await draft(author);
    const key = `upload-${uniqueSuffix()}`;
    const send = () => {
      const form = new FormData();
      form.append('file', new Blob([new TextEncoder().encode('%PDF-1.4 prueba')], { type: 'application/pdf' }), 'informe.pdf');
      return author.request('POST', `/api/ventanilla/${created.body.id}/attachments`, form, { 'idempotency-key': key });
    };
    const first = await send();
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await sys.database.db.select().from(communicationAttachments).where(eq(communicationAttachments.communicationId, created.body.id))).toHaveLength(1);
  });
});
