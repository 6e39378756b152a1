// An Update that arrives with a workflow's start runs in the same workflow task as the start,
// where the handler's projection and the main body's projection used to run at once. Live, the
// order of the commands that follow depends on which local activity finishes first; on replay,
// the SDK resolves both in one activation, and cases froze after a worker restart
// ([TMPRL1100] Nondeterminism). Here each workflow takes its Update in the first task with each
// projection finishing first, and every resulting history must replay on the same code.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { addNoteUpdate, type InterventionInput } from '../../workflows/intervention.definitions';
import { cancelInvitationUpdate, type InvitationInput } from '../../workflows/invitation.definitions';
import { submitCommunicationUpdate, type VentanillaInput } from '../../workflows/ventanilla.definitions';
import { appointmentStateQuery, rescheduleAppointmentUpdate, type AppointmentInput } from '../../workflows/appointment.definitions';
import { uniqueSuffix } from '../support/fixtures';
import { testDataConverter } from '../support/payload-keys';

const dataConverter = testDataConverter();
let client: Client;
let connection: Connection;
let native: NativeConnection;

beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, dataConverter });
  native = await NativeConnection.connect({ address: inject('temporalAddress') });
});
afterAll(async () => {
  await native?.close();
  await connection?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Which projection finishes first: the Update handler's (the first one called), the main
 * body's, or both at once. The activities are stand-ins that only take time: what is under
 * test is the order of the workflow's commands, and a replay never runs activities anyway.
 */
const timings = { 'handler first': [0, 60], 'main body first': [60, 0], 'both at once': [0, 0] } as const;

function delayedProjection(delays: readonly [number, number]) {
  const calls = new Map<string, number>();
  return async (input: { interventionId?: string; state?: { communicationId: string }; invitationId?: string }) => {
    const key = input.interventionId ?? input.state?.communicationId ?? input.invitationId ?? '';
    const n = calls.get(key) ?? 0;
    calls.set(key, n + 1);
    if (n < 2) await sleep(delays[n]);
  };
}

/** Start, send the Update before any worker polls (so both land in the first task), then serve. */
async function withUpdateInFirstTask<T>(
  start: (taskQueue: string, workflowId: string) => Promise<WorkflowHandle>,
  update: (handle: WorkflowHandle) => Promise<T>,
  activities: Record<string, (...args: any[]) => Promise<unknown>>,
) {
  const taskQueue = `first-task-${uniqueSuffix()}`;
  const handle = await start(taskQueue, `first-task-${randomUUID()}`);
  const updated = update(handle);
  // The Update must be admitted before the worker takes the first task.
  await sleep(300);
  const worker = await Worker.create({ connection: native, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter, activities });
  const result = await worker.runUntil(updated);
  const history = await handle.fetchHistory();
  await handle.terminate().catch(() => undefined);
  return { result, history };
}

const replay = (history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>, name: string) =>
  Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter }, history, name);

const firstTaskEvents = (history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>) => {
  const events = history.events ?? [];
  const completed = events.findIndex((e) => e.workflowTaskCompletedEventAttributes);
  const next = events.findIndex((e, i) => i > completed && e.workflowTaskScheduledEventAttributes);
  return events.slice(completed + 1, next === -1 ? undefined : next);
};

