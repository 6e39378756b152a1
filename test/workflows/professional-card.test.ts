// A professional card's expiry reminder on the time-skipping server: the professional is told
// (in the app and by email through the outbox) 30 days before the card expires, at 09:00 in the
// organisation's zone; editing the expiry moves the reminder; deleting the card cancels it.
// Real activities: Postgres, notifications, outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { notifications, outboxMessages, personProfessionalCards, persons, professionalCards } from '../../db/schema';
import { cardReminderAt, defaultProfessionalCards } from '../../domain/employment-cv';
import { addCalendarDays, isoDate, toLocal } from '../../domain/working-days';
import type { professionalCardWorkflow } from '../../workflows/professional-card';
import {
  professionalCardStateQuery,
  professionalCardWorkflowId,
  removeProfessionalCardUpdate,
  setProfessionalCardExpiryUpdate,
} from '../../workflows/professional-card.definitions';
import { createOrganisation, uniqueSuffix, type TestOrganisation } from '../support/fixtures';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

const HOUR = 3_600_000;
const TZ = 'Europe/Madrid';

let h: TimeSkippingHarness;
let org: TestOrganisation;
let worker: Worker;
let running: Promise<void>;
let cardId: string;

beforeAll(async () => {
  h = await createTimeSkippingHarness();
  org = await createOrganisation(h.database.db, { timezone: TZ });
  const [card] = await h.database.db.insert(professionalCards).values({ organisationId: org.id, code: defaultProfessionalCards[0].code, name: defaultProfessionalCards[0].name }).returning();
  cardId = card.id;
  worker = await h.createWorker();
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await h?.stop();
});

const professional = () => org.users.professional.id;
/** The expiry date `days` calendar days after the server's now, in Madrid. */
async function expiryIn(days: number) {
  return isoDate(toLocal(addCalendarDays(new Date(await h.env.currentTimeMs()), days, TZ), TZ));
}

/** A card as the API records it: its row, then its workflow. */
async function record(expiresOn: string) {
  const db = h.database.db;
  const [person] = await db.insert(persons).values({ organisationId: org.id, code: `EXP-${uniqueSuffix()}`, firstName: 'Lucía', lastName: 'Martín' }).returning();
  const [row] = await db.insert(personProfessionalCards).values({ personId: person.id, organisationId: org.id, cardId, expiresOn, recordedBy: professional() }).returning();
  const workflowId = professionalCardWorkflowId(row.id);
  await db.update(personProfessionalCards).set({ workflowId }).where(eq(personProfessionalCards.id, row.id));
  const handle = await h.env.client.workflow.start<typeof professionalCardWorkflow>('professionalCardWorkflow', {
    taskQueue: h.taskQueue,
    workflowId,
    args: [{ personCardId: row.id, organisationId: org.id, personId: person.id, expiresOn, reminderDays: 30, timezone: TZ, professionalId: professional() }],
  });
  return { rowId: row.id, personId: person.id, handle };
}

type Handle = WorkflowHandle<typeof professionalCardWorkflow>;
const state = (handle: Handle) => handle.query(professionalCardStateQuery);
const reminders = async (personId: string) =>
  (await h.database.db.select().from(notifications).where(and(eq(notifications.userId, professional()), eq(notifications.subjectId, personId)))).map((n) => ({ kind: n.kind, params: n.params }));
const mails = async (personId: string) => (await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.organisationId, org.id))).filter((m) => m.text.includes(personId));
async function sleepUntil(at: Date, marginMs = 0) {
  const wait = at.getTime() + marginMs - (await h.env.currentTimeMs());
  if (wait > 0) await h.env.sleep(wait);
}

describe('professional card expiry reminder (time-skipping)', () => {
  it('reminds the professional 30 days before the expiry, at 09:00 Madrid, in the app and by email', async () => {
    const expiresOn = await expiryIn(90);
    const { personId, handle } = await record(expiresOn);
    const at = cardReminderAt(expiresOn, 30, TZ);
    expect((await state(handle)).reminderAt).toBe(at.toISOString());
    expect(toLocal(at, TZ).hour).toBe(9);

    await sleepUntil(at, -HOUR);
    expect(await reminders(personId)).toEqual([]);
    await sleepUntil(at, HOUR);
    await expect.poll(() => reminders(personId)).toEqual([
      { kind: 'professional_card.expiring', params: expect.objectContaining({ person: 'Lucía Martín', card: defaultProfessionalCards[0].name }) },
    ]);
    await expect.poll(async () => (await mails(personId)).length).toBe(1);
    const [mail] = await mails(personId);
    expect(mail.recipient).toBe(org.users.professional.email);
    expect(mail.text).toContain('caduca el');
    const done = await handle.result();
    expect(done.status).toBe('reminded');
    expect(done.history.map((e) => e.action)).toEqual(['planned', 'reminded']);
  });

  it('moves the reminder when the expiry is edited: nothing at the old time, the reminder at the new one', async () => {
    const first = await expiryIn(60);
    const { personId, handle } = await record(first);
    const later = await expiryIn(120);
    await h.database.db.update(personProfessionalCards).set({ expiresOn: later }).where(eq(personProfessionalCards.workflowId, handle.workflowId));
    const moved = await handle.executeUpdate(setProfessionalCardExpiryUpdate, { args: [{ by: professional(), expiresOn: later, reminderDays: 30, timezone: TZ, professionalId: professional() }] });
    expect(moved).toEqual({ status: 'waiting', reminderAt: cardReminderAt(later, 30, TZ).toISOString() });

    await sleepUntil(cardReminderAt(first, 30, TZ), 2 * HOUR);
    expect(await reminders(personId)).toEqual([]);
    await sleepUntil(cardReminderAt(later, 30, TZ), HOUR);
    await expect.poll(() => reminders(personId)).toHaveLength(1);
    expect((await handle.result()).history.map((e) => e.action)).toEqual(['planned', 'moved', 'reminded']);
  });

  it('a card recorded with less than 30 days left is reminded at once', async () => {
    const { personId, handle } = await record(await expiryIn(10));
    await expect.poll(() => reminders(personId)).toHaveLength(1);
    expect((await handle.result()).status).toBe('reminded');
  });

  it('deleting the card cancels the reminder', async () => {
    const expiresOn = await expiryIn(45);
    const { personId, handle } = await record(expiresOn);
    await h.env.sleep(3 * 24 * HOUR);
    await handle.executeUpdate(removeProfessionalCardUpdate, { args: [{ by: professional() }] });
    const done = await handle.result();
    expect(done.status).toBe('removed');
    await sleepUntil(cardReminderAt(expiresOn, 30, TZ), 2 * HOUR);
    expect(await reminders(personId)).toEqual([]);
  });
});
