// The job offer workflow on the time-skipping server: it closes the offer when its end date has
// passed (midnight after the last day, in the organisation's zone) or when placed candidates fill
// the vacancies; it reminds the professional (in the app and by email) of candidates whose
// interest is still unchecked after 3 working days (weekends and holidays skipped), once.
// Real activities: Postgres projection, notifications and their emails through the outbox.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { jobOfferCandidates, jobOffers, notifications, outboxMessages, persons } from '../../db/schema';
import { defaultInterventionPolicy } from '../../domain/interventions';
import { addCalendarDays, addWorkingDays, isoDate, toLocal } from '../../domain/working-days';
import { offerClosesAt } from '../../api/services/job-offers';
import type { jobOfferWorkflow } from '../../workflows/job-offer';
import { addCandidateUpdate, completeOfferFollowUpUpdate, jobOfferStateQuery, jobOfferWorkflowId, scheduleOfferFollowUpUpdate, setCandidateStatusUpdate } from '../../workflows/job-offer.definitions';
import { followUps } from '../../db/schema';
import { createOrganisation, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Europe/Madrid';

let h: TimeSkippingHarness;
let org: TestOrganisation;
let holiday: string;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  h = await createTimeSkippingHarness();
  // A holiday one day ahead: working days skip it as they skip weekends.
  holiday = isoDate(toLocal(addCalendarDays(new Date(await h.env.currentTimeMs()), 1, TZ), TZ));
  org = await createOrganisation(h.database.db, { settings: { holidays: [holiday] } });
  worker = await h.createWorker();
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await h?.stop();
});

const calendar = () => ({ timezone: TZ, holidays: [holiday] });
const owner = () => org.users.professional;

async function person(name: string) {
  const [p] = await h.database.db.insert(persons).values({ organisationId: org.id, code: `EXP-${uniqueSuffix()}`, firstName: name, lastName: 'Candidata' }).returning();
  return p.id;
}

/** An offer as the API creates it: its row, then its workflow. */
async function openOffer(o: { vacancies?: number; endsOn?: string | null } = {}) {
  const id = randomUUID();
  const workflowId = jobOfferWorkflowId(id);
  const endsOn = o.endsOn ?? null;
  await h.database.db.insert(jobOffers).values({
    id, organisationId: org.id, own: false, employerName: 'Limpiezas Sur SL', employerTaxId: 'B12345674', title: 'Limpiador/a', vacancies: o.vacancies ?? 2,
    province: 'Sevilla', contractType: '501', endsOn, workflowId, createdBy: owner().id,
  });
  const handle = await h.env.client.workflow.start<typeof jobOfferWorkflow>('jobOfferWorkflow', {
    taskQueue: h.taskQueue,
    workflowId,
    args: [{ offerId: id, organisationId: org.id, ownerId: owner().id, title: 'Limpiador/a', vacancies: o.vacancies ?? 2, closesAt: offerClosesAt(endsOn, TZ), createdBy: owner().id, calendar: calendar(), interestWorkingDays: 3, policy: defaultInterventionPolicy }],
  });
  return { id, handle };
}

type Handle = WorkflowHandle<typeof jobOfferWorkflow>;
const state = (handle: Handle) => handle.query(jobOfferStateQuery);
const offerRow = async (id: string) => (await h.database.db.select().from(jobOffers).where(eq(jobOffers.id, id)))[0];
async function noticesOf(id: string) {
  const rows = await h.database.db.select().from(notifications).where(and(eq(notifications.userId, owner().id), eq(notifications.subjectId, id))).orderBy(notifications.createdAt);
  return rows.map((r) => ({ kind: r.kind, names: (r.params as { names?: string }).names }));
}
async function sleepUntil(at: Date, marginMs = 0) {
  const wait = at.getTime() + marginMs - (await h.env.currentTimeMs());
  if (wait > 0) await h.env.sleep(wait);
}
const add = (handle: Handle, personId: string) => handle.executeUpdate(addCandidateUpdate, { args: [{ by: owner().id, personId }] });
const move = (handle: Handle, personId: string, status: 'interested' | 'placed' | 'sent_to_company', extra: { placedOn?: string; contractType?: '501' } = {}) =>
  handle.executeUpdate(setCandidateStatusUpdate, { args: [{ by: owner().id, personId, status, ...extra }] });

