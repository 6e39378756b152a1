import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateDefinition } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import { communications, notifications } from '../../db/schema';
import type { CommunicationActor } from '../../domain/ventanilla';
import { addWorkingDays, isWorkingDay, toLocal } from '../../domain/working-days';
import type { ventanillaWorkflow } from '../../workflows/ventanilla';
import {
  communicationStateQuery,
  editCommunicationUpdate,
  forwardCommunicationUpdate,
  processCommunicationUpdate,
  PROCESSING_REMINDERS_MAX,
  receiveCommunicationUpdate,
  RECEPTION_REMINDERS_MAX,
  rejectCommunicationUpdate,
  SIGNATURE_REMINDERS_MAX,
  signCommunicationUpdate,
  submitCommunicationUpdate,
  ventanillaWorkflowId,
  withdrawCommunicationUpdate,
  closeCommunicationUpdate,
  type CommunicationState,
  type VentanillaInput,
} from '../../workflows/ventanilla.definitions';
import { createOrganisation, type TestOrganisation } from '../support/fixtures';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Europe/Madrid';

let h: TimeSkippingHarness;
let sender: TestOrganisation;
let recipient: TestOrganisation;
let holidays: string[];

/** The next working day after now (Madrid), made a holiday: every schedule must jump it. */
function nextWorkingDayAsHoliday(): string {
  let d = new Date(Date.now() + DAY);
  while (!isWorkingDay(toLocal(d, TZ), { timezone: TZ, holidays: [] })) d = new Date(d.getTime() + DAY);
  const l = toLocal(d, TZ);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

beforeAll(async () => {
  h = await createTimeSkippingHarness();
  holidays = [nextWorkingDayAsHoliday()];
  sender = await createOrganisation(h.database.db, { settings: { holidays } });
  recipient = await createOrganisation(h.database.db);
});
afterAll(async () => h?.stop());

// A workflow left waiting on a timer would fire on a task queue whose worker is gone, and the
// time-skipping server does not skip time past a workflow task nobody can take.
const running: WorkflowHandle[] = [];
afterEach(async () => {
  for (const handle of running.splice(0)) await handle.terminate('test over').catch(() => undefined);
});

const actor = (u: { id: string; name: string }, unitIds: string[] = []): CommunicationActor => ({ userId: u.id, name: u.name, unitIds });
const authorActor = () => actor(sender.users.professional, [sender.unitId]);
const signerActor = () => actor(sender.users.signer, [sender.unitId]);
const receiverActor = () => actor(recipient.users.professional, [recipient.unitId]);
const signerChoice = (u: { id: string; name: string }) => ({ userId: u.id, name: u.name, role: 'Directora' });
const calendar = () => ({ timezone: TZ, holidays });

/** A communication row and its workflow, as the API makes them. */
async function start() {
  const id = randomUUID();
  const registryNumber = `VE-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  await h.database.db.insert(communications).values({
    id,
    organisationId: sender.id,
    senderUnitId: sender.unitId,
    authorId: sender.users.professional.id,
    registryNumber,
    recipientUnitId: recipient.unitId,
    currentUnitId: recipient.unitId,
    subject: 'Solicitud de informe',
    body: 'Texto de la solicitud.',
    workflowId: ventanillaWorkflowId(id),
  });
  const input: VentanillaInput = {
    communicationId: id,
    organisationId: sender.id,
    senderUnitId: sender.unitId,
    authorId: sender.users.professional.id,
    authorName: sender.users.professional.name,
    registryNumber,
    recipientUnitId: recipient.unitId,
    subject: 'Solicitud de informe',
    body: 'Texto de la solicitud.',
    timezone: TZ,
    holidays,
  };
  const handle = await h.env.client.workflow.start<typeof ventanillaWorkflow>('ventanillaWorkflow', {
    workflowId: ventanillaWorkflowId(id),
    taskQueue: h.taskQueue,
    args: [input],
  });
  running.push(handle);
  return { id, handle };
}

async function notified(communicationId: string, kind: string, userId?: string) {
  const rows = await h.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.subjectId, communicationId), eq(notifications.kind, `ventanilla.${kind}`)));
  return rows.filter((r) => !userId || r.userId === userId);
}

const sleepUntil = async (at: string | Date, offsetMs: number) =>
  h.env.sleep(Math.max(1, new Date(at).getTime() + offsetMs - (await h.env.currentTimeMs())));

async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return (cause as ApplicationFailure).type;
}

describe('ventanilla workflow: signature reminders (time-skipping)', () => {
  it('reminds the signer after 2 working days, then every working day, at most 5 times, skipping weekends and holidays', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { id, handle } = await start();
      const submitted = await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: authorActor(), signers: [signerChoice(sender.users.signer)], mode: 'sequential' }] });
      const requestedAt = new Date(submitted.signers[0].requestedAt!);
      const first = submitted.signers[0].nextReminderAt!;
      expect(first).toBe(addWorkingDays(requestedAt, 2, calendar()).toISOString());
      // The holiday right after the request pushes the first reminder past where it would be.
      expect(new Date(first).getTime()).toBeGreaterThan(addWorkingDays(requestedAt, 2, { timezone: TZ, holidays: [] }).getTime());

      await sleepUntil(first, -HOUR);
      expect(await notified(id, 'signature_reminder')).toHaveLength(0);
      await sleepUntil(first, HOUR);
      await expect.poll(async () => (await notified(id, 'signature_reminder', sender.users.signer.id)).length).toBe(1);

      // Then daily (working days), capped.
      await h.env.sleep(30 * DAY);
      const state = await handle.query(communicationStateQuery);
      expect(state.signers[0].remindersSent).toBe(SIGNATURE_REMINDERS_MAX);
      expect(state.signers[0].nextReminderAt).toBeNull();
      const reminders = state.history.filter((e) => e.action === 'signature_reminded');
      expect(reminders).toHaveLength(SIGNATURE_REMINDERS_MAX);
      for (const r of reminders) expect(isWorkingDay(toLocal(new Date(r.at), TZ), calendar())).toBe(true);
      for (let i = 1; i < reminders.length; i++) {
        // A timer fires a few milliseconds after its time; a working day later, give or take a second.
        const expected = addWorkingDays(new Date(reminders[i - 1].at), 1, calendar()).getTime();
        expect(Math.abs(new Date(reminders[i].at).getTime() - expected)).toBeLessThan(1000);
      }
      // Five reminders span at least a weekend.
      expect(new Date(reminders.at(-1)!.at).getTime() - new Date(reminders[0].at).getTime()).toBeGreaterThanOrEqual(6 * DAY - 1000);
      expect(await notified(id, 'signature_reminder', sender.users.signer.id)).toHaveLength(SIGNATURE_REMINDERS_MAX);
    });
  });

  it('a submission that reaches the workflow with its start is recorded after "created"', async () => {
    // The worker is not polling yet: the start and the Update arrive in the same first workflow
    // task, as when the API creates and submits at once while the worker is busy.
    const worker = await h.createWorker();
    const { handle } = await start();
    const submitted = handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: authorActor(), signers: [signerChoice(sender.users.signer)], mode: 'sequential' }] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await worker.runUntil(async () => {
      const state = await submitted;
      expect(state.status).toBe('awaiting_signature');
      expect(state.history.map((e) => [e.seq, e.action])).toEqual([[1, 'created'], [2, 'submitted']]);
    });
  });

  it('withdrawing cancels the pending reminder', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { id, handle } = await start();
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: authorActor(), signers: [signerChoice(sender.users.signer)], mode: 'sequential' }] });
      await h.env.sleep(DAY);
      const state = await handle.executeUpdate(withdrawCommunicationUpdate, { args: [{ actor: authorActor() }] });
      expect(state.signers[0]).toMatchObject({ status: 'cancelled', nextReminderAt: null });
      await h.env.sleep(20 * DAY);
      expect(await notified(id, 'signature_reminder')).toHaveLength(0);
      expect((await handle.query(communicationStateQuery)).history.map((e) => e.action)).toEqual(['created', 'submitted', 'withdrawn']);
    });
  });

  it('rejecting cancels every reminder of the round', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { id, handle } = await start();
      const second = { id: sender.users.admin.id, name: sender.users.admin.name };
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: authorActor(), signers: [signerChoice(sender.users.signer), signerChoice(second)], mode: 'parallel' }] });
      await handle.executeUpdate(rejectCommunicationUpdate, { args: [{ actor: signerActor(), reason: 'Falta el anexo' }] });
      await h.env.sleep(20 * DAY);
      expect(await notified(id, 'signature_reminder')).toHaveLength(0);
      expect(await notified(id, 'rejected', sender.users.professional.id)).toHaveLength(1);
    });
  });

  it('signing cancels the first signer’s reminder; in a cascade the next signer’s clock starts when it reaches them', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { id, handle } = await start();
      const second = { id: sender.users.admin.id, name: sender.users.admin.name };
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: authorActor(), signers: [signerChoice(sender.users.signer), signerChoice(second)], mode: 'sequential' }] });
      await h.env.sleep(HOUR);
      const after = await handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: signerActor() }] });
      expect(after.signers[0].nextReminderAt).toBeNull();
      const reachedAt = new Date(after.signers[1].requestedAt!);
      expect(after.signers[1].nextReminderAt).toBe(addWorkingDays(reachedAt, 2, calendar()).toISOString());
      await sleepUntil(after.signers[1].nextReminderAt!, HOUR);
      await expect.poll(async () => (await notified(id, 'signature_reminder', second.id)).length).toBe(1);
      expect(await notified(id, 'signature_reminder', sender.users.signer.id)).toHaveLength(0);
    });
  });
});

describe('ventanilla workflow: reception and processing reminders (time-skipping)', () => {
  it('reception not marked in 5 working days reminds the unit and tells the sender; receiving cancels it', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { id, handle } = await start();
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: authorActor(), signers: [signerChoice(sender.users.signer)], mode: 'sequential' }] });
      const delivered = await handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: signerActor() }] });
      expect(delivered.status).toBe('pending_reception');
      expect(delivered.receptionReminderAt).toBe(addWorkingDays(new Date(delivered.deliveredAt!), 5, calendar()).toISOString());
      await sleepUntil(delivered.receptionReminderAt!, -HOUR);
      expect(await notified(id, 'reception_reminder')).toHaveLength(0);
      await sleepUntil(delivered.receptionReminderAt!, HOUR);
      await expect.poll(async () => (await notified(id, 'reception_reminder', recipient.users.professional.id)).length).toBe(1);
      // Every member of the recipient unit, and the sender.
      expect((await notified(id, 'reception_reminder')).map((n) => n.userId).sort()).toEqual(Object.values(recipient.users).map((u) => u.id).sort());
      expect(await notified(id, 'reception_overdue', sender.users.professional.id)).toHaveLength(1);

      const received = await handle.executeUpdate(receiveCommunicationUpdate, { args: [{ actor: receiverActor(), processingWorkingDays: 3 }] });
      expect(received.receptionReminderAt).toBeNull();
      await h.env.sleep(2 * DAY);
      expect((await handle.query(communicationStateQuery)).receptionRemindersSent).toBe(1);
      expect(await notified(id, 'reception_overdue')).toHaveLength(1);
    });
  });

  it('reception reminders repeat, capped, and forwarding restarts them for the new unit', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { handle } = await start();
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: authorActor(), signers: [signerChoice(sender.users.signer)], mode: 'sequential' }] });
      await handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: signerActor() }] });
      await h.env.sleep(60 * DAY);
      const state = await handle.query(communicationStateQuery);
      expect(state.receptionRemindersSent).toBe(RECEPTION_REMINDERS_MAX);
      expect(state.receptionReminderAt).toBeNull();
      await handle.executeUpdate(receiveCommunicationUpdate, { args: [{ actor: receiverActor() }] });
      const forwarded = await handle.executeUpdate(forwardCommunicationUpdate, { args: [{ actor: receiverActor(), unitId: sender.unitId, note: 'Devuelta' }] });
      expect(forwarded).toMatchObject({ status: 'pending_reception', currentUnitId: sender.unitId, receptionRemindersSent: 0, unitChain: [recipient.unitId, sender.unitId] });
      expect(forwarded.receptionReminderAt).toBe(addWorkingDays(new Date(forwarded.deliveredAt!), 5, calendar()).toISOString());
    });
  });

  it('processing not done in the configured working days reminds the unit; processing cancels it', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { id, handle } = await start();
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: authorActor(), signers: [signerChoice(sender.users.signer)], mode: 'sequential' }] });
      await handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: signerActor() }] });
      const received = await handle.executeUpdate(receiveCommunicationUpdate, { args: [{ actor: receiverActor(), processingWorkingDays: 3 }] });
      expect(received.processingReminderAt).toBe(addWorkingDays(new Date(received.receivedAt!), 3, calendar()).toISOString());
      await sleepUntil(received.processingReminderAt!, -HOUR);
      expect(await notified(id, 'processing_reminder')).toHaveLength(0);
      await sleepUntil(received.processingReminderAt!, HOUR);
      await expect.poll(async () => (await notified(id, 'processing_reminder', recipient.users.professional.id)).length).toBe(1);
      const processed = await handle.executeUpdate(processCommunicationUpdate, { args: [{ actor: receiverActor(), observations: 'Hecho' }] });
      expect(processed.processingReminderAt).toBeNull();
      const final = await handle.result();
      expect(final.status).toBe('processed');
      expect(final.processingRemindersSent).toBe(1);
      expect(await notified(id, 'processing_reminder', recipient.users.professional.id)).toHaveLength(1);
    });
  });

  it('processing reminders repeat at the configured interval, capped', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { handle } = await start();
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: authorActor(), signers: [signerChoice(sender.users.signer)], mode: 'sequential' }] });
      await handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: signerActor() }] });
      await handle.executeUpdate(receiveCommunicationUpdate, { args: [{ actor: receiverActor() }] });
      await h.env.sleep(120 * DAY);
      const state = await handle.query(communicationStateQuery);
      expect(state.processingRemindersSent).toBe(PROCESSING_REMINDERS_MAX);
      const times = state.history.filter((e) => e.action === 'processing_reminded').map((e) => e.at);
      const near = (at: string, expected: Date) => expect(Math.abs(new Date(at).getTime() - expected.getTime())).toBeLessThan(1000);
      near(times[0], addWorkingDays(new Date(state.receivedAt!), 10, calendar()));
      near(times[1], addWorkingDays(new Date(times[0]), 10, calendar()));
    });
  });
});

describe('ventanilla workflow: validators refuse before anything enters the history', () => {
  it('wrong order is a plain refusal (409), wrong person is forbidden_* (403)', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { handle } = await start();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const send = (update: UpdateDefinition<CommunicationState, [any]>, arg: unknown) => handle.executeUpdate(update, { args: [arg] });
      const author = authorActor();
      const signer = signerActor();
      const receiver = receiverActor();
      // draft
      expect(await refusal(send(signCommunicationUpdate, { actor: signer }))).toBe('communication_not_awaiting_signature');
      expect(await refusal(send(withdrawCommunicationUpdate, { actor: author }))).toBe('communication_not_awaiting_signature');
      expect(await refusal(send(receiveCommunicationUpdate, { actor: receiver }))).toBe('communication_not_pending_reception');
      expect(await refusal(send(processCommunicationUpdate, { actor: receiver, observations: 'x' }))).toBe('communication_not_received');
      expect(await refusal(send(editCommunicationUpdate, { actor: signer, subject: 'x' }))).toBe('forbidden_not_author');
      expect(await refusal(send(editCommunicationUpdate, { actor: author, subject: ' ' }))).toBe('subject_required');
      expect(await refusal(send(submitCommunicationUpdate, { actor: author, signers: [], mode: 'sequential' }))).toBe('signers_required');
      expect(await refusal(send(submitCommunicationUpdate, { actor: author, signers: [signerChoice(sender.users.professional)], mode: 'sequential' }))).toBe('forbidden_author_cannot_sign');
      expect(await refusal(send(submitCommunicationUpdate, { actor: signer, signers: [signerChoice(sender.users.signer)], mode: 'sequential' }))).toBe('forbidden_not_author');
      expect(await refusal(send(submitCommunicationUpdate, { actor: author, signers: [signerChoice(sender.users.signer), signerChoice(sender.users.signer)], mode: 'parallel' }))).toBe('signers_repeated');
      // awaiting signature
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: author, signers: [signerChoice(sender.users.signer)], mode: 'sequential' }] });
      expect(await refusal(send(editCommunicationUpdate, { actor: author, body: 'x' }))).toBe('communication_not_draft');
      expect(await refusal(send(signCommunicationUpdate, { actor: author }))).toBe('forbidden_author_cannot_sign');
      expect(await refusal(send(signCommunicationUpdate, { actor: receiver }))).toBe('forbidden_not_signer');
      expect(await refusal(send(rejectCommunicationUpdate, { actor: signer, reason: '' }))).toBe('reason_required');
      expect(await refusal(send(withdrawCommunicationUpdate, { actor: signer }))).toBe('forbidden_not_author');
      // pending reception
      await handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: signer }] });
      expect(await refusal(send(signCommunicationUpdate, { actor: signer }))).toBe('communication_not_awaiting_signature');
      expect(await refusal(send(receiveCommunicationUpdate, { actor: author }))).toBe('forbidden_sender');
      expect(await refusal(send(receiveCommunicationUpdate, { actor: actor(recipient.users.admin, []) }))).toBe('forbidden_not_recipient_member');
      expect(await refusal(send(forwardCommunicationUpdate, { actor: receiver, unitId: sender.unitId }))).toBe('communication_not_received');
      // received
      await handle.executeUpdate(receiveCommunicationUpdate, { args: [{ actor: receiver }] });
      expect(await refusal(send(receiveCommunicationUpdate, { actor: receiver }))).toBe('communication_not_pending_reception');
      expect(await refusal(send(processCommunicationUpdate, { actor: author, observations: 'x' }))).toBe('forbidden_sender');
      expect(await refusal(send(processCommunicationUpdate, { actor: actor(recipient.users.admin, []), observations: 'x' }))).toBe('forbidden_not_recipient_member');
      expect(await refusal(send(processCommunicationUpdate, { actor: receiver, observations: '' }))).toBe('observations_required');
      expect(await refusal(send(closeCommunicationUpdate, { actor: receiver, reason: ' ' }))).toBe('reason_required');
      expect(await refusal(send(forwardCommunicationUpdate, { actor: receiver, unitId: recipient.unitId }))).toBe('forward_same_unit');
      expect(await refusal(send(withdrawCommunicationUpdate, { actor: author }))).toBe('communication_not_awaiting_signature');
      // None of the refusals reached the history.
      const state = await handle.query(communicationStateQuery);
      expect(state.history.map((e) => e.action)).toEqual(['created', 'submitted', 'signed', 'delivered', 'received']);
      await handle.executeUpdate(closeCommunicationUpdate, { args: [{ actor: receiver, reason: 'No corresponde' }] });
      expect((await handle.result()).status).toBe('closed_unprocessed');
    });
  });
});
