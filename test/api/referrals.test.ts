// Referrals through the real API, real Postgres, the Temporal dev server with a worker and the
// SMTP capture: the contract section of API.md, the 410 links, the 422 and 409 rules, access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, messages, notifications, referrals, resources } from '../../db/schema';
import { issuePublicLink, revokePublicLinks } from '../../db/public-links';
import { newLinkToken } from '../../security/public-links';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, TEST_PASSWORD, uniqueSuffix, waitForMail, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let partner: TestOrganisation;
let other: TestOrganisation;
let ana: ApiClient; // professional
let sara: ApiClient; // supervisor
let signer: ApiClient;
let outsider: ApiClient; // another organisation's admin
let partnerUser: ApiClient;
let serviceEmail: string;
let resourceId: string;
let partnerResourceId: string;

beforeAll(async () => {
  sys = await startTestSystem();
  org = await createOrganisation(sys.database.db);
  partner = await createOrganisation(sys.database.db);
  other = await createOrganisation(sys.database.db);
  const login = async (email: string) => {
    const c = sys.client();
    await c.login(email, TEST_PASSWORD);
    return c;
  };
  ana = await login(org.users.professional.email);
  sara = await login(org.users.supervisor.email);
  signer = await login(org.users.signer.email);
  outsider = await login(other.users.admin.email);
  partnerUser = await login(partner.users.professional.email);
  serviceEmail = `servicio-${uniqueSuffix()}@test.cauce.local`;
  const [r] = await sys.database.db
    .insert(resources)
    .values({ organisationId: org.id, name: 'Centro de Empleo Norte', email: serviceEmail, phone: '+34910000000', address: 'Calle Mayor 1', languages: ['en', 'es'], needCodes: ['0301'] })
    .returning();
  resourceId = r.id;
  const [p] = await sys.database.db
    .insert(resources)
    .values({ organisationId: org.id, name: 'Asociación Socia', email: `socia-${uniqueSuffix()}@test.cauce.local`, partnerOrganisationId: partner.id })
    .returning();
  partnerResourceId = p.id;
});
afterAll(async () => sys?.stop());

/** A person (with an email, no phone) and an open intervention of theirs. */
async function newCase() {
  const person = await ana.post('/api/persons', { firstName: 'Lucía', lastName: 'Muñoz Pérez', email: `lucia-${uniqueSuffix()}@example.org` });
  expect(person.status).toBe(201);
  const assessed = await ana.post(`/api/persons/${person.body.id}/assessments`, { summary: 'Busca su primer empleo.', needs: ['030101'] });
  expect(assessed.status, JSON.stringify(assessed.body)).toBe(201);
  return { personId: person.body.id as string, email: person.body.email as string, interventionId: assessed.body.interventions[0].id as string };
}

async function draft(interventionId: string, resource = resourceId) {
  const res = await ana.post(`/api/interventions/${interventionId}/referrals`, { resourceId: resource, note: 'Necesita orientación laboral urgente.' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.status).toBe('draft');
  return res.body.id as string;
}

const consent = { given: true, method: 'verbal' };
const linkIn = (text: string | null) => /\/derivaciones\/respuesta\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];

