// Projection of the intervention workflow into Postgres, and the notices it sends. Both are
// idempotent: rows carry the workflow's version and older writes are ignored; notices carry a
// dedupe key, so a retried activity never notifies twice.
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
  followUps,
  interventionActions,
  interventionAttributes,
  interventionCollaborators,
  interventionEvents,
  interventionFlags,
  interventionNeeds,
  interventionNotes,
  interventionRelations,
  interventions,
  users,
} from '../db/schema';
import type { DbLike } from '../db/client';
import { dateParam } from '../domain/dates';
import type { InterventionStatus } from '../domain/interventions';
import type {
  ActionState,
  AttributeState,
  CollaboratorState,
  FlagState,
  FollowUpState,
  HistoryEntry,
  NeedState,
  NoteState,
  RelatedState,
} from '../workflows/intervention.definitions';
import { followUpWorkflowId } from '../workflows/followup.definitions';
import { followUpRow } from './follow-up-rows';
import type { ActivityDeps } from './deps';
import { eventChanged, replacedEventColumns } from './event-projection';
import { createNotificationActivities } from './notification.activities';
import { nonRetryableDataErrors } from './data-errors';

export interface InterventionProjection {
  interventionId: string;
  organisationId: string;
  version: number;
  summary: {
    status: InterventionStatus;
    assigneeId: string | null;
    closureReason: string | null;
    closureNote: string | null;
    closedAt: string | null;
    lastActivityAt: string;
    needsTotal: number;
    needsCovered: number;
    openFlags: number;
    pendingFollowUps: number;
    overdueFollowUps: number;
    nextFollowUpAt: string | null;
  };
  /** Only what changed since the previous projection. */
  needs: NeedState[];
  actions: ActionState[];
  notes: NoteState[];
  flags: FlagState[];
  attributes: AttributeState[];
  collaborators: CollaboratorState[];
  related: RelatedState[];
  followUps: FollowUpState[];
  events: HistoryEntry[];
}

export type InterventionNoticeEvent =
  | 'assigned'
  | 'collaborator_added'
  | 'all_needs_covered'
  | 'follow_up_due'
  | 'follow_up_overdue'
  | 'follow_up_chased'
  | 'inactivity';

export interface InterventionNotice {
  interventionId: string;
  organisationId: string;
  event: InterventionNoticeEvent;
  /** Who is reminded; for follow-ups the assignee, or whoever scheduled it. */
  assigneeId: string | null;
  followUpId?: string;
  dueAt?: string;
  chase?: number;
  maxChases?: number;
  days?: number;
  /** Makes the notice unique per occurrence (with the case and the event). */
  dedupe?: string;
}

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/** Insert, or update only when the stored version is older. */
async function upsertVersioned<T extends PgTable>(
  db: DbLike,
  table: T,
  target: PgColumn[],
  versionColumn: PgColumn,
  rows: Array<Record<string, unknown>>,
) {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]).filter((k) => !target.some((c) => c.name === k));
  const set = Object.fromEntries(
    columns.map((k) => {
      const column = (table as unknown as Record<string, PgColumn>)[k];
      return [k, sql.raw(`excluded."${column.name}"`)];
    }),
  );
  await db
    .insert(table)
    .values(rows as never)
    .onConflictDoUpdate({ target, set: set as never, setWhere: lt(versionColumn, sql.raw('excluded."version"')) });
}

