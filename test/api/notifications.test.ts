import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationActivities } from '../../activities/notification.activities';
import { dateParam } from '../../domain/dates';
import { startTestSystem, type ApiClient, type TestSystem } from '../support/api';
import { createOrganisation, mailsTo, TEST_PASSWORD, waitForMail, type TestOrganisation } from '../support/fixtures';

let sys: TestSystem;
let org: TestOrganisation;
let ana: ApiClient;
let notify: ReturnType<typeof createNotificationActivities>['notify'];

beforeAll(async () => {
  sys = await startTestSystem({ withWorker: false });
  org = await createOrganisation(sys.database.db);
  ana = sys.client();
  await ana.login(org.users.professional.email, TEST_PASSWORD);
  notify = createNotificationActivities({ db: sys.database.db, outbox: sys.outbox, publicUrl: 'http://cauce.test' }).notify;
});
afterAll(async () => sys?.stop());

describe('[avisos] in-app notifications', () => {
  it('are listed newest first in the reader’s language, with unread count, and marked read', async () => {
    await notify({ organisationId: org.id, userIds: [org.users.professional.id], kind: 'test', messageKey: 'notifications.test', params: { subject: 'EXP-1' }, link: '/personas/1' });
    await notify({ organisationId: org.id, userIds: [org.users.professional.id], kind: 'test', messageKey: 'notifications.test', params: { subject: 'EXP-2' } });
    const es = await ana.get('/api/notifications');
    expect(es.status).toBe(200);
    expect(es.body.unread).toBe(2);
    expect(es.body.items.map((n: { message: string }) => n.message)).toEqual(['Aviso de prueba sobre EXP-2', 'Aviso de prueba sobre EXP-1']);
    expect(es.body.items[1]).toMatchObject({ kind: 'test', link: '/personas/1', readAt: null });

    const it = sys.client('it');
    await it.login(org.users.professional.email, TEST_PASSWORD);
    expect((await it.get('/api/notifications')).body.items[0].message).toBe('Avviso di prova su EXP-2');

    expect((await ana.post(`/api/notifications/${es.body.items[0].id}/read`)).status).toBe(204);
    expect((await ana.get('/api/notifications')).body.unread).toBe(1);
    expect((await ana.get('/api/notifications?unread=true')).body.items).toHaveLength(1);
    expect((await ana.post('/api/notifications/read-all')).status).toBe(204);
    expect((await ana.get('/api/notifications')).body.unread).toBe(0);
  });

  it('dates inside notifications and their emails are written for the reader, in the organisation’s time zone, never as ISO', async () => {
    const rome = await createOrganisation(sys.database.db, { timezone: 'Europe/Rome', locale: 'it' });
    const due = dateParam('2026-12-05T09:30:00.000Z');
    await notify({ organisationId: org.id, userIds: [org.users.professional.id], kind: 'intervention.follow_up_due', messageKey: 'notifications.follow_up.due', params: { code: 'INT-000042', due }, email: true });
    const es = (await ana.get('/api/notifications')).body.items[0].message;
    expect(es).toBe('Tienes un seguimiento que vence el 5 dic 2026, 10:30 en la intervención INT-000042.');
    const mail = await waitForMail(sys.database.db, org.users.professional.email, (s) => s.includes('INT-000042'));
    expect(mail.subject).toContain('5 dic 2026, 10:30');
    expect(mail.subject).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // Another organisation's time zone, another reader's language.
    await notify({ organisationId: rome.id, userIds: [rome.users.professional.id], kind: 'intervention.follow_up_due', messageKey: 'notifications.follow_up.due', params: { code: 'INT-000043', due: dateParam('2026-07-05T16:00:00.000Z') } });
    const marco = sys.client('en');
    await marco.login(rome.users.professional.email, TEST_PASSWORD);
    expect((await marco.get('/api/notifications')).body.items[0].message).toBe('You have a follow-up due on Jul 5, 2026, 6:00 PM in intervention INT-000043.');
  });

  it('someone else’s notification is 404', async () => {
    await notify({ organisationId: org.id, userIds: [org.users.admin.id], kind: 'test', messageKey: 'notifications.test', params: { subject: 'private' } });
    const admin = sys.client();
    await admin.login(org.users.admin.email, TEST_PASSWORD);
    const [mine] = (await admin.get('/api/notifications')).body.items;
    expect((await ana.post(`/api/notifications/${mine.id}/read`)).status).toBe(404);
  });

  it('a retried notification is delivered once, and its email once', async () => {
    const input = { organisationId: org.id, userIds: [org.users.supervisor.id], kind: 'test', messageKey: 'notifications.test', params: { subject: 'EXP-9' }, link: '/x', dedupeKey: 'overdue:fu-1:1', email: true };
    expect((await notify(input)).notified).toBe(1);
    expect((await notify(input)).notified).toBe(0);
    const mail = await waitForMail(sys.database.db, org.users.supervisor.email);
    expect(mail.subject).toBe('Cauce · Aviso de prueba sobre EXP-9');
    expect(mail.text).toContain('http://cauce.test/x');
    await new Promise((r) => setTimeout(r, 300));
    expect(await mailsTo(sys.database.db, org.users.supervisor.email)).toHaveLength(1);
  });
});