describe('[derivaciones] closed loop through the service’s link', () => {
  it('consent gate, sending, the email with a working link, answers, follow-ups, 410 and the close rule', async () => {
    const c = await newCase();
    const id = await draft(c.interventionId);

    // 403 per role, 404 across organisations.
    expect((await signer.post(`/api/interventions/${c.interventionId}/referrals`, { resourceId })).status).toBe(403);
    expect((await outsider.post(`/api/interventions/${c.interventionId}/referrals`, { resourceId })).status).toBe(404);
    expect((await outsider.get(`/api/referrals/${id}`)).status).toBe(404);
    expect((await outsider.post(`/api/referrals/${id}/send`, { channels: ['email'], consent })).status).toBe(404);
    expect((await signer.post(`/api/referrals/${id}/send`, { channels: ['email'], consent })).status).toBe(403);
    expect((await ana.post(`/api/interventions/${c.interventionId}/referrals`, { resourceId: 'not-a-uuid' })).status).toBe(400);

    // 422: no consent, no phone on file.
    const noConsent = await ana.post(`/api/referrals/${id}/send`, { channels: ['email'] });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.error.code).toBe('consent_required');
    const notGiven = await ana.post(`/api/referrals/${id}/send`, { channels: ['email'], consent: { given: false, method: 'verbal' } });
    expect(notGiven.body.error.code).toBe('consent_required');
    const noPhone = await ana.post(`/api/referrals/${id}/send`, { channels: ['email', 'sms'], consent });
    expect(noPhone.status).toBe(422);
    expect(noPhone.body.error.code).toBe('missing_phone');

    const sent = await ana.post(`/api/referrals/${id}/send`, { channels: ['email'], consent });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toEqual({ id, status: 'sent' });
    expect((await ana.post(`/api/referrals/${id}/send`, { channels: ['email'], consent })).status).toBe(409);

    // The person is told through the message service, linked to the referral.
    const told = await sys.database.db.select().from(messages).where(and(eq(messages.ownerType, 'referral'), eq(messages.ownerId, id)));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ channel: 'email', address: c.email, personId: c.personId });
    expect(told[0].body).toContain('Centro de Empleo Norte');

    // The service gets its email in its language (its first: en) with a link that works.
    const mail = await waitForMail(sys.database.db, serviceEmail, (s) => s.startsWith('New referral from'));
    expect(mail.text).toContain('Lucía Muñoz Pérez');
    expect(mail.text).toContain('Necesita orientación laboral urgente.');
    expect(mail.text).toContain(org.users.professional.email);
    const token = linkIn(mail.text)!;
    expect(token).toBeTruthy();
    const view = await sys.client().get(`/api/referral-answers/${token}`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body).toMatchObject({ status: 'sent', locale: 'en', resource: 'Centro de Empleo Norte', person: 'Lucía Muñoz Pérez', decisions: ['accepted', 'declined'] });
    expect((await sys.client().get(`/api/referral-answers/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await sys.client().get('/api/referral-answers/short')).status).toBe(404);

    // The intervention lists it and cannot close while it is unresolved.
    const detail = await ana.get(`/api/interventions/${c.interventionId}`);
    expect(detail.body.referrals.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[id, 'sent']]);
    const close = await ana.post(`/api/interventions/${c.interventionId}/status`, { status: 'closed', reason: 'objectives_met' });
    expect(close.status).toBe(409);
    expect(close.body.error.code).toBe('close_blocked');
    expect(close.body.error.message).toContain('Centro de Empleo Norte');
    expect(close.body.error.details.blockers[0]).toMatchObject({ type: 'referral', id });

    // The service accepts through its link; the professional is notified.
    const declineWithoutReason = await sys.client().post(`/api/referral-answers/${token}`, { decision: 'declined' });
    expect(declineWithoutReason.status).toBe(400);
    const accepted = await sys.client().post(`/api/referral-answers/${token}`, { decision: 'accepted', note: 'Cita el lunes a las 10.' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const notices = await sys.database.db.select().from(notifications).where(and(eq(notifications.userId, org.users.professional.id), eq(notifications.subjectId, id)));
    expect(notices.map((n) => n.kind)).toContain('referral.answered');
    await waitForMail(sys.database.db, org.users.professional.email, (s) => s.includes('Centro de Empleo Norte'));

    // A follow-up blocks completion (409 naming it) until it is done.
    const fu = await ana.post(`/api/referrals/${id}/follow-ups`, { dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), note: 'Llamar a Lucía tras la cita' });
    expect(fu.status, JSON.stringify(fu.body)).toBe(201);
    const blocked = await ana.post(`/api/referrals/${id}/status`, { status: 'completed' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('follow_ups_pending');
    expect(blocked.body.error.message).toContain('Llamar a Lucía tras la cita');
    expect(blocked.body.error.details.followUps[0].id).toBe(fu.body.id);
    const byService = await sys.client().post(`/api/referral-answers/${token}`, { decision: 'completed' });
    expect(byService.status).toBe(409);
    const calendar = await ana.get(`/api/calendar?from=${new Date().toISOString()}&to=${new Date(Date.now() + 5 * 86_400_000).toISOString()}`);
    const entry = calendar.body.items.find((i: { id: string }) => i.id === fu.body.id);
    expect(entry).toMatchObject({ interventionId: c.interventionId, owner: { type: 'referral', id, title: 'Centro de Empleo Norte' } });
    expect((await ana.post(`/api/referrals/${id}/follow-ups/${fu.body.id}/complete`, { outcome: 'Fue a la cita' })).status).toBe(200);

    const completed = await sys.client().post(`/api/referral-answers/${token}`, { decision: 'completed' });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body.status).toBe('completed');
    // Resolved: the link is dead.
    const gone = await sys.client().get(`/api/referral-answers/${token}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('link_resolved');
    expect((await sys.client().post(`/api/referral-answers/${token}`, { decision: 'no_show' })).status).toBe(410);

    const got = await ana.get(`/api/referrals/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, interventionId: c.interventionId, personId: c.personId, resourceId, status: 'completed', consent: { given: true, method: 'verbal', recordedBy: org.users.professional.id } });
    const history = [...got.body.history].reverse();
    expect(history.map((h: { action: string }) => h.action)).toEqual(['created', 'sent', 'accepted', 'follow_up_scheduled', 'follow_up_completed', 'completed']);
    expect(history[2]).toMatchObject({ actorId: null, actorName: 'Centro de Empleo Norte', details: { via: 'link' } });
    expect(got.body.followUps[0]).toMatchObject({ id: fu.body.id, status: 'completed' });

    const fhir = await ana.get(`/api/referrals/${id}/fhir`);
    expect(fhir.status).toBe(200);
    expect(fhir.body.entry.map((e: { resource: { resourceType: string; status: string } }) => [e.resource.resourceType, e.resource.status])).toEqual([
      ['ServiceRequest', 'completed'],
      ['Task', 'completed'],
    ]);

    // Resolved: the intervention closes.
    const closed = await ana.post(`/api/interventions/${c.interventionId}/status`, { status: 'closed', reason: 'objectives_met' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  });

  it('revoked and expired links answer 410', async () => {
    const c = await newCase();
    const id = await draft(c.interventionId);
    const issue = async (expiresAt: Date) => {
      const { token, tokenHash } = newLinkToken();
      await issuePublicLink(sys.database.db, { tokenHash, organisationId: org.id, purpose: 'referral_answer', subjectType: 'referral', subjectId: id, expiresAt });
      return token;
    };
    const expired = await issue(new Date(Date.now() - 1000));
    const res = await sys.client().get(`/api/referral-answers/${expired}`);
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('link_expired');
    const live = await issue(new Date(Date.now() + 86_400_000));
    expect((await sys.client().get(`/api/referral-answers/${live}`)).status).toBe(200);
    await revokePublicLinks(sys.database.db, { type: 'referral', id }, 'revoked');
    const revoked = await sys.client().post(`/api/referral-answers/${live}`, { decision: 'accepted' });
    expect(revoked.status).toBe(410);
    expect(revoked.body.error.code).toBe('link_revoked');
  });
});

describe('[derivaciones] staff, partners, lists and report', () => {
  it('staff record answers learnt by phone; cancel needs a reason; the history says who and how', async () => {
    const c = await newCase();
    const id = await draft(c.interventionId);
    expect((await ana.post(`/api/referrals/${id}/status`, { status: 'accepted' })).status).toBe(409);
    expect((await ana.post(`/api/referrals/${id}/status`, { status: 'cancelled' })).status).toBe(400);
    expect((await ana.post(`/api/referrals/${id}/status`, { status: 'bogus' })).status).toBe(400);
    expect((await signer.post(`/api/referrals/${id}/status`, { status: 'cancelled', reason: 'x' })).status).toBe(403);
    expect((await ana.post(`/api/referrals/${id}/send`, { channels: ['email'], consent })).status).toBe(200);
    const declined = await sara.post(`/api/referrals/${id}/status`, { status: 'declined', reason: 'Sin plazas', via: 'phone' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    const got = await ana.get(`/api/referrals/${id}`);
    expect(got.body.status).toBe('declined');
    expect(got.body.reason).toBe('Sin plazas');
    expect(got.body.history[0]).toMatchObject({ action: 'declined', actorId: org.users.supervisor.id, details: { via: 'phone', reason: 'Sin plazas' } });
    // The assignee hears of what someone else recorded.
    const notices = await sys.database.db.select().from(notifications).where(and(eq(notifications.userId, org.users.professional.id), eq(notifications.subjectId, id)));
    expect(notices.map((n) => n.kind)).toContain('referral.answered');
  });

  it('a partner organisation sees the referral among those received and answers in the app', async () => {
    const c = await newCase();
    const id = await draft(c.interventionId, partnerResourceId);
    expect((await partnerUser.get('/api/referrals/received')).body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await ana.post(`/api/referrals/${id}/send`, { channels: ['email'], consent: { given: true, method: 'written' } })).status).toBe(200);
    const received = await partnerUser.get('/api/referrals/received');
    expect(received.status).toBe(200);
    expect(received.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({ status: 'sent', fromOrganisation: org.name, personName: 'Lucía Muñoz Pérez' });
    expect((await partnerUser.get(`/api/referrals/${id}`)).status).toBe(404);
    expect((await outsider.post(`/api/referrals/${id}/answer`, { decision: 'accepted' })).status).toBe(404);
    const answered = await partnerUser.post(`/api/referrals/${id}/answer`, { decision: 'declined', reason: 'Fuera de nuestra zona' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const got = await ana.get(`/api/referrals/${id}`);
    expect(got.body.history[0]).toMatchObject({ action: 'declined', actorName: partner.users.professional.name, details: { via: 'in_app' } });
  });

  it('lists mine awaiting an answer, counts them in the Resumen, reports by resource and professional with CSV', async () => {
    const c = await newCase();
    const id = await draft(c.interventionId);
    expect((await ana.post(`/api/referrals/${id}/send`, { channels: ['email'], consent })).status).toBe(200);
    const mine = await ana.get('/api/referrals?assignee=me&awaitingAnswer=true&pageSize=200');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(mine.body.items.every((r: { status: string }) => r.status === 'sent')).toBe(true);
    expect((await ana.get('/api/referrals?status=completed&pageSize=200')).body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await ana.get('/api/referrals?status=nope')).status).toBe(400);
    expect((await outsider.get('/api/referrals?pageSize=200')).body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    const summary = await ana.get('/api/interventions/summary');
    expect(summary.body.referrals.awaitingAnswer).toBeGreaterThanOrEqual(1);
    expect(summary.body.referrals.mine).toBeGreaterThanOrEqual(1);

    expect((await ana.get('/api/referrals/report')).status).toBe(403);
    const report = await sara.get('/api/referrals/report');
    expect(report.status).toBe(200);
    expect(report.body.overall.total).toBeGreaterThanOrEqual(4);
    expect(report.body.byResource.map((r: { name: string }) => r.name)).toContain('Centro de Empleo Norte');
    expect(report.body.overall.byStatus.completed).toBeGreaterThanOrEqual(1);
    const csv = await sara.get('/api/referrals/report?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(String(csv.body).split('\r\n')[0]).toContain('median_working_days_to_answer');
  });

  it('deleting the person removes their referrals', async () => {
    const c = await newCase();
    const id = await draft(c.interventionId);
    expect((await ana.post(`/api/referrals/${id}/status`, { status: 'cancelled', reason: 'Ya no lo necesita' })).status).toBe(200);
    expect((await ana.post(`/api/interventions/${c.interventionId}/status`, { status: 'closed', reason: 'person_declined' })).status).toBe(200);
    const admin = sys.client();
    await admin.login(org.users.admin.email, TEST_PASSWORD);
    const deleted = await admin.delete(`/api/persons/${c.personId}`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);
    expect(await sys.database.db.select().from(referrals).where(eq(referrals.id, id))).toHaveLength(0);
  });
});

describe('[derivaciones] the signed written consent, attached later', () => {
  const upload = (client: ApiClient, id: string, name: string, content: Uint8Array) => {
    const form = new FormData();
    form.append('file', new Blob([content as Uint8Array<ArrayBuffer>]), name);
    return client.request('POST', `/api/referrals/${id}/consent-file`, form);
  };
  // A real PNG header and bytes that are not text: the download must give them back unchanged.
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0x80, 0x00, 0x01]);

  it('attaches a PDF, JPEG or PNG (recognised by content) to written consent only, once; downloads the same bytes; the history says so', async () => {
    const c = await newCase();
    const id = await draft(c.interventionId);
    // Draft: no consent recorded yet → 409 consent_not_written.
    const early = await upload(ana, id, 'consentimiento.png', png);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('consent_not_written');
    expect((await ana.post(`/api/referrals/${id}/send`, { channels: ['email'], consent: { given: true, method: 'written' } })).status).toBe(200);
    expect((await ana.get(`/api/referrals/${id}/consent-file`)).status).toBe(404);

    // Access: another organisation sees nothing (404), a signer-only account may not edit (403).
    expect((await upload(outsider, id, 'x.png', png)).status).toBe(404);
    expect((await outsider.get(`/api/referrals/${id}/consent-file`)).status).toBe(404);
    expect((await upload(signer, id, 'x.png', png)).status).toBe(403);

    // The type comes from the content, not the name: a text file called .pdf is refused.
    const fake = await upload(ana, id, 'consentimiento.pdf', new TextEncoder().encode('not a pdf at all'));
    expect(fake.status).toBe(400);
    expect(fake.body.error.code).toBe('consent_file_type');
    expect(fake.body.error.message).toContain('PDF, JPEG o PNG');
    const big = await upload(ana, id, 'grande.pdf', new Uint8Array(10 * 1024 * 1024 + 1));
    expect(big.status).toBe(400);
    expect(big.body.error.code).toBe('attachment_too_large');

    // A PNG named like a path with a wrong extension: stored with a safe name and its real type.
    const added = await upload(ana, id, '../../etc/Consentimiento <firmado>.pdf', png);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ name: 'Consentimiento firmado.png', mediaType: 'image/png', size: png.byteLength });
    const again = await upload(ana, id, 'otra.png', png);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('consent_file_exists');

    const file = await sara.getBytes(`/api/referrals/${id}/consent-file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toContain('Consentimiento firmado.png');
    expect([...file.bytes]).toEqual([...png]);

    const detail = await ana.get(`/api/referrals/${id}`);
    expect(detail.body.consent).toMatchObject({ method: 'written', file: { name: 'Consentimiento firmado.png', mediaType: 'image/png', size: png.byteLength, attachedBy: org.users.professional.id } });
    expect(detail.body.history[0]).toMatchObject({ action: 'consent_file_attached', actorId: org.users.professional.id, details: { name: 'Consentimiento firmado.png' } });
    const [audited] = await sys.database.db.select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'referral.consent_file_attached')));
    expect(audited?.actorId).toBe(org.users.professional.id);
  });

  it('verbal consent takes no file: 409 consent_not_written', async () => {
    const c = await newCase();
    const id = await draft(c.interventionId);
    expect((await ana.post(`/api/referrals/${id}/send`, { channels: ['email'], consent })).status).toBe(200);
    const res = await upload(ana, id, 'consentimiento.pdf', new TextEncoder().encode('%PDF-1.4 firmado'));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('consent_not_written');
    expect(res.body.error.message).toContain('por escrito');
  });
});
