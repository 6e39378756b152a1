// The referral workflow on the time-skipping server: the answer reminder after N working days
// (with the service's reminder email), the escalation after 2N, the outcome request M days after
// acceptance, each cancelled by the answer that makes it moot, and every refused transition.
// Real activities: Postgres projection, message service and SMTP capture.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import type { WorkflowHandle } from '@temporalio/client';
import { interventions, outboxMessages, personEmails, persons, referrals, resources } from '../../db/schema';
import { defaultReferralPolicy, type ReferralPolicy } from '../../domain/referrals';
import { addCalendarDays, addWorkingDays } from '../../domain/working-days';
import type { referralWorkflow } from '../../workflows/referral';
import {
  answerReferralUpdate,
  attachReferralConsentFileUpdate,
  referralStateQuery,
  referralWorkflowId,
  scheduleReferralFollowUpUpdate,
  sendReferralUpdate,
  type ReferralSendRequest,
} from '../../workflows/referral.definitions';
import { createOrganisation, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { updateRefusal, withRunningWorker, serverDayAhead, type TimeSkippingHarness } from '../support/time-skipping';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Europe/Madrid';

let h: TimeSkippingHarness;
let org: TestOrganisation;
let holiday: string;

withRunningWorker(async (harness) => {
  h = harness;
  // A holiday two days ahead: working days skip it as they skip weekends.
  holiday = await serverDayAhead(h, 2, TZ);
  org = await createOrganisation(h.database.db, { settings: { holidays: [holiday] } });
});

const calendar = () => ({ timezone: TZ, holidays: [holiday] });
const professional = () => org.users.professional.id;
const policy = (p: Partial<ReferralPolicy> = {}): ReferralPolicy => ({ ...defaultReferralPolicy, ...p });

/** A referral as the API creates it: its rows, then its workflow. */
async function draftReferral() {
  const db = h.database.db;
  const suffix = uniqueSuffix();
  const [person] = await db.insert(persons).values({ organisationId: org.id, code: `EXP-${suffix}`, firstName: 'Lucía', lastName: 'Muñoz' }).returning();
  await db.insert(personEmails).values({ personId: person.id, organisationId: org.id, address: `lucia-${suffix}@example.org`, isPrimary: true });
  const interventionId = randomUUID();
  const code = `INT-${suffix}`;
  await db.insert(interventions).values({ id: interventionId, organisationId: org.id, personId: person.id, code, needCode: '0301', groupCode: '03', assigneeId: professional(), openedBy: professional(), workflowId: `intervention-${interventionId}` });
  const serviceEmail = `servicio-${suffix}@test.cauce.local`;
  const [resource] = await db.insert(resources).values({ organisationId: org.id, name: 'Centro de Empleo Norte', email: serviceEmail, languages: ['it'] }).returning();
  const id = randomUUID();
  const workflowId = referralWorkflowId(id);
  await db.insert(referrals).values({ id, organisationId: org.id, interventionId, personId: person.id, resourceId: resource.id, resourceName: resource.name, assigneeId: professional(), createdBy: professional(), workflowId });
  const handle = await h.env.client.workflow.start<typeof referralWorkflow>('referralWorkflow', {
    taskQueue: h.taskQueue,
    workflowId,
    args: [{ referralId: id, organisationId: org.id, interventionId, personId: person.id, resourceId: resource.id, resourceName: resource.name, code, assigneeId: professional(), createdBy: professional(), note: 'Orientación laboral', calendar: calendar(), policy: policy() }],
  });
  return { id, handle, email: `lucia-${suffix}@example.org`, serviceEmail };
}

type Handle = WorkflowHandle<typeof referralWorkflow>;
const state = (handle: Handle) => handle.query(referralStateQuery);
const actions = async (handle: Handle) => (await state(handle)).history.map((e) => e.action);
const sendArgs = (email: string | null, p: Partial<ReferralPolicy> = {}): ReferralSendRequest => ({
  by: professional(),
  channels: ['email'],
  consent: { given: true, method: 'verbal' },
  email,
  phone: null,
  serviceEmail: null,
  calendar: calendar(),
  policy: policy(p),
});

const refusal = async (p: Promise<unknown>) => (await updateRefusal(p)).type;

describe('referral chasing (time-skipping)', () => {
  it('reminds the service and the professional after N working days, escalates to supervisors after 2N', async () => {
    const { id, handle, serviceEmail } = await draftReferral();
    await handle.executeUpdate(sendReferralUpdate, { args: [sendArgs('x@example.org', { answerWorkingDays: 3 })] });
    const s = await state(handle);
    const reminderAt = addWorkingDays(new Date(s.sentAt!), 3, calendar());
    const escalationAt = addWorkingDays(new Date(s.sentAt!), 6, calendar());
    expect(s).toMatchObject({ status: 'sent', nextChase: 'answer_reminder', nextChaseAt: reminderAt.toISOString() });
    // The holiday and the weekend do not count: more than 3 calendar days.
    expect(reminderAt.getTime() - new Date(s.sentAt!).getTime()).toBeGreaterThan(3 * DAY);

    await h.sleepUntil(reminderAt, -HOUR);
    expect(await h.noticeKinds(professional(), id)).toEqual([]);
    await h.sleepUntil(reminderAt, HOUR);
    await expect.poll(() => h.noticeKinds(professional(), id)).toEqual(['referral.answer_reminder']);
    // The service's reminder, with a new link, in its language (it).
    const reminders = await h.database.db.select().from(outboxMessages).where(like(outboxMessages.dedupeKey, `referral:${id}:answer_reminder:%`));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ recipient: serviceEmail });
    expect(reminders[0].subject).toContain('Promemoria');
    expect((await state(handle)).nextChase).toBe('escalation');

    await h.sleepUntil(escalationAt, -HOUR);
    expect(await h.noticeKinds(org.users.supervisor.id, id)).toEqual([]);
    await h.sleepUntil(escalationAt, HOUR);
    await expect.poll(() => h.noticeKinds(org.users.supervisor.id, id)).toEqual(['referral.escalated']);
    const after = await state(handle);
    expect(after).toMatchObject({ chases: 2, nextChase: null, nextChaseAt: null });
    expect(after.history.map((e) => e.action)).toEqual(['created', 'sent', 'answer_reminder', 'escalated']);
    const [row] = await h.database.db.select().from(referrals).where(eq(referrals.id, id));
    expect(row).toMatchObject({ status: 'sent', chases: 2, nextChaseAt: null });

    await handle.executeUpdate(answerReferralUpdate, { args: [{ by: professional(), status: 'cancelled', reason: 'Sin respuesta', via: 'phone' }] });
    await handle.result();
  });

  it('an answer cancels the reminder; acceptance asks for the outcome after M days; completing ends the workflow', async () => {
    const { id, handle } = await draftReferral();
    await handle.executeUpdate(sendReferralUpdate, { args: [sendArgs('x@example.org', { answerWorkingDays: 3, outcomeDays: 30 })] });
    const reminderAt = new Date((await state(handle)).nextChaseAt!);
    await h.env.sleep(DAY);
    await handle.executeUpdate(answerReferralUpdate, { args: [{ by: null, byLabel: 'Centro de Empleo Norte', status: 'accepted', via: 'link' }] });
    const accepted = await state(handle);
    const outcomeAt = addCalendarDays(new Date(accepted.answeredAt!), 30, TZ);
    expect(accepted).toMatchObject({ status: 'accepted', nextChase: 'outcome_request', nextChaseAt: outcomeAt.toISOString() });

    await h.sleepUntil(reminderAt, 2 * DAY);
    expect(await actions(handle)).not.toContain('answer_reminder');
    expect(await h.noticeKinds(professional(), id)).toEqual(['referral.answered']);

    await h.sleepUntil(outcomeAt, -HOUR);
    expect(await actions(handle)).not.toContain('outcome_requested');
    await h.sleepUntil(outcomeAt, HOUR);
    await expect.poll(() => h.noticeKinds(professional(), id)).toEqual(['referral.answered', 'referral.outcome_requested']);
    expect((await state(handle)).nextChaseAt).toBeNull();

    await handle.executeUpdate(answerReferralUpdate, { args: [{ by: professional(), status: 'completed', via: 'phone' }] });
    const final = await handle.result();
    expect(final.status).toBe('completed');
    expect(final.history.map((e) => e.action)).toEqual(['created', 'sent', 'accepted', 'outcome_requested', 'completed']);
  });

  it('cancelling a sent referral stops its chase at once', async () => {
    const { id, handle } = await draftReferral();
    await handle.executeUpdate(sendReferralUpdate, { args: [sendArgs('x@example.org')] });
    await handle.executeUpdate(answerReferralUpdate, { args: [{ by: professional(), status: 'cancelled', reason: 'La persona ya no lo necesita', via: 'in_person' }] });
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'cancelled', reason: 'La persona ya no lo necesita', nextChaseAt: null });
    await h.env.sleep(20 * DAY);
    expect(await h.noticeKinds(professional(), id)).toEqual([]);
  });
});

