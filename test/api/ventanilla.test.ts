import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications, unitMembers, users } from '../../db/schema';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, waitForMail, type TestOrganisation } from '../support/fixtures';
import { assigneeKey, businessKeyKey, kindKey, organisationKey, statusKey } from '../../workflows/search-attributes';

let sys: TestSystem;
let sender: TestOrganisation;
let recipient: TestOrganisation;
let third: TestOrganisation;
let author: ApiClient;
let signer: ApiClient;
let signer2: ApiClient;
let signer2Id: string;
let receiver: ApiClient;
let outsider: ApiClient;
let nonMember: ApiClient;
let forwardee: ApiClient;

/** A user added to an organisation (not to its unit unless `unitId` is given). */
async function addUser(org: TestOrganisation, roles: string[], unitId?: string) {
  const db = sys.database.db;
  const email = `extra-${uniqueSuffix()}@test.cauce.local`;
  const [u] = await db
    .insert(users)
    .values({ organisationId: org.id, email, name: `Extra ${roles.join('+')} ${uniqueSuffix()}`, roles, status: 'active', passwordHash: await hash(TEST_PASSWORD) })
    .returning();
  if (unitId) await db.insert(unitMembers).values({ unitId, userId: u.id });
  return u;
}

async function as(email: string, locale = 'es') {
  const client = sys.client(locale);
  await client.login(email, TEST_PASSWORD);
  return client;
}

beforeAll(async () => {
  sys = await startTestSystem();
  const db = sys.database.db;
  sender = await createOrganisation(db, { settings: { holidays: [] } });
  recipient = await createOrganisation(db, { locale: 'it', timezone: 'Europe/Rome' });
  third = await createOrganisation(db);
  author = await as(sender.users.professional.email);
  signer = await as(sender.users.signer.email);
  const s2 = await addUser(sender, ['signer'], sender.unitId);
  signer2Id = s2.id;
  signer2 = await as(s2.email);
  receiver = await as(recipient.users.professional.email, 'it');
  outsider = await as(third.users.professional.email);
  nonMember = await as((await addUser(recipient, ['professional'])).email);
  forwardee = await as(third.users.supervisor.email);
});
afterAll(async () => sys?.stop());

async function draft(overrides: Record<string, unknown> = {}) {
  const res = await author.post('/api/ventanilla', { recipientUnitId: recipient.unitId, subject: `Solicitud ${uniqueSuffix()}`, body: 'Solicitamos información sobre el expediente.', ...overrides });
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string; registryNumber: string; workflowId: string };
}

/** A communication signed by the organisation's signer and delivered to the recipient unit. */
async function delivered() {
  const { id } = await draft();
  expect((await author.post(`/api/ventanilla/${id}/submit`, { signerId: sender.users.signer.id })).status).toBe(200);
  const signed = await signer.post(`/api/ventanilla/${id}/sign`);
  expect(signed.status).toBe(200);
  return signed.body;
}

const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
};

describe('[ventanilla] units', () => {
  it('lists every receiving unit across organisations, and the caller’s own with mine=true', async () => {
    const all = await author.get('/api/units');
    expect(all.status).toBe(200);
    const ids = all.body.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([sender.unitId, recipient.unitId, third.unitId]));
    expect(all.body.find((u: { id: string }) => u.id === recipient.unitId)).toMatchObject({ name: recipient.name, organisationId: recipient.id });
    const mine = await author.get('/api/units?mine=true');
    expect(mine.body.map((u: { id: string }) => u.id)).toEqual([sender.unitId]);
  });

  it('admins add units and members of their own organisation only', async () => {
    const admin = await as(sender.users.admin.email);
    const created = await admin.post('/api/units', { name: 'Registro General' });
    expect(created.status).toBe(201);
    expect((await admin.put(`/api/units/${created.body.id}/members/${sender.users.professional.id}`, { position: 'Técnica' })).status).toBe(204);
    const members = await admin.get(`/api/units/${created.body.id}/members`);
    expect(members.body).toEqual([expect.objectContaining({ userId: sender.users.professional.id, position: 'Técnica' })]);
    expect((await admin.put(`/api/units/${created.body.id}/members/${recipient.users.professional.id}`, {})).status).toBe(404);
    expect((await author.post('/api/units', { name: 'No' })).status).toBe(403);
    expect((await admin.delete(`/api/units/${created.body.id}/members/${sender.users.professional.id}`)).status).toBe(204);
  });
});

