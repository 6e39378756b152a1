// A follow-up as its owner's workflow holds it, written as its row in follow_ups: one mapping for
// every kind of case that owns follow-ups (interventions, referrals, and those to come).
import type { FollowUpOwner } from '../domain/follow-ups';
import type { FollowUpState } from '../workflows/intervention.definitions';
import { followUpWorkflowId } from '../workflows/followup.definitions';

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

export function followUpRow(f: FollowUpState, o: { organisationId: string; owner: FollowUpOwner; assigneeId: string | null; version: number }) {
  return {
    id: f.id,
    organisationId: o.organisationId,
    ownerType: o.owner.type,
    ownerId: o.owner.id,
    // Set for an intervention's follow-ups only, so they go when the case is deleted.
    interventionId: o.owner.type === 'intervention' ? o.owner.id : null,
    assigneeId: o.assigneeId,
    dueAt: new Date(f.dueAt),
    overdueAt: date(f.overdueAt),
    note: f.note,
    status: f.status,
    chases: f.chases,
    outcome: f.outcome,
    outcomeNotes: f.outcomeNotes,
    createdBy: f.createdBy,
    createdAt: new Date(f.createdAt),
    finishedBy: f.finishedBy,
    finishedAt: date(f.finishedAt),
    workflowId: followUpWorkflowId(f.id),
    version: o.version,
  };
}
