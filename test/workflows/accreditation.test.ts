// The accreditation workflow on the time-skipping server: the service centre is reminded once the
// request has waited 2 working days (weekends and the organisation's holidays skipped), a decision
// ends the request and tells the operator, and the validators refuse every wrong actor.
// Real activities: Postgres projection, notifications and their emails through the outbox.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { WorkflowHandle } from '@temporalio/client';
import { accreditations, notifications, outboxMessages, users } from '../../db/schema';
import { ACCREDITATION_REMINDER_WORKING_DAYS, type AccreditationRequestFields } from '../../domain/accreditations';
import { addWorkingDays } from '../../domain/working-days';
import type { accreditationWorkflow } from '../../workflows/accreditation';
import {
  accreditationStateQuery,
  accreditationWorkflowId,
  decideAccreditationUpdate,
  editAccreditationUpdate,
  submitAccreditationUpdate,
} from '../../workflows/accreditation.definitions';
import { createCpiOrganisation, type TestCpi } from '../support/accreditations';
import { createOrganisation, type TestOrganisation } from '../support/fixtures';
import { updateRefusal, withRunningWorker, serverDayAhead, type TimeSkippingHarness } from '../support/time-skipping';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Europe/Rome';

let h: TimeSkippingHarness;
let cpi: TestCpi;
let other: TestOrganisation;
let holiday: string;

withRunningWorker(async (harness) => {
  h = harness;
  // A holiday one day ahead: working days skip it as they skip weekends.
  holiday = await serverDayAhead(h, 1, TZ);
  cpi = await createCpiOrganisation(h.database.db, { holidays: [holiday] });
  // The operator reads Italian: the decision's email is in their language.
  await h.database.db.update(users).set({ locale: 'it' }).where(eq(users.id, cpi.users.professional.id));
  other = await createOrganisation(h.database.db, { kind: 'cpi' });
  await h.database.db.update(users).set({ roles: ['service_centre'] }).where(eq(users.id, other.users.supervisor.id));
});

const calendar = () => ({ timezone: TZ, holidays: [holiday] });
const request: AccreditationRequestFields = { cpiId: 'CPI Bari', province: 'BA', qualification: 'Operatore', phone: '+39 080 123456', note: null };
const operator = () => ({ by: cpi.users.professional.id, organisationId: cpi.id, roles: ['professional'] });
const centre = () => ({ by: cpi.serviceCentre.id, organisationId: cpi.id, roles: ['service_centre'] });

/** A request as the API files it: its row, then its workflow. */
async function fileRequest(submit = true) {
  const db = h.database.db;
  await db.delete(accreditations).where(eq(accreditations.userId, cpi.users.professional.id));
  const id = randomUUID();
  const workflowId = accreditationWorkflowId(id);
  await db.insert(accreditations).values({ id, organisationId: cpi.id, userId: cpi.users.professional.id, cpiId: request.cpiId, status: submit ? 'pending' : 'draft', workflowId });
  const handle = await h.env.client.workflow.start<typeof accreditationWorkflow>('accreditationWorkflow', {
    taskQueue: h.taskQueue,
    workflowId,
    args: [{ accreditationId: id, organisationId: cpi.id, requesterId: cpi.users.professional.id, request, submit, calendar: calendar(), reminderWorkingDays: ACCREDITATION_REMINDER_WORKING_DAYS }],
  });
  return { id, handle };
}

type Handle = WorkflowHandle<typeof accreditationWorkflow>;
const state = (handle: Handle) => handle.query(accreditationStateQuery);
const refusal = async (p: Promise<unknown>) => (await updateRefusal(p)).type;
const row = async (id: string) => (await h.database.db.select().from(accreditations).where(eq(accreditations.id, id)))[0];