describe('[ventanilla] author → signer rejects → author fixes → signer signs → recipient receives and processes', () => {
  it('runs the whole journey with the right 403/409 on the way', async () => {
    const created = await draft({ subject: 'Petición de informe social' });
    expect(created).toMatchObject({ status: 'draft' });
    expect(created.registryNumber).toMatch(/^VE-\d{4}-\d{6}$/);
    const { id } = created;

    const patched = await author.patch(`/api/ventanilla/${id}`, { body: 'Texto corregido.' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'draft', body: 'Texto corregido.', can: { edit: true, submit: true, sign: false } });

    expectError(await signer.patch(`/api/ventanilla/${id}`, { body: 'no' }), 403, 'forbidden_not_author');
    expectError(await author.post(`/api/ventanilla/${id}/sign`), 409, 'communication_not_awaiting_signature');

    const submitted = await author.post(`/api/ventanilla/${id}/submit`, { signerId: sender.users.signer.id });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'awaiting_signature', signingMode: 'sequential', signers: [{ userId: sender.users.signer.id, name: sender.users.signer.name, status: 'pending' }] });

    const locked = await author.patch(`/api/ventanilla/${id}`, { subject: 'Otro' });
    expectError(locked, 409, 'communication_not_draft');
    expect(locked.body.error.message).toBe('Solo se puede modificar o enviar a firma un borrador (estado: pendiente de firma).');
    expectError(await author.post(`/api/ventanilla/${id}/sign`), 403, 'forbidden_author_cannot_sign');
    expectError(await signer2.post(`/api/ventanilla/${id}/sign`), 403, 'forbidden_not_signer');
    expectError(await receiver.post(`/api/ventanilla/${id}/receive`), 404, 'not_found');

    // The signer sees it in the tray, is told by email, and rejects with a reason.
    const tray = await signer.get('/api/signature-tray');
    expect(tray.body.items.map((i: { id: string }) => i.id)).toContain(id);
    await waitForMail(sys.database.db, sender.users.signer.email, (s) => s.includes(created.registryNumber));
    expect((await signer.get(`/api/ventanilla/${id}`)).body.can).toMatchObject({ sign: true, reject: true, withdraw: false });
    expectError(await signer.post(`/api/ventanilla/${id}/reject`, { reason: '  ' }), 400, 'invalid_input');
    const rejected = await signer.post(`/api/ventanilla/${id}/reject`, { reason: 'Falta el número de expediente' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('draft');
    expect(rejected.body.signers[0]).toMatchObject({ status: 'rejected', reason: 'Falta el número de expediente' });
    expect(rejected.body.history.at(-1)).toMatchObject({ action: 'rejected', actorId: sender.users.signer.id, note: 'Falta el número de expediente', label: 'Firma rechazada' });
    expect((await signer.get('/api/signature-tray')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    await waitForMail(sys.database.db, sender.users.professional.email, (s) => s.includes('rechazado'));

    // The author fixes it and submits again; this time it is signed and delivered.
    expect((await author.patch(`/api/ventanilla/${id}`, { body: 'Expediente EXP-000123: solicitamos informe.' })).status).toBe(200);
    expect((await author.post(`/api/ventanilla/${id}/submit`, { signerId: sender.users.signer.id })).status).toBe(200);
    const signed = await signer.post(`/api/ventanilla/${id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'pending_reception', currentUnit: { id: recipient.unitId } });
    expect(signed.body.verificationCode).toMatch(/^CAUCE(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(signed.body.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    expectError(await signer.post(`/api/ventanilla/${id}/sign`), 409, 'communication_not_awaiting_signature');
    expectError(await author.post(`/api/ventanilla/${id}/withdraw`), 409, 'communication_not_awaiting_signature');

    // The recipient unit: told by email, sees it in its inbox; only members may receive it.
    await waitForMail(sys.database.db, recipient.users.professional.email, (s) => s.includes(created.registryNumber));
    const inbox = await receiver.get('/api/ventanilla?box=inbox&status=pending_reception');
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expectError(await author.post(`/api/ventanilla/${id}/receive`), 403, 'forbidden_sender');
    expectError(await nonMember.post(`/api/ventanilla/${id}/receive`), 404, 'not_found');
    expectError(await receiver.post(`/api/ventanilla/${id}/process`, { observations: 'x' }), 409, 'communication_not_received');
    const received = await receiver.post(`/api/ventanilla/${id}/receive`);
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: 'received', can: { process: true, close: true, forward: true, receive: false } });
    expect(received.body.statusName).toBe('ricevuta');
    expectError(await receiver.post(`/api/ventanilla/${id}/receive`), 409, 'communication_not_pending_reception');

    const processed = await receiver.post(`/api/ventanilla/${id}/process`, { observations: 'Informe enviado por correo postal.' });
    expect(processed.status).toBe(200);
    expect(processed.body.status).toBe('processed');

    // The author reads the observations and the whole history.
    const seen = await author.get(`/api/ventanilla/${id}`);
    expect(seen.body).toMatchObject({ status: 'processed', observations: 'Informe enviado por correo postal.' });
    expect(seen.body.history.map((e: { action: string }) => e.action)).toEqual(['created', 'submitted', 'rejected', 'submitted', 'signed', 'delivered', 'received', 'processed']);
    expect(Object.values(seen.body.can).some(Boolean)).toBe(true);
    expect(seen.body.can).toMatchObject({ edit: false, sign: false, process: false, followUp: true });
    await waitForMail(sys.database.db, sender.users.professional.email, (s) => s.includes('tramitado'));
    const notes = await author.get('/api/notifications');
    expect(notes.body.items.some((n: { kind: string; link: string }) => n.kind === 'ventanilla.processed' && n.link === `/ventanilla/${id}`)).toBe(true);

    const finished = await receiver.post(`/api/ventanilla/${id}/close`, { reason: 'x' });
    expectError(finished, 409, 'communication_finished');

    const description = await sys.temporal.workflow.getHandle(created.workflowId).describe();
    expect(description.typedSearchAttributes.get(kindKey)).toBe('ventanilla');
    expect(description.typedSearchAttributes.get(organisationKey)).toBe(sender.id);
    expect(description.typedSearchAttributes.get(statusKey)).toBe('processed');
    expect(description.typedSearchAttributes.get(businessKeyKey)).toBe(created.registryNumber);
    const audits = await sys.database.db.select().from(auditLog).where(and(eq(auditLog.subjectType, 'communication'), eq(auditLog.subjectId, id)));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['communication.created', 'communication.rejected', 'communication.signed', 'communication.received', 'communication.processed']));
  });
});

describe('[ventanilla] signing', () => {
  it('withdraw pulls it back to draft and out of the tray; only the author may', async () => {
    const { id, workflowId } = await draft();
    await author.post(`/api/ventanilla/${id}/submit`, { signerId: sender.users.signer.id });
    expect((await sys.temporal.workflow.getHandle(workflowId).describe()).typedSearchAttributes.get(assigneeKey)).toBe(sender.users.signer.id);
    expectError(await signer.post(`/api/ventanilla/${id}/withdraw`), 403, 'forbidden_not_author');
    const withdrawn = await author.post(`/api/ventanilla/${id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'draft', signers: [{ status: 'cancelled' }] });
    expect((await signer.get('/api/signature-tray')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expectError(await author.post(`/api/ventanilla/${id}/withdraw`), 409, 'communication_not_awaiting_signature');
    expectError(await signer.post(`/api/ventanilla/${id}/sign`), 409, 'communication_not_awaiting_signature');
  });

  it('cascade: the second signer waits for the first; each signer’s state is kept', async () => {
    const { id } = await draft();
    const submitted = await author.post(`/api/ventanilla/${id}/submit`, { signerIds: [sender.users.signer.id, signer2Id], mode: 'sequential' });
    expect(submitted.body.signers.map((s: { status: string }) => s.status)).toEqual(['pending', 'waiting']);
    expect((await signer2.get('/api/signature-tray')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expectError(await signer2.post(`/api/ventanilla/${id}/sign`), 403, 'forbidden_not_your_turn');
    const first = await signer.post(`/api/ventanilla/${id}/sign`);
    expect(first.body).toMatchObject({ status: 'awaiting_signature', signers: [{ status: 'signed' }, { status: 'pending' }] });
    expectError(await signer.post(`/api/ventanilla/${id}/sign`), 409, 'already_signed');
    const tray = await signer2.get('/api/signature-tray');
    expect(tray.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ position: 2, signers: { total: 2, signed: 1 }, pdfUrl: `/api/ventanilla/${id}/pdf` });
    const second = await signer2.post(`/api/ventanilla/${id}/sign`);
    expect(second.body).toMatchObject({ status: 'pending_reception', signers: [{ status: 'signed' }, { status: 'signed' }] });
  });

  it('parallel: both trays show it at once and either signs first; one rejection returns it to draft', async () => {
    const { id } = await draft();
    await author.post(`/api/ventanilla/${id}/submit`, { signerIds: [sender.users.signer.id, signer2Id], mode: 'parallel' });
    expect((await signer.get('/api/signature-tray')).body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await signer2.get('/api/signature-tray')).body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await signer2.post(`/api/ventanilla/${id}/sign`)).body.status).toBe('awaiting_signature');
    expect((await signer.post(`/api/ventanilla/${id}/sign`)).body.status).toBe('pending_reception');

    const other = await draft();
    await author.post(`/api/ventanilla/${other.id}/submit`, { signerIds: [sender.users.signer.id, signer2Id], mode: 'parallel' });
    await signer.post(`/api/ventanilla/${other.id}/sign`);
    const rejected = await signer2.post(`/api/ventanilla/${other.id}/reject`, { reason: 'No procede' });
    expect(rejected.body).toMatchObject({ status: 'draft', signers: [{ status: 'signed' }, { status: 'rejected', reason: 'No procede' }] });
  });

  it('signers must hold the signer role in the author’s organisation and not be the author (400)', async () => {
    const { id } = await draft();
    expectError(await author.post(`/api/ventanilla/${id}/submit`, { signerId: sender.users.supervisor.id }), 400, 'invalid_signer');
    expectError(await author.post(`/api/ventanilla/${id}/submit`, { signerId: recipient.users.signer.id }), 400, 'invalid_signer');
    expectError(await author.post(`/api/ventanilla/${id}/submit`, { signerIds: [sender.users.signer.id, sender.users.signer.id], mode: 'parallel' }), 400, 'invalid_signer');
    expectError(await author.post(`/api/ventanilla/${id}/submit`, { signerIds: [], mode: 'parallel' }), 400, 'invalid_input');
    expectError(await author.post(`/api/ventanilla/${id}/submit`, { signerIds: [sender.users.signer.id], mode: 'random' }), 400, 'invalid_input');
    expectError(await signer.post(`/api/ventanilla/${id}/submit`, { signerId: signer2Id }), 403, 'forbidden_not_author');
  });

  it('where the organisation asks for it, signing needs the signer’s password again; elsewhere no body is needed', async () => {
    const strict = await createOrganisation(sys.database.db, { settings: { signingRequiresPassword: true } });
    const writer = await as(strict.users.professional.email);
    const boss = await as(strict.users.signer.email);
    const make = async () => {
      const { id } = (await writer.post('/api/ventanilla', { recipientUnitId: recipient.unitId, subject: `Firma con clave ${uniqueSuffix()}`, body: 'Texto.' })).body;
      await writer.post(`/api/ventanilla/${id}/submit`, { signerId: strict.users.signer.id });
      return id as string;
    };
    const id = await make();
    const missing = await boss.request('POST', `/api/ventanilla/${id}/sign`);
    expectError(missing, 400, 'invalid_input');
    expect(missing.body.error.details.fields[0]).toMatchObject({ path: 'password', code: 'password_required' });
    expect(missing.body.error.details.fields[0].message).toContain('contraseña');
    expect((await boss.post(`/api/ventanilla/${id}/sign`, { password: 'no-es-esta' })).body.error.details.fields[0].code).toBe('wrong_password');
    expect((await boss.get(`/api/ventanilla/${id}`)).body.status).toBe('awaiting_signature');
    const signed = await boss.post(`/api/ventanilla/${id}/sign`, { password: TEST_PASSWORD });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('pending_reception');

    const [a, b] = [await make(), await make()];
    expectError(await boss.post('/api/signature-tray/sign', { ids: [a, b] }), 400, 'invalid_input');
    expect((await boss.post('/api/signature-tray/sign', { ids: [a, b], password: TEST_PASSWORD })).body).toMatchObject({ signed: 2, failed: 0 });

    // An organisation that does not ask: a sign with no body at all.
    const { id: plain } = await draft();
    await author.post(`/api/ventanilla/${plain}/submit`, { signerId: sender.users.signer.id });
    expect((await signer.request('POST', `/api/ventanilla/${plain}/sign`)).status).toBe(200);
  });

  it('bulk sign signs each one separately and reports every failure', async () => {
    const mine = [await draft(), await draft()];
    for (const d of mine) await author.post(`/api/ventanilla/${d.id}/submit`, { signerId: sender.users.signer.id });
    const notMine = await draft();
    await author.post(`/api/ventanilla/${notMine.id}/submit`, { signerId: signer2Id });
    const stillDraft = await draft();
    const missing = randomUUID();
    const res = await signer.post('/api/signature-tray/sign', { ids: [mine[0].id, notMine.id, stillDraft.id, missing, mine[1].id] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ signed: 2, failed: 3 });
    expect(res.body.results).toEqual([
      { id: mine[0].id, ok: true, status: 'pending_reception' },
      { id: notMine.id, ok: false, error: expect.objectContaining({ status: 403, code: 'forbidden_not_signer' }) },
      { id: stillDraft.id, ok: false, error: expect.objectContaining({ status: 409, code: 'communication_not_awaiting_signature' }) },
      { id: missing, ok: false, error: expect.objectContaining({ status: 404, code: 'not_found' }) },
      { id: mine[1].id, ok: true, status: 'pending_reception' },
    ]);
  });
});

describe('[ventanilla] reception, forwarding, closing', () => {
  it('forwarding sends it on to another unit, keeping the chain in the history', async () => {
    const { id } = await delivered();
    await receiver.post(`/api/ventanilla/${id}/receive`);
    expectError(await receiver.post(`/api/ventanilla/${id}/forward`, { unitId: recipient.unitId }), 409, 'forward_same_unit');
    expectError(await receiver.post(`/api/ventanilla/${id}/forward`, { unitId: 'nope' }), 400, 'invalid_input');
    const forwarded = await receiver.post(`/api/ventanilla/${id}/forward`, { unitId: third.unitId, note: 'Corresponde a otro servicio' });
    expect(forwarded.status).toBe(200);
    expect(forwarded.body).toMatchObject({ status: 'pending_reception', currentUnit: { id: third.unitId }, recipientUnitId: recipient.unitId });
    expect(forwarded.body.history.at(-1)).toMatchObject({ action: 'forwarded', note: 'Corresponde a otro servicio', details: { fromUnitId: recipient.unitId, toUnitId: third.unitId } });
    // Listed as "Reenviada", a status of its own to filter by (as Séneca lists it), until the new unit receives it.
    expect({ forwarded: forwarded.body.forwarded, statusName: forwarded.body.statusName }).toEqual({ forwarded: true, statusName: 'inoltrata' }); // the receiving unit reads Italian
    const waiting = await forwardee.get('/api/ventanilla?box=inbox&status=forwarded');
    expect(waiting.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(waiting.body.counts.forwarded).toBeGreaterThanOrEqual(1);
    expect((await forwardee.get('/api/ventanilla?box=inbox&status=pending_reception')).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    // The forwarding unit can still read it; the new unit receives and closes it.
    expect((await receiver.get(`/api/ventanilla/${id}`)).status).toBe(200);
    expectError(await receiver.post(`/api/ventanilla/${id}/receive`), 403, 'forbidden_not_recipient_member');
    expect((await forwardee.post(`/api/ventanilla/${id}/receive`)).status).toBe(200);
    expectError(await forwardee.post(`/api/ventanilla/${id}/close`, {}), 400, 'invalid_input');
    const closed = await forwardee.post(`/api/ventanilla/${id}/close`, { reason: 'Falta documentación' });
    expect(closed.body).toMatchObject({ status: 'closed_unprocessed', closeReason: 'Falta documentación', observations: 'Falta documentación' });
    const seen = await author.get(`/api/ventanilla/${id}`);
    expect(seen.body.history.map((e: { action: string }) => e.action)).toEqual(['created', 'submitted', 'signed', 'delivered', 'received', 'forwarded', 'received', 'closed_unprocessed']);
  });

  it('a new communication about this one is a linked draft; nobody replies inside it', async () => {
    const { id, registryNumber } = await delivered();
    await receiver.post(`/api/ventanilla/${id}/receive`);
    await receiver.post(`/api/ventanilla/${id}/process`, { observations: 'Falta el anexo II' });
    const followUp = await author.post(`/api/ventanilla/${id}/follow-up-communication`, {});
    expect(followUp.status).toBe(201);
    expect(followUp.body).toMatchObject({ status: 'draft', followUpOf: id });
    const fresh = await author.get(`/api/ventanilla/${followUp.body.id}`);
    expect(fresh.body).toMatchObject({ recipientUnitId: recipient.unitId, followUpOf: { id, registryNumber }, status: 'draft' });
    expect(fresh.body.subject).toContain(registryNumber);
    expectError(await author.post(`/api/ventanilla/${followUp.body.id}/submit`, { signerId: sender.users.signer.id }), 409, 'communication_incomplete');
    expect((await author.get(`/api/ventanilla/${id}`)).body.followUps.map((f: { id: string }) => f.id)).toEqual([followUp.body.id]);
    // From the recipient's side, it goes back to the sender unit.
    const back = await receiver.post(`/api/ventanilla/${id}/follow-up-communication`, { body: 'Adjuntamos el anexo.' });
    expect((await receiver.get(`/api/ventanilla/${back.body.id}`)).body).toMatchObject({ recipientUnitId: sender.unitId, senderUnit: { id: recipient.unitId } });
  });
});

describe('[ventanilla] visibility, boxes and counts', () => {
  it('another organisation’s communication is 404 unless you are its signer or in a unit it reached', async () => {
    const { id } = await draft();
    expectError(await outsider.get(`/api/ventanilla/${id}`), 404, 'not_found');
    expectError(await receiver.get(`/api/ventanilla/${id}`), 404, 'not_found');
    expectError(await outsider.post(`/api/ventanilla/${id}/sign`), 404, 'not_found');
    expectError(await outsider.get(`/api/ventanilla/${id}/pdf`), 404, 'not_found');
    expect((await sys.client().get(`/api/ventanilla/${id}`)).status).toBe(401);
    await author.post(`/api/ventanilla/${id}/submit`, { signerId: sender.users.signer.id });
    await signer.post(`/api/ventanilla/${id}/sign`);
    expect((await receiver.get(`/api/ventanilla/${id}`)).status).toBe(200);
    expectError(await outsider.get(`/api/ventanilla/${id}`), 404, 'not_found');
    expectError(await author.get(`/api/ventanilla/${randomUUID()}`), 404, 'not_found');
    expectError(await author.get('/api/ventanilla/does-not-exist'), 400, 'invalid_input');
  });

  it('the recipient organisation sees what was sent and its own steps, never the sender’s rejection or its reason', async () => {
    const { id } = await draft();
    await author.post(`/api/ventanilla/${id}/submit`, { signerId: sender.users.signer.id });
    expect((await signer.post(`/api/ventanilla/${id}/reject`, { reason: 'Motivo interno: el jefe no está de acuerdo' })).status).toBe(200);
    await author.post(`/api/ventanilla/${id}/submit`, { signerIds: [signer2Id, sender.users.signer.id], mode: 'parallel' });
    await signer.post(`/api/ventanilla/${id}/sign`);
    await signer2.post(`/api/ventanilla/${id}/sign`);
    expect((await receiver.post(`/api/ventanilla/${id}/receive`)).status).toBe(200);

    const inside = await author.get(`/api/ventanilla/${id}`);
    expect(inside.body.history.map((e: { action: string }) => e.action)).toEqual(['created', 'submitted', 'rejected', 'submitted', 'signed', 'signed', 'delivered', 'received']);

    const outside = await receiver.get(`/api/ventanilla/${id}`);
    expect(outside.status).toBe(200);
    expect(outside.body.history.map((e: { action: string }) => e.action)).toEqual(['delivered', 'received']);
    expect(JSON.stringify(outside.body)).not.toContain('Motivo interno');
    expect(outside.body.submittedAt).toBeNull();
    expect(outside.body.signers.map((s: { name: string; status: string; reason: string | null }) => [s.status, s.reason])).toEqual([
      ['signed', null],
      ['signed', null],
    ]);
    expect(outside.body.signedAt).not.toBeNull();
    expect(outside.body.deliveredAt).not.toBeNull();
    // A signer of the sending organisation keeps the whole history.
    expect((await signer.get(`/api/ventanilla/${id}`)).body.history.map((e: { action: string }) => e.action)).toContain('rejected');
  });

  it('outbox and inbox list with counts per status, filtered by status, paginated', async () => {
    const org = await createOrganisation(sys.database.db);
    const me = await as(org.users.professional.email);
    const signerOf = await as(org.users.signer.email);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await me.post('/api/ventanilla', { recipientUnitId: third.unitId, subject: `Lista ${i}`, body: 'Texto' });
      ids.push(res.body.id);
    }
    await me.post(`/api/ventanilla/${ids[0]}/submit`, { signerId: org.users.signer.id });
    await me.post(`/api/ventanilla/${ids[1]}/submit`, { signerId: org.users.signer.id });
    await signerOf.post(`/api/ventanilla/${ids[1]}/sign`);
    const outbox = await me.get('/api/ventanilla?box=outbox');
    expect(outbox.status).toBe(200);
    expect(outbox.body.total).toBe(3);
    expect(outbox.body.counts).toMatchObject({ draft: 1, awaiting_signature: 1, pending_reception: 1, received: 0, processed: 0, closed_unprocessed: 0 });
    const drafts = await me.get('/api/ventanilla?box=outbox&status=draft&pageSize=1');
    expect(drafts.body).toMatchObject({ total: 1, items: [{ id: ids[2], status: 'draft', statusName: 'borrador', currentUnit: { id: third.unitId } }] });
    const page2 = await me.get('/api/ventanilla?box=outbox&pageSize=2&page=2');
    expect(page2.body.items).toHaveLength(1);
    const inbox = await forwardee.get('/api/ventanilla?box=inbox');
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(ids[1]);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).not.toContain(ids[0]);
    expect(Object.keys(inbox.body.counts).sort()).toEqual(['closed_unprocessed', 'forwarded', 'pending_reception', 'processed', 'received']);
    expectError(await me.get('/api/ventanilla?box=sideways'), 400, 'invalid_input');
  });

  it('validates input and names the fields', async () => {
    const res = await author.post('/api/ventanilla', { recipientUnitId: recipient.unitId, subject: '', body: 'x' });
    expectError(res, 400, 'invalid_input');
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['subject']);
    const unknown = await author.post('/api/ventanilla', { recipientUnitId: 'nope', subject: 'a', body: 'b' });
    expectError(unknown, 400, 'invalid_input');
    expect(unknown.body.error.details.fields[0].path).toBe('recipientUnitId');
    expectError(await author.post('/api/ventanilla', { recipientUnitId: sender.unitId, subject: 'a', body: 'b' }), 400, 'invalid_input');
  });
});

describe('[ventanilla] attachments', () => {
  const upload = (client: ApiClient, id: string, name: string, content: Uint8Array) => {
    const form = new FormData();
    form.append('file', new Blob([content as Uint8Array<ArrayBuffer>]), name);
    return client.request('POST', `/api/ventanilla/${id}/attachments`, form);
  };

  it('stores files and links in draft, refuses big files and odd types with a clear 400, and locks them after submitting', async () => {
    const { id } = await draft();
    const pdf = new TextEncoder().encode('%PDF-1.4 fake');
    const added = await upload(author, id, 'informe técnico.pdf', pdf);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'file', name: 'informe técnico.pdf', size: pdf.byteLength });
    const file = await author.get(`/api/ventanilla/${id}/attachments/${added.body.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');

    const big = await upload(author, id, 'grande.pdf', new Uint8Array(10 * 1024 * 1024 + 1));
    expectError(big, 400, 'attachment_too_large');
    expect(big.body.error.message).toContain('10 MB');
    const exe = await upload(author, id, 'virus.exe', new Uint8Array([1, 2, 3]));
    expectError(exe, 400, 'attachment_type_not_allowed');
    expect(exe.body.error.message).toContain('pdf');

    const link = await author.post(`/api/ventanilla/${id}/links`, { url: 'https://consigna.example.org/f/abc123', label: 'Anexo II (Consigna)' });
    expect(link.status).toBe(201);
    expectError(await author.post(`/api/ventanilla/${id}/links`, { url: 'javascript:alert(1)', label: 'x' }), 400, 'invalid_input');
    expectError(await upload(signer, id, 'otro.pdf', pdf), 403, 'forbidden_not_author');

    const seen = await author.get(`/api/ventanilla/${id}`);
    expect(seen.body.attachments.map((a: { name: string; kind: string }) => [a.kind, a.name])).toEqual([
      ['file', 'informe técnico.pdf'],
      ['link', 'Anexo II (Consigna)'],
    ]);
    expect(seen.body.attachments[1].url).toBe('https://consigna.example.org/f/abc123');

    await author.post(`/api/ventanilla/${id}/submit`, { signerId: sender.users.signer.id });
    expectError(await upload(author, id, 'tarde.pdf', pdf), 409, 'communication_not_draft');
    expectError(await author.delete(`/api/ventanilla/${id}/attachments/${added.body.id}`), 409, 'communication_not_draft');
    // The refused upload left nothing behind.
    expect((await author.get(`/api/ventanilla/${id}`)).body.attachments).toHaveLength(2);
    await author.post(`/api/ventanilla/${id}/withdraw`);
    expect((await author.delete(`/api/ventanilla/${id}/attachments/${added.body.id}`)).status).toBe(204);
    expect((await author.get(`/api/ventanilla/${id}`)).body.attachments).toHaveLength(1);
    expectError(await author.get(`/api/ventanilla/${id}/attachments/${added.body.id}`), 404, 'not_found');
  });
});

describe('[ventanilla] notifications reach the recipient unit across organisations', () => {
  it('in-app, in the reader’s language', async () => {
    const { id, registryNumber } = await delivered();
    await expect
      .poll(async () => (await sys.database.db.select().from(notifications).where(and(eq(notifications.userId, recipient.users.professional.id), eq(notifications.subjectId, id)))).length)
      .toBeGreaterThan(0);
    const list = await receiver.get('/api/notifications');
    const note = list.body.items.find((n: { subjectId: string }) => n.subjectId === id);
    expect(note.message).toContain(`Nuova comunicazione per ${recipient.name}: ${registryNumber}`);
  });
});