describe('referral validators', () => {
  it('refuse sending without consent or address, illegal transitions, missing reasons, completing with follow-ups pending', async () => {
    const { handle } = await draftReferral();
    const send = (args: Partial<ReferralSendRequest>) => handle.executeUpdate(sendReferralUpdate, { args: [{ ...sendArgs('x@example.org'), ...args }] });
    const answer = (args: Record<string, unknown>) => handle.executeUpdate(answerReferralUpdate, { args: [{ by: professional(), via: 'phone', ...args } as never] });

    expect(await refusal(send({ consent: null }))).toBe('consent_required');
    expect(await refusal(send({ consent: { given: false, method: 'verbal' } }))).toBe('consent_required');
    expect(await refusal(send({ email: null }))).toBe('missing_email');
    expect(await refusal(send({ channels: ['email', 'sms'] }))).toBe('missing_phone');
    expect(await refusal(send({ channels: [] }))).toBe('channel_required');
    expect(await refusal(answer({ status: 'accepted' }))).toBe('transition_not_allowed');
    expect(await refusal(answer({ status: 'completed' }))).toBe('transition_not_allowed');
    expect(await refusal(send({ by: professional(), email: 'bad\u0000@example.org' }))).toBe('invalid_input');

    await send({});
    expect(await refusal(send({}))).toBe('transition_not_allowed');
    expect(await refusal(answer({ status: 'declined' }))).toBe('reason_required');
    expect(await refusal(answer({ status: 'completed' }))).toBe('transition_not_allowed');
    await answer({ status: 'accepted' });
    const dueAt = new Date((await h.env.currentTimeMs()) + 2 * DAY).toISOString();
    await handle.executeUpdate(scheduleReferralFollowUpUpdate, { args: [{ by: professional(), id: randomUUID(), dueAt, note: 'Llamar tras la cita', calendar: calendar(), policy: policy() }] });
    expect(await refusal(answer({ status: 'completed' }))).toBe('follow_ups_pending');
    // Refusals never enter the history.
    expect(await actions(handle)).toEqual(['created', 'sent', 'accepted', 'follow_up_scheduled']);
    await answer({ status: 'cancelled', reason: 'Cierre de prueba' });
    expect(await refusal(answer({ status: 'accepted' }))).toBe('transition_not_allowed');
  });

  it('the signed consent file: only for written consent, once; recorded in the state, the history and the projection', async () => {
    const file = { id: randomUUID(), name: 'consentimiento.pdf', mediaType: 'application/pdf' as const, size: 1234 };
    const attach = (handle: Handle) => handle.executeUpdate(attachReferralConsentFileUpdate, { args: [{ by: professional(), file }] });

    const verbal = await draftReferral();
    expect(await refusal(attach(verbal.handle))).toBe('consent_not_written');
    await verbal.handle.executeUpdate(sendReferralUpdate, { args: [sendArgs('x@example.org')] });
    expect(await refusal(attach(verbal.handle))).toBe('consent_not_written');

    const written = await draftReferral();
    await written.handle.executeUpdate(sendReferralUpdate, { args: [{ ...sendArgs('x@example.org'), consent: { given: true, method: 'written' } }] });
    await attach(written.handle);
    expect(await refusal(attach(written.handle))).toBe('consent_file_exists');
    const s = await state(written.handle);
    expect(s.consent).toMatchObject({ method: 'written', file: { ...file, attachedBy: professional() } });
    expect(s.history.map((e) => e.action)).toEqual(['created', 'sent', 'consent_file_attached']);
    const [row] = await h.database.db.select().from(referrals).where(eq(referrals.id, written.id));
    expect(row.consent).toMatchObject({ given: true, method: 'written', file: { id: file.id, name: 'consentimiento.pdf', size: 1234 } });
  });
});
