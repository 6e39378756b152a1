// The skills-assessment workflow on the time-skipping server: the operator's inactivity reminder
// after N working days (restarted by every save), the order of the four phases and the readiness
// of each, and who may act. Real activities: Postgres projection, notifications, SMTP capture.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import type { WorkflowHandle } from '@temporalio/client';
import { notifications, outboxMessages, persons, skillsAssessmentPhaseRows, skillsAssessments, users } from '../../db/schema';
import { addWorkingDays } from '../../domain/working-days';
import type { skillsAssessmentWorkflow } from '../../workflows/skills-assessment';
import {
  chooseEnrolmentUpdate,
  completePhaseUpdate,
  savePanelsUpdate,
  skillsAssessmentStateQuery,
  skillsAssessmentWorkflowId,
  uploadContractUpdate,
  type SkillsAssessmentActor,
} from '../../workflows/skills-assessment.definitions';
import type { SkillsAssessmentPhase } from '../../domain/skills-assessments';
import { addUserOutsideTeams, createOrganisation, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { updateRefusal, withRunningWorker, serverDayAhead, type TimeSkippingHarness } from '../support/time-skipping';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Europe/Rome';

let h: TimeSkippingHarness;
let org: TestOrganisation;
let holiday: string;

withRunningWorker(async (harness) => {
  h = harness;
  holiday = await serverDayAhead(h, 2, TZ);
  org = await createOrganisation(h.database.db, { locale: 'it', timezone: TZ, settings: { holidays: [holiday] } });
  // The CPI's operator reads Italian: the reminder comes in it.
  await h.database.db.update(users).set({ locale: 'it' }).where(eq(users.id, org.users.professional.id));
});

const calendar = () => ({ timezone: TZ, holidays: [holiday] });
const operator = (): SkillsAssessmentActor => ({ by: org.users.professional.id, organisationId: org.id, roles: ['professional'] });

/** An assessment as the API starts it: its row, then its workflow. */
async function startAssessment(inactivityWorkingDays = 5) {
  const db = h.database.db;
  const [person] = await db.insert(persons).values({ organisationId: org.id, code: `LAV-${uniqueSuffix()}`, firstName: 'Giulia', lastName: 'Bianchi' }).returning();
  const id = randomUUID();
  const workflowId = skillsAssessmentWorkflowId(id);
  await db.insert(skillsAssessments).values({ id, organisationId: org.id, personId: person.id, operatorId: operator().by, workflowId, createdBy: operator().by });
  const handle = await h.env.client.workflow.start<typeof skillsAssessmentWorkflow>('skillsAssessmentWorkflow', {
    taskQueue: h.taskQueue,
    workflowId,
    args: [{ assessmentId: id, organisationId: org.id, personId: person.id, appointmentId: null, operatorId: operator().by, createdBy: operator().by, calendar: calendar(), policy: { inactivityWorkingDays } }],
  });
  return { id, handle };
}

type Handle = WorkflowHandle<typeof skillsAssessmentWorkflow>;
const state = (handle: Handle) => handle.query(skillsAssessmentStateQuery);
const save = (handle: Handle, phase: SkillsAssessmentPhase, panels: Record<string, Record<string, unknown>>, who: SkillsAssessmentActor = operator()) =>
  handle.executeUpdate(savePanelsUpdate, { args: [{ ...who, phase, panels: panels as never }] });
const complete = (handle: Handle, phase: SkillsAssessmentPhase, who: SkillsAssessmentActor = operator()) => handle.executeUpdate(completePhaseUpdate, { args: [{ ...who, phase }] });
const upload = (handle: Handle, who: SkillsAssessmentActor = operator()) =>
  handle.executeUpdate(uploadContractUpdate, { args: [{ ...who, fileId: randomUUID(), name: 'contratto-firmato.pdf', mediaType: 'application/pdf', size: 1234 }] });
const choose = (handle: Handle, who: SkillsAssessmentActor = operator()) =>
  handle.executeUpdate(chooseEnrolmentUpdate, { args: [{ ...who, courseId: randomUUID(), courseTitle: 'Operatore di magazzino', providerId: randomUUID(), providerName: 'Ente Formazione Bari' }] });

const refusal = updateRefusal;
async function reminders(assessmentId: string) {
  const rows = await h.database.db.select().from(notifications).where(and(eq(notifications.userId, operator().by), eq(notifications.subjectId, assessmentId)));
  return rows.map((r) => r.kind);
}

const filled = {
  preliminary: { needs: { text: 'Cerca lavoro nella logistica' } },
  investigative: { education: { text: 'Diploma' }, experience: { text: 'Magazziniere 2015-2022' }, competences: { codes: ['LOG01'] }, interests: { sectors: ['Logistica'] } },
  repositioning: { project: { text: 'Carrellista', sector: 'Logistica', province: 'BA' }, plan: { text: 'Patentino in 2 mesi' }, feedback: { text: 'Condiviso' } },
};

describe('skills assessment inactivity (time-skipping)', () => {
  it('reminds the operator after N working days without a save; each save restarts the count', async () => {
    const { id, handle } = await startAssessment(3);
    const started = await state(handle);
    const firstAt = addWorkingDays(new Date(started.lastSavedAt), 3, calendar());
    expect(started.nextReminderAt).toBe(firstAt.toISOString());
    // The holiday and weekends do not count.
    expect(firstAt.getTime() - new Date(started.lastSavedAt).getTime()).toBeGreaterThan(3 * DAY);

    // A save a day before the reminder moves it 3 working days after the save.
    await h.sleepUntil(firstAt, -DAY);
    await save(handle, 'preliminary', filled.preliminary);
    const saved = await state(handle);
    const movedAt = addWorkingDays(new Date(saved.lastSavedAt), 3, calendar());
    expect(saved.nextReminderAt).toBe(movedAt.toISOString());
    await h.sleepUntil(firstAt, HOUR);
    expect(await reminders(id)).toEqual([]);

    await h.sleepUntil(movedAt, -HOUR);
    expect(await reminders(id)).toEqual([]);
    await h.sleepUntil(movedAt, HOUR);
    await expect.poll(() => reminders(id)).toEqual(['skills_assessment.inactivity']);
    // In-app and by email, in Italian.
    const mails = await h.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.recipient, org.users.professional.email), like(outboxMessages.text, '%Giulia Bianchi%')));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('non ha avuto salvataggi da 3 giorni lavorativi');
    const after = await state(handle);
    expect(after.reminders).toBe(1);
    expect(after.history.map((e) => e.action)).toEqual(['created', 'panels_saved', 'inactivity_reminder']);
    const [row] = await h.database.db.select().from(skillsAssessments).where(eq(skillsAssessments.id, id));
    expect(row).toMatchObject({ reminders: 1, phase: 'preliminary', status: 'in_progress' });
    await handle.terminate('test over');
  });
});