describe('job offer (time-skipping)', () => {
  // First: the holiday set up for tomorrow is still ahead (the other tests move the clock by days).
  it('reminds the professional of unchecked interest after 3 working days, once, by app and email; a checked candidate is not named', async () => {
    const { id, handle } = await openOffer();
    const ana = await person('Ana');
    const bea = await person('Bea');
    await add(handle, ana);
    await add(handle, bea);
    await move(handle, bea, 'interested');
    const s = await state(handle);
    const addedAt = new Date(s.candidates.find((c) => c.personId === ana)!.statusAt);
    const dueAt = addWorkingDays(addedAt, 3, calendar());
    // The holiday (and any weekend) does not count: more than 3 calendar days.
    expect(dueAt.getTime() - addedAt.getTime()).toBeGreaterThan(3 * DAY);
    expect(s).toMatchObject({ nextStep: 'interest_reminder', nextStepAt: dueAt.toISOString() });

    await sleepUntil(dueAt, -HOUR);
    expect(await noticesOf(id)).toEqual([]);
    await sleepUntil(dueAt, HOUR);
    await expect.poll(() => noticesOf(id)).toEqual([{ kind: 'job_offer.interest_unchecked', names: 'Ana Candidata' }]);
    await expect.poll(async () => (await h.database.db.select().from(jobOfferCandidates).where(eq(jobOfferCandidates.personId, ana)))[0]?.interestRemindedAt).not.toBeNull();
    // Once, however long it waits.
    await h.env.sleep(10 * DAY);
    expect(await noticesOf(id)).toHaveLength(1);
    const mails = async () => (await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, owner().email))).map((m) => m.subject);
    await expect.poll(mails).toContainEqual(expect.stringContaining('comprueba el interés de Ana Candidata'));
  });

  it('closes the offer when its end date has passed, not before', async () => {
    const now = new Date(await h.env.currentTimeMs());
    const endsOn = isoDate(toLocal(addCalendarDays(now, 5, TZ), TZ));
    const { id, handle } = await openOffer({ endsOn });
    const closesAt = new Date(offerClosesAt(endsOn, TZ)!);
    expect((await state(handle)).nextStepAt).toBe(closesAt.toISOString());
    // The whole last day counts: still open an hour before midnight.
    await sleepUntil(closesAt, -HOUR);
    expect((await state(handle)).status).toBe('open');
    expect((await offerRow(id)).status).toBe('open');
    await sleepUntil(closesAt, HOUR);
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'closed', closedReason: 'end_date' });
    await expect.poll(async () => (await offerRow(id)).closedReason).toBe('end_date');
    expect((await offerRow(id)).status).toBe('closed');
  });

  it('closes the offer once placed candidates fill the vacancies; placing without interest is refused', async () => {
    const { id, handle } = await openOffer({ vacancies: 1 });
    const carla = await person('Carla');
    await add(handle, carla);
    const err = await move(handle, carla, 'placed').then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((err as WorkflowUpdateFailedError).cause as { type?: string }).type).toBe('candidate_transition_not_allowed');
    await move(handle, carla, 'interested');
    await move(handle, carla, 'sent_to_company');
    const placed = await move(handle, carla, 'placed', { placedOn: '2026-03-02', contractType: '501' });
    expect(placed).toMatchObject({ status: 'closed', closedReason: 'filled', placed: 1 });
    const final = await handle.result();
    expect(final.candidates[0].history.map((x) => x.to)).toEqual(['shortlisted', 'interested', 'sent_to_company', 'placed']);
    await expect.poll(async () => (await offerRow(id)).placedCount).toBe(1);
    const [row] = await h.database.db.select().from(jobOfferCandidates).where(eq(jobOfferCandidates.offerId, id));
    expect(row).toMatchObject({ status: 'placed', placedOn: '2026-03-02', contractType: '501', statusBy: owner().id });
  });

  it('chases the offer’s follow-up as a case’s: due tells the professional, the row follows, completing it ends the chase', async () => {
    const { id, handle } = await openOffer();
    const followUpId = randomUUID();
    const dueAt = new Date((await h.env.currentTimeMs()) + 2 * DAY);
    await handle.executeUpdate(scheduleOfferFollowUpUpdate, { args: [{ by: owner().id, id: followUpId, dueAt: dueAt.toISOString(), note: 'Llamar a la empresa', calendar: calendar(), policy: defaultInterventionPolicy }] });
    await expect.poll(async () => (await h.database.db.select().from(followUps).where(eq(followUps.id, followUpId)))[0]).toMatchObject({ ownerType: 'job_offer', ownerId: id, assigneeId: owner().id, status: 'scheduled' });
    await sleepUntil(dueAt, HOUR);
    await expect.poll(() => noticesOf(id)).toEqual([{ kind: 'job_offer.follow_up_due', names: '' }]);
    await expect.poll(async () => (await h.database.db.select().from(followUps).where(eq(followUps.id, followUpId)))[0]?.status).toBe('due');
    await handle.executeUpdate(completeOfferFollowUpUpdate, { args: [{ by: owner().id, id: followUpId, outcome: 'Entrevistas el lunes' }] });
    await expect.poll(async () => (await h.database.db.select().from(followUps).where(eq(followUps.id, followUpId)))[0]?.status).toBe('completed');
    // No overdue chase once completed.
    await h.env.sleep(10 * DAY);
    expect(await noticesOf(id)).toEqual([{ kind: 'job_offer.follow_up_due', names: '' }]);
  });
});