describe('an Update in the first workflow task replays, whichever projection finishes first', () => {
  it.each(Object.entries(timings))('intervention: a note with the start (%s)', async (name, delays) => {
    const input = (id: string): InterventionInput => ({
      interventionId: id,
      organisationId: 'org',
      personId: 'person',
      code: 'INT-000001',
      needCode: '0301',
      needs: ['030101'],
      assessmentId: 'assessment',
      openedBy: 'user',
      assigneeId: 'user',
      calendar: { timezone: 'Europe/Madrid', holidays: [] },
      policy: { followUpGraceWorkingDays: 2, chaseIntervalWorkingDays: 2, maxChases: 3, inactivityReviewDays: 30 },
    });
    const { result, history } = await withUpdateInFirstTask(
      (taskQueue, workflowId) => client.workflow.start('interventionWorkflow', { taskQueue, workflowId, args: [input(workflowId)] }),
      (handle) => handle.executeUpdate(addNoteUpdate, { args: [{ by: 'user', id: 'note-1', body: 'Primera nota' }] }),
      { projectIntervention: delayedProjection(delays), sendInterventionNotice: async () => ({ notified: 0 }) },
    );
    expect(result.version).toBe(2);
    // Written by this code: the projections ran one at a time.
    const patchMarker = firstTaskEvents(history).find((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');
    expect(patchMarker).toBeDefined();
    await expect(replay(history, `intervention ${name}`)).resolves.toBeUndefined();
  });

  it.each(Object.entries(timings))('ventanilla: created and submitted at once (%s)', async (name, delays) => {
    const input = (id: string): VentanillaInput => ({
      communicationId: id,
      organisationId: 'org',
      senderUnitId: 'unit-sender',
      authorId: 'author',
      authorName: 'Autora',
      registryNumber: 'VE-2026-000001',
      recipientUnitId: 'unit-recipient',
      subject: 'Solicitud',
      body: 'Texto',
      timezone: 'Europe/Madrid',
      holidays: [],
    });
    const { result, history } = await withUpdateInFirstTask(
      (taskQueue, workflowId) => client.workflow.start('ventanillaWorkflow', { taskQueue, workflowId, args: [input(workflowId)] }),
      (handle) =>
        handle.executeUpdate(submitCommunicationUpdate, {
          args: [{ actor: { userId: 'author', name: 'Autora', unitIds: ['unit-sender'] }, signers: [{ userId: 'signer', name: 'Directora', role: null }], mode: 'sequential' }],
        }),
      { projectCommunication: delayedProjection(delays), notifyCommunication: async () => ({ notified: 0 }) },
    );
    expect(result.status).toBe('awaiting_signature');
    await expect(replay(history, `ventanilla ${name}`)).resolves.toBeUndefined();
  });

  it('invitation: cancelled with the start (its activities are regular ones, resolved from history events)', async () => {
    const input = (id: string): InvitationInput => ({
      invitationId: id,
      organisationId: 'org',
      userId: 'user',
      invitedBy: 'admin',
      timezone: 'Europe/Madrid',
      holidays: [],
    });
    const { result, history } = await withUpdateInFirstTask(
      (taskQueue, workflowId) => client.workflow.start('invitationWorkflow', { taskQueue, workflowId, args: [input(workflowId)] }),
      (handle) => handle.executeUpdate(cancelInvitationUpdate, { args: [{ by: 'admin' }] }),
      {
        sendInvitationMail: async () => ({ messageId: '<x@test>' }),
        projectInvitation: delayedProjection([0, 0]),
        activateInvitedUser: async () => undefined,
      },
    );
    expect(result.status).toBe('cancelled');
    await expect(replay(history, 'invitation cancelled with start')).resolves.toBeUndefined();
  });

  it('appointment: rescheduled with the start, the booking still comes first in its history', async () => {
    const startsAt = new Date(Date.now() + 14 * 86_400_000);
    const input = (id: string): AppointmentInput => ({
      appointmentId: id,
      organisationId: 'org',
      personId: 'person',
      operatorId: 'operator',
      startsAt: startsAt.toISOString(),
      durationMinutes: 30,
      createdBy: 'operator',
      calendar: { timezone: 'Europe/Rome', holidays: [] },
    });
    let actions: string[] = [];
    const { history } = await withUpdateInFirstTask(
      (taskQueue, workflowId) => client.workflow.start('appointmentWorkflow', { taskQueue, workflowId, args: [input(workflowId)] }),
      async (handle) => {
        const moved = new Date(startsAt.getTime() + 86_400_000).toISOString();
        const result = await handle.executeUpdate(rescheduleAppointmentUpdate, { args: [{ by: 'operator', startsAt: moved, durationMinutes: 45, calendar: input('x').calendar }] });
        actions = (await handle.query(appointmentStateQuery)).history.map((e) => e.action);
        return result;
      },
      { projectAppointment: async () => undefined, remindAppointmentWorker: async () => ({ sent: 0 }), requestAppointmentOutcome: async () => ({ notified: 0 }) },
    );
    // Before the fix the reschedule ran as its handler was set, ahead of the booking.
    expect(actions).toEqual(['booked', 'rescheduled']);
    await expect(replay(history, 'appointment rescheduled with start')).resolves.toBeUndefined();
  });

});