describe('skills assessment validators', () => {
  it('refuse every phase out of order, naming the phase that must come first, and each phase until it is ready', async () => {
    const { id, handle } = await startAssessment();
    for (const phase of ['investigative', 'repositioning', 'enrolment'] as const) {
      const r = await refusal(complete(handle, phase));
      expect(r.type).toBe('phase_out_of_order');
      expect(r.details).toMatchObject({ phase, required: 'preliminary' });
      expect((await refusal(save(handle, phase, {}))).type).toBe('phase_out_of_order');
    }
    expect((await refusal(choose(handle))).type).toBe('phase_out_of_order');
    const notReady = await refusal(complete(handle, 'preliminary'));
    expect(notReady.type).toBe('phase_not_ready');
    expect(notReady.details).toMatchObject({ phase: 'preliminary', panels: 'needs' });
    expect((await refusal(save(handle, 'preliminary', { education: { text: 'x' } }))).type).toBe('unknown_panel');
    await save(handle, 'preliminary', filled.preliminary);
    expect((await refusal(complete(handle, 'preliminary'))).type).toBe('contract_missing');
    await upload(handle);
    await complete(handle, 'preliminary');
    expect((await refusal(complete(handle, 'preliminary'))).type).toBe('phase_already_complete');
    expect((await refusal(upload(handle))).type).toBe('phase_already_complete');

    for (const phase of ['repositioning', 'enrolment'] as const) {
      expect((await refusal(complete(handle, phase))).details).toMatchObject({ required: 'investigative' });
    }
    await save(handle, 'investigative', { education: filled.investigative.education });
    expect((await refusal(complete(handle, 'investigative'))).details).toMatchObject({ panels: 'experience,competences,interests' });
    await save(handle, 'investigative', filled.investigative);
    await complete(handle, 'investigative');

    expect((await refusal(complete(handle, 'enrolment'))).details).toMatchObject({ required: 'repositioning' });
    await save(handle, 'repositioning', { project: filled.repositioning.project });
    expect((await refusal(complete(handle, 'repositioning'))).details).toMatchObject({ panels: 'plan,feedback' });
    await save(handle, 'repositioning', filled.repositioning);
    await complete(handle, 'repositioning');

    expect((await refusal(complete(handle, 'enrolment'))).type).toBe('enrolment_missing');
    await choose(handle);
    const done = await complete(handle, 'enrolment');
    expect(done).toMatchObject({ status: 'complete', phase: 'enrolment' });
    const final = await handle.result();
    expect(final.phases.map((p) => p.status)).toEqual(['complete', 'complete', 'complete', 'complete']);
    expect(final.history.filter((e) => e.action === 'phase_completed').map((e) => e.details.phase)).toEqual(['preliminary', 'investigative', 'repositioning', 'enrolment']);
    const rows = await h.database.db.select().from(skillsAssessmentPhaseRows).where(eq(skillsAssessmentPhaseRows.assessmentId, id));
    expect(rows.map((r) => r.status).sort()).toEqual(['complete', 'complete', 'complete', 'complete']);
    expect(rows.find((r) => r.phase === 'investigative')?.panels).toMatchObject(filled.investigative);
    const [row] = await h.database.db.select().from(skillsAssessments).where(eq(skillsAssessments.id, id));
    expect(row).toMatchObject({ status: 'complete', nextReminderAt: null });
    expect(row.enrolment).toMatchObject({ courseTitle: 'Operatore di magazzino' });
  });

  it('refuse another organisation’s user and a colleague who is not the operator; a supervisor may act', async () => {
    const { handle } = await startAssessment();
    const other = await createOrganisation(h.database.db);
    const outsider: SkillsAssessmentActor = { by: other.users.admin.id, organisationId: other.id, roles: ['admin'] };
    const colleague = await addUserOutsideTeams(h.database.db, org, 'professional');
    const notOperator: SkillsAssessmentActor = { by: colleague.id, organisationId: org.id, roles: ['professional'] };
    for (const who of [outsider, notOperator]) {
      const expected = who === outsider ? 'forbidden_other_organisation' : 'forbidden_not_operator';
      expect((await refusal(save(handle, 'preliminary', filled.preliminary, who))).type).toBe(expected);
      expect((await refusal(upload(handle, who))).type).toBe(expected);
      expect((await refusal(complete(handle, 'preliminary', who))).type).toBe(expected);
      expect((await refusal(choose(handle, who))).type).toBe(expected);
    }
    const supervisor: SkillsAssessmentActor = { by: org.users.supervisor.id, organisationId: org.id, roles: ['supervisor'] };
    await save(handle, 'preliminary', filled.preliminary, supervisor);
    expect((await state(handle)).history.map((e) => e.action)).toEqual(['created', 'panels_saved']);
    await handle.terminate('test over');
  });
});