describe('accreditation (time-skipping)', () => {
  it('reminds the service centre after 2 working days, then the approval tells the operator in the app and by email', async () => {
    const { id, handle } = await fileRequest();
    await expect.poll(() => h.noticeKinds(cpi.serviceCentre.id, id)).toEqual(['accreditation.submitted']);
    const s = await state(handle);
    const reminderAt = addWorkingDays(new Date(s.submittedAt!), 2, calendar());
    expect(s).toMatchObject({ status: 'pending', nextReminderAt: reminderAt.toISOString() });
    // The holiday (and any weekend) does not count: more than 2 calendar days.
    expect(reminderAt.getTime() - new Date(s.submittedAt!).getTime()).toBeGreaterThan(2 * DAY);
    await expect.poll(async () => (await row(id)).nextReminderAt?.toISOString()).toBe(reminderAt.toISOString());

    await h.sleepUntil(reminderAt, -HOUR);
    expect(await h.noticeKinds(cpi.serviceCentre.id, id)).toEqual(['accreditation.submitted']);
    await h.sleepUntil(reminderAt, HOUR);
    await expect.poll(() => h.noticeKinds(cpi.serviceCentre.id, id)).toEqual(['accreditation.submitted', 'accreditation.reminder']);
    // Once: nothing more however long it waits.
    await h.env.sleep(10 * DAY);
    expect(await h.noticeKinds(cpi.serviceCentre.id, id)).toEqual(['accreditation.submitted', 'accreditation.reminder']);
    expect((await state(handle)).reminders).toBe(1);

    await handle.executeUpdate(decideAccreditationUpdate, { args: [{ ...centre(), decision: 'approved' }] });
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'approved', decidedBy: cpi.serviceCentre.id, reason: null, nextReminderAt: null });
    expect(final.history.map((e) => e.action)).toEqual(['created', 'submitted', 'reminded', 'approved']);
    expect(await row(id)).toMatchObject({ status: 'approved', reminders: 1, decidedBy: cpi.serviceCentre.id });
    await expect.poll(() => h.noticeKinds(cpi.users.professional.id, id)).toEqual(['accreditation.approved']);
    // The operator's email, in their language.
    const subjects = async () => (await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, cpi.users.professional.email))).map((m) => m.subject);
    await expect.poll(subjects).toEqual([expect.stringContaining('Il tuo accreditamento per CPI Bari è stato approvato')]);
  });

  it('a rejection needs a reason, ends the request and tells the operator why', async () => {
    const { id, handle } = await fileRequest();
    expect(await refusal(handle.executeUpdate(decideAccreditationUpdate, { args: [{ ...centre(), decision: 'rejected', reason: '  ' }] }))).toBe('reason_required');
    await handle.executeUpdate(decideAccreditationUpdate, { args: [{ ...centre(), decision: 'rejected', reason: 'Qualifica non indicata' }] });
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'rejected', reason: 'Qualifica non indicata' });
    await expect.poll(() => h.noticeKinds(cpi.users.professional.id, id)).toEqual(['accreditation.rejected']);
    const [n] = await h.database.db.select().from(notifications).where(and(eq(notifications.userId, cpi.users.professional.id), eq(notifications.subjectId, id)));
    expect(n.params).toMatchObject({ reason: 'Qualifica non indicata', cpi: 'CPI Bari' });
    // No reminder for a decided request.
    await h.env.sleep(5 * DAY);
    expect(await h.noticeKinds(cpi.serviceCentre.id, id)).toEqual(['accreditation.submitted']);
  });
});

describe('accreditation validators', () => {
  it('refuse the wrong actors: only the requester edits and submits, only the same organisation’s service centre decides', async () => {
    const { handle } = await fileRequest(false);
    expect((await state(handle)).status).toBe('draft');
    // The draft waits without reminding anybody.
    expect((await state(handle)).nextReminderAt).toBeNull();
    const submit = (a: ReturnType<typeof operator>) => handle.executeUpdate(submitAccreditationUpdate, { args: [{ ...a, calendar: calendar() }] });
    const decide = (a: ReturnType<typeof operator>) => handle.executeUpdate(decideAccreditationUpdate, { args: [{ ...a, decision: 'approved' as const }] });

    expect(await refusal(submit(centre()))).toBe('forbidden_not_requester');
    expect(await refusal(decide(centre()))).toBe('accreditation_not_pending');
    expect(await refusal(handle.executeUpdate(editAccreditationUpdate, { args: [{ ...centre(), request }] }))).toBe('forbidden_not_requester');
    await handle.executeUpdate(editAccreditationUpdate, { args: [{ ...operator(), request: { ...request, cpiId: 'CPI Bari Centro' } }] });
    await submit(operator());
    expect(await refusal(submit(operator()))).toBe('accreditation_not_pending');

    expect(await refusal(decide(operator()))).toBe('forbidden_not_service_centre');
    expect(await refusal(decide({ by: cpi.users.admin.id, organisationId: cpi.id, roles: ['admin'] }))).toBe('forbidden_not_service_centre');
    expect(await refusal(decide({ by: other.users.supervisor.id, organisationId: other.id, roles: ['service_centre'] }))).toBe('forbidden_not_service_centre');
    // A requester who is also service centre does not decide their own request.
    expect(await refusal(decide({ ...operator(), roles: ['professional', 'service_centre'] }))).toBe('forbidden_own_accreditation');
    // Refusals never enter the history.
    expect((await state(handle)).history.map((e) => e.action)).toEqual(['created', 'edited', 'submitted']);
    await decide(centre());
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'approved', request: { cpiId: 'CPI Bari Centro' } });
  });
});