export function createInterventionActivities(deps: Pick<ActivityDeps, 'db' | 'outbox' | 'publicUrl'>) {
  const { db } = deps;
  const { notify } = createNotificationActivities(deps);

  return nonRetryableDataErrors({
    async projectIntervention(p: InterventionProjection): Promise<void> {
      const v = p.version;
      const base = { interventionId: p.interventionId, organisationId: p.organisationId, version: v };
      await db.transaction(async (tx) => {
        const s = p.summary;
        const updated = await tx
          .update(interventions)
          .set({
            status: s.status,
            assigneeId: s.assigneeId,
            closureReason: s.closureReason,
            closureNote: s.closureNote,
            closedAt: date(s.closedAt),
            lastActivityAt: new Date(s.lastActivityAt),
            needsTotal: s.needsTotal,
            needsCovered: s.needsCovered,
            openFlags: s.openFlags,
            pendingFollowUps: s.pendingFollowUps,
            overdueFollowUps: s.overdueFollowUps,
            nextFollowUpAt: date(s.nextFollowUpAt),
            projectionVersion: v,
          })
          .where(and(eq(interventions.id, p.interventionId), lt(interventions.projectionVersion, v)))
          .returning({ id: interventions.id });
        // A case deleted with its person: nothing left to project into.
        const [exists] = updated.length ? updated : await tx.select({ id: interventions.id }).from(interventions).where(eq(interventions.id, p.interventionId));
        if (!exists) return;

        await upsertVersioned(tx, interventionNeeds, [interventionNeeds.interventionId, interventionNeeds.code], interventionNeeds.version,
          p.needs.map((n) => ({ ...base, code: n.code, covered: n.covered, coveredAt: date(n.coveredAt), coveredBy: n.coveredBy, coverNote: n.note, assessmentId: n.assessmentId, addedAt: new Date(n.addedAt), removedAt: n.removed ? new Date() : null })));
        await upsertVersioned(tx, interventionActions, [interventionActions.id], interventionActions.version,
          p.actions.map((a) => ({ ...base, id: a.id, date: a.date, kind: a.kind, description: a.description, authorId: a.authorId, createdAt: new Date(a.createdAt) })));
        await upsertVersioned(tx, interventionNotes, [interventionNotes.id], interventionNotes.version,
          p.notes.map((n) => ({ ...base, id: n.id, body: n.body, authorId: n.authorId, createdAt: new Date(n.createdAt), editedAt: date(n.editedAt), deletedAt: date(n.deletedAt) })));
        await upsertVersioned(tx, interventionFlags, [interventionFlags.id], interventionFlags.version,
          p.flags.map((f) => ({ ...base, id: f.id, message: f.message, raisedBy: f.raisedBy, raisedAt: new Date(f.raisedAt), resolvedBy: f.resolvedBy, resolvedAt: date(f.resolvedAt), resolution: f.resolution })));
        await upsertVersioned(tx, interventionAttributes, [interventionAttributes.interventionId, interventionAttributes.key], interventionAttributes.version,
          p.attributes.map((a) => ({ ...base, key: a.key, value: a.value, updatedBy: a.updatedBy, updatedAt: new Date(a.updatedAt) })));
        await upsertVersioned(tx, interventionCollaborators, [interventionCollaborators.interventionId, interventionCollaborators.userId], interventionCollaborators.version,
          p.collaborators.map((c) => ({ interventionId: p.interventionId, version: v, userId: c.userId, userOrganisationId: c.organisationId, addedBy: c.addedBy, addedAt: new Date(c.addedAt), removedAt: date(c.removedAt) })));
        await upsertVersioned(tx, interventionRelations, [interventionRelations.interventionId, interventionRelations.relatedId], interventionRelations.version,
          p.related.map((r) => ({ interventionId: p.interventionId, version: v, relatedId: r.interventionId, note: r.note, addedBy: r.addedBy, addedAt: new Date(r.addedAt), removedAt: date(r.removedAt) })));
        await upsertVersioned(tx, followUps, [followUps.id], followUps.version,
          p.followUps.map((f) =>
            followUpRow(f, { organisationId: p.organisationId, owner: { type: 'intervention', id: p.interventionId }, assigneeId: s.assigneeId ?? f.createdBy, version: v }),
          ));
        if (updated.length) {
          // The calendar shows follow-ups to whoever holds the case now.
          await tx
            .update(followUps)
            .set({ assigneeId: s.assigneeId ?? sql`${followUps.createdBy}` })
            .where(and(eq(followUps.interventionId, p.interventionId), sql`${followUps.assigneeId} IS DISTINCT FROM coalesce(${s.assigneeId}, ${followUps.createdBy})`));
        }
        if (p.events.length) {
          await tx
            .insert(interventionEvents)
            .values(p.events.map((e) => ({ interventionId: p.interventionId, organisationId: p.organisationId, seq: e.seq, at: new Date(e.at), actorId: e.by, action: e.action, note: e.note, details: e.details })))
            // The latest projection of a position wins: a workflow task lost with a killed worker
            // may have projected its events, and its retry can number them in another order.
            .onConflictDoUpdate({ target: [interventionEvents.interventionId, interventionEvents.seq], set: replacedEventColumns(interventionEvents), setWhere: eventChanged(interventionEvents) });
        }
      });
    },

    async sendInterventionNotice(n: InterventionNotice): Promise<{ notified: number }> {
      const [row] = await db
        .select({ code: interventions.code, assigneeId: interventions.assigneeId })
        .from(interventions)
        .where(eq(interventions.id, n.interventionId));
      if (!row) return { notified: 0 };
      const link = `/intervenciones/${n.interventionId}`;
      const dedupe = `intervention:${n.interventionId}:${n.event}:${n.dedupe ?? ''}`;
      const common = { organisationId: n.organisationId, link, subjectType: 'intervention', subjectId: n.interventionId };
      // Written for each reader in their language and the organisation's time zone (domain/dates.ts).
      const due = n.dueAt ? dateParam(n.dueAt) : '';
      const toAssignee = (messageKey: string, email: boolean, params: Record<string, string | number> = {}) =>
        notify({ ...common, userIds: n.assigneeId ? [n.assigneeId] : [], kind: `intervention.${n.event}`, messageKey, params: { code: row.code, ...params }, dedupeKey: dedupe, email });

      switch (n.event) {
        case 'assigned':
          return toAssignee('notifications.intervention.assigned', false);
        case 'collaborator_added':
          return toAssignee('notifications.intervention.collaborator_added', false);
        case 'all_needs_covered':
          return toAssignee('notifications.intervention.all_needs_covered', false);
        case 'inactivity':
          return toAssignee('notifications.intervention.inactivity', true, { days: n.days ?? 0 });
        case 'follow_up_due':
          return toAssignee('notifications.follow_up.due', true, { due });
        case 'follow_up_chased':
          return toAssignee('notifications.follow_up.chased', true, { due, chase: n.chase ?? 0, max: n.maxChases ?? 0 });
        case 'follow_up_overdue': {
          const reminded = await toAssignee('notifications.follow_up.overdue', true, { due });
          // Escalation: the organisation's supervisors (its admins, where it has none).
          const staff = await db
            .select({ id: users.id, roles: users.roles, name: users.name })
            .from(users)
            .where(and(eq(users.organisationId, n.organisationId), eq(users.status, 'active'), sql`${users.roles} && ARRAY['supervisor','admin']::text[]`));
          const supervisors = staff.filter((u) => u.roles.includes('supervisor'));
          const escalateTo = (supervisors.length ? supervisors : staff).map((u) => u.id).filter((id) => id !== n.assigneeId);
          const [assignee] = n.assigneeId ? await db.select({ name: users.name }).from(users).where(inArray(users.id, [n.assigneeId])) : [];
          const escalated = await notify({
            ...common,
            userIds: escalateTo,
            kind: 'intervention.follow_up_escalated',
            messageKey: 'notifications.follow_up.escalated',
            params: { code: row.code, due, assignee: assignee?.name ?? '—' },
            dedupeKey: `${dedupe}:escalated`,
            email: true,
          });
          return { notified: reminded.notified + escalated.notified };
        }
      }
    },
  });
}
