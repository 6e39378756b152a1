// The intervention workflow on the time-skipping server: every timer (follow-up due, overdue
// escalation, capped chase, inactivity review, archiving), working days across a weekend and a
// holiday, and every refused transition. Real activities: Postgres projection and SMTP capture.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { followUps, interventions, persons } from '../../db/schema';
import { defaultInterventionPolicy, type InterventionPolicy } from '../../domain/interventions';
import { addCalendarDays, addWorkingDays, fromLocal, isoDate, isWorkingDay, toLocal } from '../../domain/working-days';
import { followUpTimerStateQuery, followUpWorkflowId } from '../../workflows/followup.definitions';
import type { interventionWorkflow } from '../../workflows/intervention';
import {
  addCollaboratorUpdate,
  addNeedsUpdate,
  addNoteUpdate,
  cancelFollowUpUpdate,
  changeStatusUpdate,
  completeFollowUpUpdate,
  coverNeedUpdate,
  deleteNoteUpdate,
  editNoteUpdate,
  interventionStateQuery,
  interventionWorkflowId,
  linkRelatedUpdate,
  raiseFlagUpdate,
  recordActionUpdate,
  removeCollaboratorUpdate,
  reopenInterventionUpdate,
  resolveFlagUpdate,
  scheduleFollowUpUpdate,
  unlinkRelatedUpdate,
  type InterventionInput,
  type InterventionUpdateResult,
} from '../../workflows/intervention.definitions';
import { createOrganisation, mailsTo, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { withRunningWorker, type TimeSkippingHarness } from '../support/time-skipping';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Europe/Madrid';

let h: TimeSkippingHarness;
let org: TestOrganisation;
/** The Friday after the test server's "now", 10:00 in Madrid, and the Monday after it (a holiday). */
let friday: Date;
let holiday: string;

withRunningWorker(async (harness) => {
  h = harness;
  const now = new Date(await h.env.currentTimeMs());
  let day = addCalendarDays(now, 7, TZ);
  while (new Date(Date.UTC(toLocal(day, TZ).year, toLocal(day, TZ).month - 1, toLocal(day, TZ).day)).getUTCDay() !== 5) day = addCalendarDays(day, 1, TZ);
  const l = toLocal(day, TZ);
  friday = fromLocal({ ...l, hour: 10, minute: 0, second: 0 }, TZ);
  const monday = toLocal(addCalendarDays(friday, 3, TZ), TZ);
  holiday = isoDate(monday);
  org = await createOrganisation(h.database.db, { settings: { holidays: [holiday] } });
});

const calendar = () => ({ timezone: TZ, holidays: [holiday] });
const professional = () => org.users.professional.id;

/** A case as the API opens it: its rows, then its workflow. */
async function openCase(options: { policy?: Partial<InterventionPolicy>; continueAsNewAfterEvents?: number; needs?: string[]; taskQueue?: string } = {}) {
  const db = h.database.db;
  const [person] = await db.insert(persons).values({ organisationId: org.id, code: `EXP-${uniqueSuffix()}`, firstName: 'Lucía', lastName: 'Muñoz' }).returning();
  const id = randomUUID();
  const code = `INT-${uniqueSuffix()}`;
  const workflowId = interventionWorkflowId(id);
  await db.insert(interventions).values({ id, organisationId: org.id, personId: person.id, code, needCode: '0301', groupCode: '03', assigneeId: professional(), openedBy: professional(), workflowId });
  const input: InterventionInput = {
    interventionId: id,
    organisationId: org.id,
    personId: person.id,
    code,
    needCode: '0301',
    needs: options.needs ?? ['030101', '030102'],
    assessmentId: randomUUID(),
    openedBy: professional(),
    assigneeId: professional(),
    calendar: calendar(),
    policy: { ...defaultInterventionPolicy, inactivityReviewDays: 365, ...options.policy },
    continueAsNewAfterEvents: options.continueAsNewAfterEvents,
  };
  const handle = await h.env.client.workflow.start<typeof interventionWorkflow>('interventionWorkflow', { taskQueue: options.taskQueue ?? h.taskQueue, workflowId, args: [input] });
  return { id, code, handle, input };
}

type Handle = WorkflowHandle<typeof interventionWorkflow>;
const state = (handle: Handle) => handle.query(interventionStateQuery);
const actions = async (handle: Handle) => (await state(handle)).history.map((e) => e.action);

async function schedule(handle: Handle, dueAt: Date, policy: Partial<InterventionPolicy> = {}) {
  const id = randomUUID();
  await handle.executeUpdate(scheduleFollowUpUpdate, {
    args: [{ by: professional(), id, dueAt: dueAt.toISOString(), note: 'Llamar a la empresa', calendar: calendar(), policy: { ...defaultInterventionPolicy, inactivityReviewDays: 365, ...policy } }],
  });
  return id;
}


/**
 * A follow-up timer's final state once it has finished. Polled, not awaited with result():
 * awaiting a result lets the test server skip ahead to whatever timer comes next.
 */
async function finishedTimer(followUpId: string) {
  const handle = h.env.client.workflow.getHandle(followUpWorkflowId(followUpId));
  await expect.poll(async () => (await handle.describe()).status.name).toBe('COMPLETED');
  return handle.query(followUpTimerStateQuery);
}


describe('follow-up timers (time-skipping)', () => {
  it('reminds at due time, escalates after 2 working days across a weekend and a holiday, chases 3 times, then stops', async () => {
    const { id, handle } = await openCase();
    const followUpId = await schedule(handle, friday);
    // Friday + 2 working days: Saturday, Sunday and the Monday holiday do not count → Wednesday.
    const overdueAt = addWorkingDays(friday, 2, calendar());
    expect(toLocal(overdueAt, TZ).day).toBe(toLocal(addCalendarDays(friday, 5, TZ), TZ).day);
    expect((await state(handle)).followUps[0]).toMatchObject({ status: 'scheduled', overdueAt: overdueAt.toISOString() });

    await h.sleepUntil(friday, -HOUR);
    expect(await h.noticeKinds(professional(), id)).toEqual([]);

    await h.sleepUntil(friday, HOUR);
    await expect.poll(() => h.noticeKinds(professional(), id)).toEqual(['intervention.follow_up_due']);
    expect((await state(handle)).followUps[0].status).toBe('due');
    await expect.poll(async () => (await mailsTo(h.database.db, org.users.professional.email)).map((m) => m.subject)).toEqual([
      expect.stringContaining('Tienes un seguimiento que vence el'),
    ]);

    // Tuesday evening: still only due (the weekend and the holiday were not counted).
    await h.sleepUntil(overdueAt, -12 * HOUR);
    expect((await state(handle)).followUps[0].status).toBe('due');
    expect(await h.noticeKinds(org.users.supervisor.id, id)).toEqual([]);

    await h.sleepUntil(overdueAt, HOUR);
    await expect.poll(() => h.noticeKinds(org.users.supervisor.id, id)).toEqual(['intervention.follow_up_escalated']);
    await expect.poll(() => h.noticeKinds(professional(), id)).toEqual(['intervention.follow_up_due', 'intervention.follow_up_overdue']);
    const [row] = await h.database.db.select().from(followUps).where(eq(followUps.id, followUpId));
    expect(row).toMatchObject({ status: 'overdue', chases: 1 });
    const escalation = (await mailsTo(h.database.db, org.users.supervisor.email)).map((m) => m.text ?? '');
    expect(escalation[0]).toContain(`asignada a ${org.users.professional.name}`);

    // Chased every 2 working days, 3 reminders in all once overdue, each in the history.
    await h.env.sleep(30 * DAY);
    await expect.poll(() => h.noticeKinds(professional(), id)).toEqual([
      'intervention.follow_up_due',
      'intervention.follow_up_overdue',
      'intervention.follow_up_chased',
      'intervention.follow_up_chased',
    ]);
    const history = (await state(handle)).history.filter((e) => e.action.startsWith('follow_up_'));
    expect(history.map((e) => [e.action, e.details.chase])).toEqual([
      ['follow_up_scheduled', undefined],
      ['follow_up_due', 0],
      ['follow_up_overdue', 1],
      ['follow_up_chased', 2],
      ['follow_up_chased', 3],
    ]);
    const secondChase = addWorkingDays(overdueAt, 2, calendar());
    expect(Math.abs(new Date(history[3].at).getTime() - secondChase.getTime())).toBeLessThan(HOUR);
    const timer = await finishedTimer(followUpId);
    expect(timer).toMatchObject({ stage: 'exhausted', chases: 3 });
    // Still overdue and still blocking the close until someone completes it.
    expect((await state(handle)).followUps[0].status).toBe('overdue');
  });

  it('completing a due follow-up stops the chase: no escalation follows', async () => {
    const { id, handle } = await openCase();
    const start = new Date(await h.env.currentTimeMs());
    const followUpId = await schedule(handle, new Date(start.getTime() + DAY));
    await h.env.sleep(DAY + HOUR);
    await expect.poll(() => h.noticeKinds(professional(), id)).toEqual(['intervention.follow_up_due']);
    await handle.executeUpdate(completeFollowUpUpdate, { args: [{ by: professional(), id: followUpId, outcome: 'Contactada', notes: 'Empieza el lunes' }] });
    expect((await state(handle)).followUps[0]).toMatchObject({ status: 'completed', outcome: 'Contactada', outcomeNotes: 'Empieza el lunes' });
    expect(await finishedTimer(followUpId)).toMatchObject({ stage: 'stopped' });
    await h.env.sleep(20 * DAY);
    expect(await h.noticeKinds(org.users.supervisor.id, id)).toEqual([]);
    expect(await h.noticeKinds(professional(), id)).toEqual(['intervention.follow_up_due']);
    expect(await actions(handle)).not.toContain('follow_up_overdue');
  });

  it('cancelling before the due time: no reminder at all', async () => {
    const { id, handle } = await openCase();
    const followUpId = await schedule(handle, new Date((await h.env.currentTimeMs()) + 2 * DAY));
    await handle.executeUpdate(cancelFollowUpUpdate, { args: [{ by: professional(), id: followUpId, reason: 'Ya no hace falta' }] });
    expect(await finishedTimer(followUpId)).toMatchObject({ stage: 'stopped', chases: 0 });
    await h.env.sleep(20 * DAY);
    expect(await h.noticeKinds(professional(), id)).toEqual([]);
    const s = await state(handle);
    expect(s.followUps[0]).toMatchObject({ status: 'cancelled', outcome: 'Ya no hace falta' });
    // Nothing pending: the case closes.
    const closed = await handle.executeUpdate(changeStatusUpdate, { args: [{ by: professional(), status: 'closed', reason: 'objectives_met' }] });
    expect(closed.status).toBe('closed');
  });
});

describe('inactivity review (time-skipping)', () => {
  it('reminds the assignee after N days without activity; any action resets the count', async () => {
    const { id, handle } = await openCase({ policy: { inactivityReviewDays: 30 } });
    await h.env.sleep(25 * DAY);
    await handle.executeUpdate(recordActionUpdate, { args: [{ by: professional(), id: randomUUID(), date: '2026-11-20', kind: 'phone_call', description: 'Llamada' }] });
    const touched = new Date((await state(handle)).lastActivityAt);
    // Day 40 from the start: 30 days had passed since opening, but not since the action.
    await h.env.sleep(15 * DAY);
    expect(await h.noticeKinds(professional(), id)).toEqual([]);
    await h.env.sleep(25 * DAY);
    await expect.poll(() => h.noticeKinds(professional(), id)).toEqual(['intervention.inactivity']);
    const reminder = (await state(handle)).history.find((e) => e.action === 'inactivity_reminder')!;
    const at = new Date(reminder.at);
    expect(at.getTime()).toBeGreaterThanOrEqual(touched.getTime() + 30 * DAY - 2 * HOUR);
    expect(at.getTime()).toBeLessThan(touched.getTime() + 34 * DAY);
    expect(isWorkingDay(toLocal(at, TZ), calendar())).toBe(true);
    expect(reminder.details).toMatchObject({ days: 30 });
  });

  it('a closed case has no review; after the retention period its workflow completes (archived)', async () => {
    const { id, handle } = await openCase({ policy: { inactivityReviewDays: 10 } });
    await handle.executeUpdate(changeStatusUpdate, { args: [{ by: professional(), status: 'closed', reason: 'no_contact' }] });
    const final = await handle.result();
    expect(final.status).toBe('closed');
    expect(final.history.map((e) => e.action)).toEqual(['opened', 'closed', 'archived']);
    expect(await h.noticeKinds(professional(), id)).toEqual([]);
  });
});

describe('an Update that arrives with the start', () => {
  it('is recorded after "opened", as when a note follows the assessment while the worker is busy', async () => {
    // A second worker that is not polling yet: start and Update land in one first workflow task.
    const shared = h.taskQueue;
    const late = await h.createWorker();
    const lateQueue = h.taskQueue;
    h.taskQueue = shared;
    const { handle } = await openCase({ taskQueue: lateQueue });
    const noting = handle.executeUpdate(addNoteUpdate, { args: [{ by: professional(), id: 'note-first', body: 'Primera llamada' }] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      await late.runUntil(async () => {
        await noting;
        const history = (await state(handle)).history;
        expect(history.map((e) => [e.seq, e.action])).toEqual([[1, 'opened'], [2, 'note_added']]);
      });
    } finally {
      // Nobody serves its queue any more: a timer of it would stop the server skipping time.
      await handle.terminate('test over');
    }
  });
});

describe('continue-as-new (time-skipping)', () => {
  it('carries the state on, and the follow-up chase still reaches the case', async () => {
    const { id, handle } = await openCase({ continueAsNewAfterEvents: 60 });
    const firstRun = (await handle.describe()).runId;
    const followUpId = await schedule(handle, new Date((await h.env.currentTimeMs()) + 2 * DAY));
    for (let i = 0; i < 12; i++) await handle.executeUpdate(addNoteUpdate, { args: [{ by: professional(), id: `note-${i}`, body: `Nota ${i}` }] });
    await expect.poll(async () => (await handle.describe()).runId).not.toBe(firstRun);
    const carried = await state(handle);
    expect(carried.notes).toHaveLength(12);
    expect(carried.historySeq).toBe(14);
    await h.env.sleep(2 * DAY + HOUR);
    await expect.poll(async () => (await state(handle)).followUps.find((f) => f.id === followUpId)?.status).toBe('due');
    await expect.poll(() => h.noticeKinds(professional(), id)).toEqual(['intervention.follow_up_due']);
    // Versions keep growing across runs, so the projection never goes backwards.
    const [row] = await h.database.db.select().from(interventions).where(eq(interventions.id, id));
    expect(row.projectionVersion).toBe((await state(handle)).version);
  });
});

describe('refused transitions (validators)', () => {
  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return ((err as WorkflowUpdateFailedError).cause as { type?: string }).type;
  };

  it('refuses every change that is not allowed now, without writing history', async () => {
    const { handle } = await openCase();
    const by = professional();
    const other = org.users.supervisor.id;
    const u = (def: unknown, arg: unknown) => handle.executeUpdate(def as never, { args: [arg] as never });

    await u(addNoteUpdate, { by, id: 'n1', body: 'Nota' });
    await u(raiseFlagUpdate, { by, id: 'f1', message: 'Bandera' });
    await u(addCollaboratorUpdate, { by, userId: other, organisationId: org.id });
    await u(linkRelatedUpdate, { by, interventionId: 'other-case' });
    await u(coverNeedUpdate, { by, code: '030101' });
    const fu = await schedule(handle, new Date((await h.env.currentTimeMs()) + 5 * DAY));
    const before = (await state(handle)).historySeq;

    expect(await refusal(u(changeStatusUpdate, { by, status: 'open' }))).toBe('status_unchanged');
    expect(await refusal(u(changeStatusUpdate, { by, status: 'closed' }))).toBe('closure_reason_required');
    expect(await refusal(u(changeStatusUpdate, { by, status: 'closed', reason: 'objectives_met' }))).toBe('close_blocked');
    expect(await refusal(u(reopenInterventionUpdate, { by }))).toBe('intervention_not_closed');
    expect(await refusal(u(coverNeedUpdate, { by, code: '030101' }))).toBe('need_already_covered');
    expect(await refusal(u(coverNeedUpdate, { by, code: '999999' }))).toBe('need_not_found');
    expect(await refusal(u(editNoteUpdate, { by: other, id: 'n1', body: 'x' }))).toBe('forbidden_not_note_author');
    expect(await refusal(u(deleteNoteUpdate, { by: other, id: 'n1' }))).toBe('forbidden_not_note_author');
    expect(await refusal(u(editNoteUpdate, { by, id: 'nope', body: 'x' }))).toBe('note_not_found');
    expect(await refusal(u(addNoteUpdate, { by, id: 'n1', body: 'again' }))).toBe('already_exists');
    expect(await refusal(u(resolveFlagUpdate, { by, id: 'nope', message: 'x' }))).toBe('flag_not_found');
    expect(await refusal(u(completeFollowUpUpdate, { by, id: 'nope', outcome: 'x' }))).toBe('follow_up_not_found');
    expect(await refusal(u(addCollaboratorUpdate, { by, userId: other, organisationId: org.id }))).toBe('collaborator_exists');
    expect(await refusal(u(removeCollaboratorUpdate, { by, userId: 'nobody' }))).toBe('collaborator_not_found');
    expect(await refusal(u(linkRelatedUpdate, { by, interventionId: 'other-case' }))).toBe('related_exists');
    expect(await refusal(u(linkRelatedUpdate, { by, interventionId: (await state(handle)).interventionId }))).toBe('related_self');
    expect(await refusal(u(unlinkRelatedUpdate, { by, interventionId: 'never-linked' }))).toBe('related_not_found');
    expect((await state(handle)).historySeq).toBe(before);

    await u(resolveFlagUpdate, { by, id: 'f1', message: 'Resuelta' });
    expect(await refusal(u(resolveFlagUpdate, { by, id: 'f1', message: 'x' }))).toBe('flag_already_resolved');
    await u(cancelFollowUpUpdate, { by, id: fu });
    expect(await refusal(u(completeFollowUpUpdate, { by, id: fu, outcome: 'x' }))).toBe('follow_up_finished');
    expect(await refusal(u(cancelFollowUpUpdate, { by, id: fu }))).toBe('follow_up_finished');
    await u(changeStatusUpdate, { by, status: 'pending' });
    expect(await refusal(u(changeStatusUpdate, { by, status: 'pending' }))).toBe('status_unchanged');
    expect(await refusal(u(changeStatusUpdate, { by, status: 'open' }))).toBe('invalid_transition');
    await u(changeStatusUpdate, { by, status: 'closed', reason: 'objectives_met' });

    // A closed case takes no change but a reopening.
    const closedSeq = (await state(handle)).historySeq;
    for (const [def, arg] of [
      [addNoteUpdate, { by, id: 'n2', body: 'x' }],
      [recordActionUpdate, { by, id: 'a1', date: '2026-11-20', kind: 'interview', description: 'x' }],
      [changeStatusUpdate, { by, status: 'in_progress' }],
      [addNeedsUpdate, { by, assessmentId: 'a', needs: ['030103'] }],
      [scheduleFollowUpUpdate, { by, id: 'fu2', dueAt: new Date().toISOString(), note: 'x', calendar: calendar(), policy: defaultInterventionPolicy }],
      [raiseFlagUpdate, { by, id: 'f2', message: 'x' }],
    ] as const) {
      expect(await refusal(u(def, arg))).toBe('intervention_closed');
    }
    expect((await state(handle)).historySeq).toBe(closedSeq);
    const reopened = await u(reopenInterventionUpdate, { by: other, note: 'Vuelve' });
    expect((reopened as InterventionUpdateResult).status).toBe('in_progress');
  });

  it('refuses text the database cannot store and dates nobody means, naming the field; the case goes on', async () => {
    const { handle } = await openCase();
    const by = professional();
    const u = (def: unknown, arg: unknown) => handle.executeUpdate(def as never, { args: [arg] as never });
    const fields = async (p: Promise<unknown>) => {
      expect(await refusal(p)).toBe('invalid_input');
      const err = (await p.catch((e: WorkflowUpdateFailedError) => e)) as WorkflowUpdateFailedError;
      return ((err.cause as { details?: Array<{ fields: Array<{ path: string; code: string }> }> }).details?.[0]?.fields ?? []).map((f) => `${f.path}:${f.code}`);
    };
    const today = new Date(await h.env.currentTimeMs());

    expect(await fields(u(addNoteUpdate, { by, id: randomUUID(), body: 'antes\u0000después' }))).toEqual(['body:control_character']);
    expect(await fields(u(raiseFlagUpdate, { by, id: randomUUID(), message: 'mitad \ud800 de un par' }))).toEqual(['message:invalid_unicode']);
    expect(await fields(u(recordActionUpdate, { by, id: randomUUID(), date: '0000-01-01', kind: 'interview', description: 'Entrevista' }))).toEqual(['date:date_too_early']);
    const followUp = (dueAt: string) => ({ by, id: randomUUID(), dueAt, note: 'Llamar', calendar: calendar(), policy: defaultInterventionPolicy });
    expect(await fields(u(scheduleFollowUpUpdate, followUp('9999-12-31T23:59:59+14:00')))).toEqual(['dueAt:date_too_late']);
    expect(await fields(u(scheduleFollowUpUpdate, followUp(new Date(today.getTime() - 3 * DAY).toISOString())))).toEqual(['dueAt:date_in_past']);
    expect(await actions(handle)).toEqual(['opened']);

    // Nothing wedged: the next change goes through and is projected.
    await u(addNoteUpdate, { by, id: randomUUID(), body: 'Nota con tilde y eñe\ttabulada' });
    expect(await actions(handle)).toEqual(['opened', 'note_added']);
  });
});
