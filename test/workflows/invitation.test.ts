import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { invitations, invitationTokens, users } from '../../db/schema';
import { addCalendarDays, addWorkingDays } from '../../domain/working-days';
import {
  acceptInvitationUpdate,
  cancelInvitationUpdate,
  invitationStateQuery,
  invitationWorkflowId,
  resendInvitationUpdate,
  type InvitationInput,
} from '../../workflows/invitation.definitions';
import type { invitationWorkflow } from '../../workflows/invitation';
import { createOrganisation, mailsTo, waitForMail, type TestOrganisation } from '../support/fixtures';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

const HOUR = 3_600_000;
const holidays = ['2026-12-08', '2026-12-25'];

let h: TimeSkippingHarness;
let org: TestOrganisation;

beforeAll(async () => {
  h = await createTimeSkippingHarness();
  org = await createOrganisation(h.database.db, { settings: { holidays } });
});
afterAll(async () => h?.stop());

/** An invited (inactive) user with its invitation row, as the API writes them. */
async function invite(name: string) {
  const db = h.database.db;
  const email = `${name}-${randomUUID().slice(0, 8)}@test.cauce.local`;
  const [user] = await db.insert(users).values({ organisationId: org.id, email, name, roles: ['professional'], status: 'invited' }).returning();
  const invitationId = randomUUID();
  await db.insert(invitations).values({
    id: invitationId,
    organisationId: org.id,
    userId: user.id,
    email,
    invitedBy: org.users.admin.id,
    expiresAt: new Date(Date.now() + 7 * 24 * HOUR),
    workflowId: invitationWorkflowId(invitationId),
  });
  const input: InvitationInput = { invitationId, organisationId: org.id, userId: user.id, invitedBy: org.users.admin.id, timezone: 'Europe/Madrid', holidays };
  const handle = await h.env.client.workflow.start<typeof invitationWorkflow>('invitationWorkflow', { workflowId: input.invitationId && invitationWorkflowId(invitationId), taskQueue: h.taskQueue, args: [input] });
  return { email, user, invitationId, handle };
}

async function invitationRow(id: string) {
  const [row] = await h.database.db.select().from(invitations).where(eq(invitations.id, id));
  return row;
}

describe('invitation workflow (time-skipping)', () => {
  it('emails the link, reminds after 3 working days, and expires after 7 days', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { email, invitationId, handle } = await invite('reminded');
      const first = await waitForMail(h.database.db, email);
      expect(first.subject).toContain('Invitación a Cauce');
      expect(first.text).toMatch(/\/invitacion\/[\w-]{40,}/);

      const state = await handle.query(invitationStateQuery);
      const sentAt = new Date(state.history[0].at);
      const calendar = { timezone: 'Europe/Madrid', holidays };
      expect(state.reminderAt).toBe(addWorkingDays(sentAt, 3, calendar).toISOString());
      expect(state.expiresAt).toBe(addCalendarDays(sentAt, 7, 'Europe/Madrid').toISOString());

      // Just before the reminder is due: still only the first mail.
      await h.env.sleep(new Date(state.reminderAt!).getTime() - (await h.env.currentTimeMs()) - HOUR);
      expect(await mailsTo(h.database.db, email)).toHaveLength(1);

      await h.env.sleep(2 * HOUR);
      const reminder = await waitForMail(h.database.db, email, (s) => s.startsWith('Recordatorio'));
      expect(reminder.text).toMatch(/\/invitacion\/[\w-]{40,}/);
      expect((await handle.query(invitationStateQuery)).remindersSent).toBe(1);

      const final = await handle.result();
      expect(final.status).toBe('expired');
      expect(final.history.map((e) => e.action)).toEqual(['sent', 'reminded', 'expired']);
      expect(await mailsTo(h.database.db, email)).toHaveLength(2);
      const row = await invitationRow(invitationId);
      expect(row.status).toBe('expired');
      expect(await h.database.db.select().from(invitationTokens).where(eq(invitationTokens.invitationId, invitationId))).toHaveLength(0);
    });
  });

  it('accepting activates the user, ends the workflow and refuses a second accept', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { email, user, invitationId, handle } = await invite('accepted');
      await waitForMail(h.database.db, email);
      const accepted = await handle.executeUpdate(acceptInvitationUpdate, { args: [{ userId: user.id }] });
      expect(accepted.status).toBe('accepted');
      const [after] = await h.database.db.select().from(users).where(eq(users.id, user.id));
      expect(after.status).toBe('active');
      expect((await handle.result()).status).toBe('accepted');
      expect((await invitationRow(invitationId)).status).toBe('accepted');
    });
  });

  it('a cancelled invitation ends: it can no longer be accepted and the user stays inactive', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { email, user, handle } = await invite('cancelled');
      await waitForMail(h.database.db, email);
      const cancelled = await handle.executeUpdate(cancelInvitationUpdate, { args: [{ by: org.users.admin.id }] });
      expect(cancelled.status).toBe('cancelled');
      expect((await handle.result()).status).toBe('cancelled');
      await expect(handle.executeUpdate(acceptInvitationUpdate, { args: [{ userId: user.id }] })).rejects.toBeInstanceOf(WorkflowNotFoundError);
      const [after] = await h.database.db.select().from(users).where(eq(users.id, user.id));
      expect(after.status).toBe('invited');
    });
  });

  it('a cancel that reaches the workflow with its start is recorded after "sent" and no mail goes out', async () => {
    // The worker is not polling yet: the start and the cancel arrive in the same first task.
    const worker = await h.createWorker();
    const { email, handle } = await invite('cancelled-at-once');
    const cancelling = handle.executeUpdate(cancelInvitationUpdate, { args: [{ by: org.users.admin.id }] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await worker.runUntil(async () => {
      const final = await handle.result();
      expect((await cancelling).status).toBe('cancelled');
      expect(final.history.map((e) => e.action)).toEqual(['sent', 'cancelled']);
      expect(await mailsTo(h.database.db, email)).toHaveLength(0);
    });
  });

  it('resending sends a new link and gives the invitation a fresh 7 days', async () => {
    const worker = await h.createWorker();
    await worker.runUntil(async () => {
      const { email, handle } = await invite('resent');
      await waitForMail(h.database.db, email);
      const before = await handle.query(invitationStateQuery);
      await h.env.sleep(6 * 24 * HOUR);
      const after = await handle.executeUpdate(resendInvitationUpdate, { args: [{ by: org.users.admin.id }] });
      expect(new Date(after.expiresAt).getTime()).toBeGreaterThan(new Date(before.expiresAt).getTime() + 5 * 24 * HOUR);
      // Day 8 after the first mail: the first expiry passed, the resent invitation is still pending.
      await h.env.sleep(2 * 24 * HOUR);
      expect((await handle.query(invitationStateQuery)).status).toBe('pending');
      const mails = await mailsTo(h.database.db, email);
      expect(mails.filter((m) => m.subject.startsWith('Invitación'))).toHaveLength(2);
    });
  });
});
