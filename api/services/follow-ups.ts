// Follow-ups (seguimientos): chased by the follow-up workflow, scheduled, completed and cancelled
// through the case that owns them.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { followUps } from '../../db/schema';
import { fromLocal } from '../../domain/working-days';
import { cancelFollowUpUpdate, completeFollowUpUpdate, scheduleFollowUpUpdate } from '../../workflows/intervention.definitions';
import type { AppDeps, SessionUser } from '../context';
import { notFound } from '../errors';
import { newId } from './request-ids';
import { creating, findIntervention, organisationCalendar, send } from './interventions';

/** A date alone means 09:00 in the organisation's zone, when the working day starts. */
function dueInstant(dueAt: string, timezone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueAt)) return new Date(dueAt);
  const [year, month, day] = dueAt.split('-').map(Number);
  return fromLocal({ year, month, day, hour: 9, minute: 0, second: 0 }, timezone);
}

export async function scheduleFollowUp(deps: AppDeps, user: SessionUser, id: string, input: { dueAt: string; note: string }) {
  const access = await findIntervention(deps.db, user, id);
  const { calendar, policy } = await organisationCalendar(deps.db, access.row.organisationId);
  const followUpId = newId(deps, 'followup', access.row.id);
  const dueAt = dueInstant(input.dueAt, calendar.timezone).toISOString();
  await creating(deps, send(deps, user, access, scheduleFollowUpUpdate, { id: followUpId, dueAt, note: input.note, calendar, policy }, {
    action: 'follow_up_scheduled',
    details: { followUpId, dueAt },
    updateId: `followup-${followUpId}`,
  }));
  return { id: followUpId };
}

async function requireFollowUp(db: Db, interventionId: string, followUpId: string) {
  const [row] = await db.select({ id: followUps.id }).from(followUps).where(and(eq(followUps.id, followUpId), eq(followUps.interventionId, interventionId)));
  if (!row) throw notFound();
}

export async function completeFollowUp(deps: AppDeps, user: SessionUser, id: string, followUpId: string, input: { outcome: string; notes?: string | null }) {
  const access = await findIntervention(deps.db, user, id);
  await requireFollowUp(deps.db, id, followUpId);
  return send(deps, user, access, completeFollowUpUpdate, { id: followUpId, outcome: input.outcome, notes: input.notes ?? null }, { action: 'follow_up_completed', details: { followUpId, outcome: input.outcome } });
}

export async function cancelFollowUp(deps: AppDeps, user: SessionUser, id: string, followUpId: string, input: { reason?: string | null }) {
  const access = await findIntervention(deps.db, user, id);
  await requireFollowUp(deps.db, id, followUpId);
  return send(deps, user, access, cancelFollowUpUpdate, { id: followUpId, reason: input.reason ?? null }, { action: 'follow_up_cancelled', details: { followUpId } });
}

