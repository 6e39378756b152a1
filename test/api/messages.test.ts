// Messages to people through the real API, Postgres, Temporal, the capture SMTP server (which
// refuses `.invalid` with 550) and a local fake of Twilio's REST API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { bulkMessageRecipients, capturedMails, messages } from '../../db/schema';
import { createMessageService, TWILIO_STATUS_CALLBACK_PATH } from '../../platform/messages';
import { createSmsGateway } from '../../platform/sms-gateway';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio';
import { createOrganisation, mailsTo, TEST_PASSWORD, uniqueSuffix, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let other: TestOrganisation;
let pro: ApiClient;
let admin: ApiClient;
let outsider: ApiClient;

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
  other = await createOrganisation(sys.database.db);
  pro = sys.client('es');
  await pro.login(org.users.professional.email, TEST_PASSWORD);
  admin = sys.client('es');
  await admin.login(org.users.admin.email, TEST_PASSWORD);
  outsider = sys.client('es');
  await outsider.login(other.users.professional.email, TEST_PASSWORD);
});
afterAll(async () => sys?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function person(client: ApiClient, contacts: { emails?: string[]; phones?: string[] } = {}, firstName = 'Lucía') {
  const res = await client.post('/api/persons', {
    firstName,
    lastName: `Muñoz ${uniqueSuffix()}`,
    emails: contacts.emails?.map((address) => ({ address })),
    phones: contacts.phones?.map((number) => ({ number })),
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await sleep(100);
  }
}

describe('direct messages', () => {
  it('emails the person, fills placeholders, and keeps the message with its status changes in the file', async () => {
    const address = `lucia-${uniqueSuffix()}@mail.test`;
    const id = await person(pro, { emails: [address] });
    const res = await pro.post(`/api/persons/${id}/messages`, { channel: 'email', subject: 'Cita', body: 'Hola {{name}}, te atiende {{professional}}.' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('sent');
    const [mail] = await mailsTo(sys.database.db, address);
    expect(mail.subject).toBe('Cita');
    expect(mail.text).toContain(`Hola Lucía, te atiende ${org.users.professional.name}.`);

    const list = await pro.get(`/api/persons/${id}/messages`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    const [m] = list.body.items;
    expect(m).toMatchObject({ id: res.body.id, channel: 'email', to: address, subject: 'Cita', status: 'sent', sentBy: org.users.professional.id, simulated: false });
    expect(m.history.map((h: { status: string }) => h.status)).toEqual(['queued', 'sent']);
  });

  it('lists newest first', async () => {
    const id = await person(pro, { emails: [`order-${uniqueSuffix()}@mail.test`] });
    await pro.post(`/api/persons/${id}/messages`, { channel: 'email', subject: 'Primero', body: 'uno' });
    await pro.post(`/api/persons/${id}/messages`, { channel: 'email', subject: 'Segundo', body: 'dos' });
    const list = await pro.get(`/api/persons/${id}/messages`);
    expect(list.body.items.map((m: { subject: string }) => m.subject)).toEqual(['Segundo', 'Primero']);
  });

  it('uses the address chosen among the person’s, and refuses one that is not theirs', async () => {
    const first = `first-${uniqueSuffix()}@mail.test`;
    const second = `second-${uniqueSuffix()}@mail.test`;
    const id = await person(pro, { emails: [first, second] });
    const res = await pro.post(`/api/persons/${id}/messages`, { channel: 'email', to: second, subject: 'A la segunda', body: 'Hola' });
    expect(res.status).toBe(201);
    expect(await mailsTo(sys.database.db, second)).toHaveLength(1);
    expect(await mailsTo(sys.database.db, first)).toHaveLength(0);
    const stranger = await pro.post(`/api/persons/${id}/messages`, { channel: 'email', to: 'someone@else.test', subject: 'x', body: 'x' });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.code).toBe('unknown_address');
  });

  it('fails an email the server refuses with 550, with the server’s reason', async () => {
    const id = await person(pro, { emails: [`nadie-${uniqueSuffix()}@example.invalid`] });
    const res = await pro.post(`/api/persons/${id}/messages`, { channel: 'email', subject: 'Rebota', body: 'Hola' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('failed');
    const [m] = (await pro.get(`/api/persons/${id}/messages`)).body.items;
    expect(m.reason).toMatch(/550/);
    expect(m.history.map((h: { status: string }) => h.status)).toEqual(['queued', 'failed']);
  });

  it('422 missing_email / missing_phone pointing to the Contacts tab', async () => {
    const id = await person(pro, {});
    const email = await pro.post(`/api/persons/${id}/messages`, { channel: 'email', subject: 'x', body: 'Hola' });
    expect(email.status).toBe(422);
    expect(email.body.error.code).toBe('missing_email');
    expect(email.body.error.message).toMatch(/Contactos/);
    expect(email.body.error.details.contactsTab).toBe(`/personas/${id}/contactos`);
    const sms = await pro.post(`/api/persons/${id}/messages`, { channel: 'sms', body: 'Hola' });
    expect(sms.status).toBe(422);
    expect(sms.body.error.code).toBe('missing_phone');
    expect((await pro.get(`/api/persons/${id}/messages`)).body.total).toBe(0);
  });

  it('400 naming an unknown placeholder, and a missing subject for an email', async () => {
    const id = await person(pro, { emails: [`ph-${uniqueSuffix()}@mail.test`] });
    const res = await pro.post(`/api/persons/${id}/messages`, { channel: 'email', subject: 'Hola', body: 'Hola {{nombre}}' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([expect.objectContaining({ path: 'body', code: 'unknown_placeholder', message: expect.stringContaining('{{nombre}}') })]);
    const noSubject = await pro.post(`/api/persons/${id}/messages`, { channel: 'email', body: 'Hola' });
    expect(noSubject.status).toBe(400);
    expect(noSubject.body.error.details.fields[0].path).toBe('subject');
  });

  it('404 for another organisation’s person, whether sending or reading', async () => {
    const id = await person(pro, { emails: [`mine-${uniqueSuffix()}@mail.test`] });
    expect((await outsider.post(`/api/persons/${id}/messages`, { channel: 'email', subject: 'x', body: 'x' })).status).toBe(404);
    expect((await outsider.get(`/api/persons/${id}/messages`)).status).toBe(404);
    expect((await pro.get('/api/persons/not-a-uuid/messages')).status).toBe(400);
  });

  it('401 without a session', async () => {
    const anonymous = sys.client('es');
    expect((await anonymous.get(`/api/persons/${org.unitId}/messages`)).status).toBe(401);
  });
});

describe('templates', () => {
  it('admins keep texts with placeholders; others read them; an unknown placeholder is a 400', async () => {
    const input = { name: `Cita ${uniqueSuffix()}`, channel: 'email', subject: 'Cita', body: 'Hola {{name}}, te atiende {{professional}}.' };
    expect((await pro.post('/api/messaging/templates', input)).status).toBe(403);
    const created = await admin.post('/api/messaging/templates', input);
    expect(created.status).toBe(201);
    const bad = await admin.post('/api/messaging/templates', { ...input, body: 'Hola {{nom}}' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0]).toMatchObject({ path: 'body', code: 'unknown_placeholder' });
    expect((await pro.get('/api/messaging/templates')).body.items.map((t: { id: string }) => t.id)).toContain(created.body.id);
    expect((await outsider.get('/api/messaging/templates')).body.items.map((t: { id: string }) => t.id)).not.toContain(created.body.id);
    expect((await admin.put(`/api/messaging/templates/${created.body.id}`, { ...input, body: 'Adiós {{name}}' })).body.body).toBe('Adiós {{name}}');
    expect((await admin.delete(`/api/messaging/templates/${created.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/messaging/templates/${created.body.id}`)).status).toBe(404);
  });
});

describe('SMS module', () => {
  it('is off until an admin switches it on; then spends the balance per segment, with its history', async () => {
    const id = await person(pro, { phones: ['+34600111222'] });
    const off = await pro.post(`/api/persons/${id}/messages`, { channel: 'sms', body: 'Hola' });
    expect(off.status).toBe(422);
    expect(off.body.error.code).toBe('sms_disabled');

    expect((await pro.patch('/api/messaging/settings', { smsEnabled: true })).status).toBe(403);
    expect((await pro.post('/api/messaging/sms/balance', { delta: 10 })).status).toBe(403);
    expect((await pro.get('/api/messaging/sms/balance')).status).toBe(403);
    // Schemathesis found an empty change answering 500: it is a 400 that says what may change.
    expect((await admin.patch('/api/messaging/settings', {})).status).toBe(400);
    const on = await admin.patch('/api/messaging/settings', { smsEnabled: true });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ smsEnabled: true, smsBalance: 0, emailsPerSecond: 5, smsPerSecond: 1, smsLive: false });

    const empty = await pro.post(`/api/persons/${id}/messages`, { channel: 'sms', body: 'Hola' });
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('sms_balance_exhausted');

    expect((await admin.post('/api/messaging/sms/balance', { delta: 3 })).body.smsBalance).toBe(3);
    const simulated = await pro.post(`/api/persons/${id}/messages`, { channel: 'sms', body: 'Hola, te esperamos mañana' });
    expect(simulated.status).toBe(201);
    expect(simulated.body.status).toBe('simulated');
    // 71 characters with an emoji: UCS-2, two segments.
    const twoParts = await pro.post(`/api/persons/${id}/messages`, { channel: 'sms', body: `😀${'a'.repeat(69)}` });
    expect(twoParts.status).toBe(201);
    const settings = await pro.get('/api/messaging/settings');
    expect(settings.body.smsBalance).toBe(0);
    const history = await admin.get('/api/messaging/sms/balance');
    expect(history.body.items.map((h: { delta: number; reason: string }) => [h.reason, h.delta])).toEqual([
      ['sent', -2],
      ['sent', -1],
      ['top_up', 3],
    ]);
    const list = await pro.get(`/api/persons/${id}/messages`);
    expect(list.body.items[0]).toMatchObject({ channel: 'sms', to: '+34600111222', status: 'simulated', simulated: true, segments: 2 });
  });
});

describe('SMS through Twilio', () => {
  let twilio: FakeTwilio;
  let live: TestSystem;
  let client: ApiClient;
  let liveOrg: TestOrganisation;

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    live = await startTestSystem({ withWorker: false, twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, from: twilio.from, apiUrl: twilio.url } });
    liveOrg = await createOrganisation(live.database.db);
    const a = live.client('es');
    await a.login(liveOrg.users.admin.email, TEST_PASSWORD);
    await a.patch('/api/messaging/settings', { smsEnabled: true });
    await a.post('/api/messaging/sms/balance', { delta: 100 });
    client = live.client('es');
    await client.login(liveOrg.users.professional.email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await live?.stop();
    await twilio?.stop();
  });

  const callback = (params: Record<string, string>, signature?: string) =>
    live.app.request(TWILIO_STATUS_CALLBACK_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === undefined ? {} : { 'x-twilio-signature': signature }) },
      body: new URLSearchParams(params).toString(),
    });

  it('hands the SMS to Twilio with a status callback, and takes delivery only from a signed callback', async () => {
    const id = await person(client, { phones: ['+34600222333'] });
    const res = await client.post(`/api/persons/${id}/messages`, { channel: 'sms', body: 'Recuerda tu cita' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('sent');
    const handed = twilio.sent.find((m) => m.to === '+34600222333')!;
    expect(handed.body).toBe('Recuerda tu cita');
    expect(handed.statusCallback).toBe(`${live.config.publicUrl}${TWILIO_STATUS_CALLBACK_PATH}`);

    const params = { MessageSid: handed.sid, MessageStatus: 'delivered', AccountSid: twilio.accountSid };
    const url = `${live.config.publicUrl}${TWILIO_STATUS_CALLBACK_PATH}`;
    expect((await callback(params)).status).toBe(403);
    expect((await callback(params, 'bm90LXRoZS1zaWduYXR1cmU=')).status).toBe(403);
    expect((await callback({ ...params, MessageStatus: 'failed' }, twilio.sign(url, params))).status).toBe(403);
    const [unchanged] = await live.database.db.select().from(messages).where(eq(messages.id, res.body.id));
    expect(unchanged.status).toBe('sent');

    expect((await callback(params, twilio.sign(url, params))).status).toBe(204);
    const list = await client.get(`/api/persons/${id}/messages`);
    expect(list.body.items[0]).toMatchObject({ status: 'delivered', simulated: false });
    expect(list.body.items[0].history.map((h: { status: string }) => h.status)).toEqual(['queued', 'sent', 'delivered']);
    // A late `sent` callback does not take the message back.
    const late = { ...params, MessageStatus: 'sent' };
    expect((await callback(late, twilio.sign(url, late))).status).toBe(204);
    expect((await client.get(`/api/persons/${id}/messages`)).body.items[0].status).toBe('delivered');
  });

  it('fails a message Twilio refuses and gives its segments back', async () => {
    const id = await person(client, { phones: ['+34600333444'] });
    const before = (await client.get('/api/messaging/settings')).body.smsBalance;
    twilio.refuseNext(400, 21211, "The 'To' number is not a valid phone number.");
    const res = await client.post(`/api/persons/${id}/messages`, { channel: 'sms', body: 'Hola' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('failed');
    expect((await client.get(`/api/persons/${id}/messages`)).body.items[0].reason).toMatch(/not a valid phone number/);
    expect((await client.get('/api/messaging/settings')).body.smsBalance).toBe(before);
  });

  it('a retry after an unknown outcome finds the SMS at Twilio instead of sending it again', async () => {
    const id = await person(client, { phones: ['+34600444555'] });
    const service = createMessageService({
      db: live.database.db,
      outbox: live.outbox,
      sms: createSmsGateway({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: twilio.from, apiUrl: twilio.url }),
      publicUrl: live.config.publicUrl,
    });
    const draft = { idempotencyKey: `retry:${uniqueSuffix()}`, organisationId: liveOrg.id, personId: id, channel: 'sms' as const, address: '+34600444555', body: 'Solo una vez' };
    const first = await service.send(draft);
    expect(first.status).toBe('sent');
    // As if the process had died after Twilio accepted and before it stored the SID: the
    // hand-over mark stays, so the retry knows the outcome is unknown.
    await live.database.db.update(messages).set({ providerId: null, status: 'queued' }).where(eq(messages.id, first.id));
    const again = await service.send(draft);
    expect(again.id).toBe(first.id);
    expect(again.status).toBe('sent');
    expect(again.providerId).toBe(first.providerId);
    expect(twilio.sent.filter((m) => m.to === '+34600444555')).toHaveLength(1);
  });
});

describe('bulk messages', () => {
  it('previews who will not receive it and why, sends each their own email, and keeps each in their file', async () => {
    const user = sys.client('es');
    await user.login(org.users.supervisor.email, TEST_PASSWORD);
    const ok1 = `ok1-${uniqueSuffix()}@mail.test`;
    const ok2 = `ok2-${uniqueSuffix()}@mail.test`;
    const a = await person(user, { emails: [ok1] }, 'Ana');
    const b = await person(user, { emails: [ok2] }, 'Bruno');
    const bad = await person(user, { emails: [`x-${uniqueSuffix()}@nowhere.invalid`] }, 'Carla');
    const none = await person(user, { phones: ['+34600555666'] }, 'Dario');
    for (const id of [a, b, bad, none]) expect((await user.put(`/api/persons/${id}/favorite`)).status).toBe(204);

    const preview = await user.post('/api/messages/bulk/preview', { channel: 'email', favorites: true });
    expect(preview.status).toBe(200);
    expect(preview.body.total).toBe(2);
    expect(preview.body.invalid).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ personId: bad, reason: 'invalid_email' }),
        expect.objectContaining({ personId: none, reason: 'missing_email' }),
      ]),
    );

    const started = await user.post('/api/messages/bulk', { channel: 'email', favorites: true, subject: 'Taller de empleo', body: 'Hola {{name}}' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total: 2, invalid: expect.any(Array) });
    const progress = await waitFor(() => user.get(`/api/messages/bulk/${started.body.id}`), (r) => r.body.status !== 'running');
    expect(progress.body).toMatchObject({ status: 'completed', sent: 2, failed: 0, total: 2 });

    const [mailA] = await mailsTo(sys.database.db, ok1);
    expect(mailA.to).toEqual([ok1]);
    expect(mailA.text).toContain('Hola Ana');
    expect(await mailsTo(sys.database.db, ok2)).toHaveLength(1);
    const file = await user.get(`/api/persons/${b}/messages`);
    expect(file.body.items[0]).toMatchObject({ channel: 'email', to: ok2, status: 'sent', ownerType: 'bulk_message', ownerId: started.body.id });

    const report = await user.get(`/api/messages/bulk/${started.body.id}/recipients`);
    expect(report.body.total).toBe(4);
    const outcome = Object.fromEntries(report.body.items.map((r: { personId: string; outcome: string; reason: string | null }) => [r.personId, [r.outcome, r.reason]]));
    expect(outcome[a]).toEqual(['sent', null]);
    expect(outcome[bad]).toEqual(['excluded', 'invalid_email']);
    expect(outcome[none]).toEqual(['excluded', 'missing_email']);

    const late = await user.post(`/api/messages/bulk/${started.body.id}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('bulk_message_not_running');
  });

  it('sends to a contact list, and to selected persons', async () => {
    const addr = `list-${uniqueSuffix()}@mail.test`;
    const id = await person(pro, { emails: [addr] });
    const list = await pro.post('/api/messaging/contact-lists', { name: `Taller ${uniqueSuffix()}`, personIds: [id] });
    expect(list.status).toBe(201);
    expect(list.body.members).toBe(1);
    const started = await pro.post('/api/messages/bulk', { channel: 'email', contactListId: list.body.id, subject: 'Lista', body: 'Hola' });
    expect(started.status).toBe(202);
    await waitFor(() => pro.get(`/api/messages/bulk/${started.body.id}`), (r) => r.body.status === 'completed');
    expect(await mailsTo(sys.database.db, addr)).toHaveLength(1);

    const selected = await pro.post('/api/messages/bulk', { channel: 'email', personIds: [id], subject: 'Selección', body: 'Hola' });
    expect(selected.status).toBe(202);
    await waitFor(() => pro.get(`/api/messages/bulk/${selected.body.id}`), (r) => r.body.status === 'completed');
    expect(await mailsTo(sys.database.db, addr)).toHaveLength(2);
  });

  it('403 for another organisation’s persons, 404 for its bulk sends and lists, 422 with nobody to send to', async () => {
    const theirs = await person(outsider, { emails: [`theirs-${uniqueSuffix()}@mail.test`] });
    const forbidden = await pro.post('/api/messages/bulk', { channel: 'email', personIds: [theirs], subject: 'x', body: 'x' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.details.personIds).toEqual([theirs]);
    expect((await pro.post('/api/messaging/contact-lists', { name: 'x', personIds: [theirs] })).status).toBe(403);

    const mine = await person(pro, { emails: [`mine-${uniqueSuffix()}@mail.test`] });
    const started = await pro.post('/api/messages/bulk', { channel: 'email', personIds: [mine], subject: 'x', body: 'x' });
    expect((await outsider.get(`/api/messages/bulk/${started.body.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/messages/bulk/${started.body.id}/cancel`)).status).toBe(404);
    expect((await outsider.get(`/api/messages/bulk/${started.body.id}/recipients`)).status).toBe(404);
    const list = await pro.post('/api/messaging/contact-lists', { name: 'Mía', personIds: [mine] });
    expect((await outsider.post('/api/messages/bulk', { channel: 'email', contactListId: list.body.id, subject: 'x', body: 'x' })).status).toBe(404);
    expect((await outsider.delete(`/api/messaging/contact-lists/${list.body.id}`)).status).toBe(404);

    const noEmail = await person(pro, {});
    const nobody = await pro.post('/api/messages/bulk', { channel: 'email', personIds: [noEmail], subject: 'x', body: 'x' });
    expect(nobody.status).toBe(422);
    expect(nobody.body.error.code).toBe('no_recipients');

    const two = await pro.post('/api/messages/bulk', { channel: 'email', favorites: true, personIds: [mine], subject: 'x', body: 'x' });
    expect(two.status).toBe(400);
  });

  it('an SMS bulk send past the balance is 422 sms_balance_exhausted before anything is sent', async () => {
    const fresh = await createOrganisation(sys.database.db);
    const a = sys.client('es');
    await a.login(fresh.users.admin.email, TEST_PASSWORD);
    const off = await a.post('/api/messages/bulk', { channel: 'sms', personIds: [await person(a, { phones: ['+34600777888'] })], body: 'Hola' });
    expect(off.status).toBe(422);
    expect(off.body.error.code).toBe('sms_disabled');
    await a.patch('/api/messaging/settings', { smsEnabled: true });
    await a.post('/api/messaging/sms/balance', { delta: 1 });
    const ids = [await person(a, { phones: ['+34600777889'] }), await person(a, { phones: ['+34600777890'] })];
    const res = await a.post('/api/messages/bulk', { channel: 'sms', personIds: ids, body: 'Hola' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'sms_balance_exhausted', details: { needed: 2, balance: 1 } });
    const recipients = await sys.database.db.select().from(bulkMessageRecipients).where(and(eq(bulkMessageRecipients.organisationId, fresh.id)));
    expect(recipients).toHaveLength(0);
    expect(await sys.database.db.select().from(capturedMails).where(eq(capturedMails.organisationId, fresh.id))).toHaveLength(0);
  });
});
