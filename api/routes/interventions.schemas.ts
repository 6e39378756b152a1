import { z } from '@hono/zod-openapi';
import { actionKinds, closureReasons, interventionStatuses } from '../../domain/interventions';
import { followUpOwnerTypes } from '../../domain/follow-ups';
import { ZReferralListItem } from './referrals.schemas';
import { ZDate, ZDateOrDateTime, ZId, ZPageQuery, ZPlannedAt } from '../schemas';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const ZInterventionStatus = z.enum(interventionStatuses);
export const ZClosureReason = z.enum(closureReasons);

// ---- requests ---------------------------------------------------------------------------------

export const ZCreateAssessmentRequest = z
  .object({
    summary: text(20_000).openapi({ description: 'The written assessment (valoración)' }),
    needs: z.array(z.string().trim().min(1).max(16)).min(1).max(100).openapi({ description: 'Specific (third-level) need codes', example: ['030101', '020499'] }),
  })
  .openapi('CreateAssessmentRequest');

export const ZAssessmentPreviewRequest = ZCreateAssessmentRequest.pick({ needs: true }).openapi('AssessmentPreviewRequest');

export const ZInterventionListQuery = ZPageQuery.extend({
  status: z
    .string()
    .regex(/^(active|open|in_progress|pending|closed)(,(open|in_progress|pending|closed))*$/)
    .optional()
    .openapi({ description: 'One status, several separated by commas, or "active" (every status but closed)' }),
  assignee: z.union([z.enum(['me', 'unassigned', 'assigned']), ZId]).optional().openapi({ description: 'me, unassigned, assigned (to anyone), or a user id' }),
  personId: ZId.optional(),
  needCode: z.string().regex(/^\d{2}(\d{2})?$/).optional().openapi({ description: 'A second-level need (0301) or a whole group (03)' }),
  q: z.string().trim().max(100).optional().openapi({ description: 'Case code or person name; accents and case ignored' }),
  from: ZDate.optional().openapi({ description: 'Opened on or after this date' }),
  to: ZDate.optional().openapi({ description: 'Opened on or before this date' }),
  flagged: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: 'Only cases with overdue follow-ups' }),
  sort: z.enum(['recent', 'opened', 'code', 'next_follow_up', 'status']).default('recent'),
});
export type TInterventionListQuery = z.infer<typeof ZInterventionListQuery>;

export const ZRecordActionRequest = z
  .object({ date: ZDate, kind: z.enum(actionKinds), description: text(10_000) })
  .openapi('RecordActionRequest');

export const ZDueAt = ZPlannedAt.openapi({ description: 'ISO 8601 with offset, or a date (then 09:00 in the organisation’s time zone)', example: '2027-06-01T10:00:00+02:00' });
export const ZScheduleFollowUpRequest = z.object({ dueAt: ZDueAt, note: text(2_000) }).openapi('ScheduleFollowUpRequest');
export const ZCompleteFollowUpRequest = z.object({ outcome: text(200), notes: optionalText(5_000) }).openapi('CompleteFollowUpRequest');
export const ZCancelFollowUpRequest = z.object({ reason: optionalText(1_000) }).openapi('CancelFollowUpRequest');
export const ZCoverNeedRequest = z.object({ note: optionalText(2_000) }).openapi('CoverNeedRequest');

const statusChange = {
  status: z.enum(['in_progress', 'pending', 'closed']).openapi({ description: 'in_progress on a closed case reopens it (permission interventions.reopen)' }),
  reason: ZClosureReason.nullish().openapi({ description: 'Required to close' }),
  note: optionalText(2_000),
};
const requireReason = (v: { status?: string; reason?: string | null; note?: string | null }, ctx: z.RefinementCtx) => {
  if (v.status === 'closed' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'A closure reason is required to close' });
  if (v.reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why when the reason is "other"' });
};
export const ZChangeStatusRequest = z.object(statusChange).superRefine(requireReason).openapi('ChangeStatusRequest');
export const ZReopenRequest = z.object({ note: optionalText(2_000) }).openapi('ReopenInterventionRequest');
export const ZAssignRequest = z
  .object({ userId: ZId.nullable().openapi({ description: 'null leaves the case unassigned' }) })
  .openapi('AssignInterventionRequest');
export const ZNoteRequest = z.object({ body: text(20_000) }).openapi('NoteRequest');
export const ZFlagRequest = z.object({ message: text(1_000) }).openapi('FlagRequest');
export const ZAttributeRequest = z.object({ value: text(1_000) }).openapi('AttributeRequest');
export const ZCollaboratorRequest = z.object({ userId: ZId }).openapi('AddCollaboratorRequest');
export const ZRelatedRequest = z.object({ interventionId: ZId, note: optionalText(1_000) }).openapi('RelateInterventionRequest');

export const ZBulkRequest = z
  .object({
    ids: z.array(ZId).min(1).max(200),
    status: statusChange.status.optional(),
    reason: statusChange.reason,
    note: statusChange.note,
    assigneeId: ZId.nullable().optional().openapi({ description: 'A user id, or null to unassign' }),
    flag: text(1_000).optional().openapi({ description: 'Raise a flag with this message on every case' }),
  })
  .superRefine((v, ctx) => {
    requireReason(v, ctx);
    if (v.status === undefined && v.assigneeId === undefined && v.flag === undefined) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'Say what to change: status, assigneeId or flag' });
    }
  })
  .openapi('BulkInterventionsRequest');

export const ZCalendarQuery = z.object({
  from: ZDateOrDateTime.optional().openapi({ description: 'A day (from its start in the organisation’s time zone) or an ISO 8601 date-time. Default: today', example: '2026-12-01' }),
  to: ZDateOrDateTime.optional().openapi({ description: 'A day (to its end) or an ISO 8601 date-time. Default: 31 days after from', example: '2026-12-31T23:59:59+01:00' }),
});

// ---- responses --------------------------------------------------------------------------------

export const ZCreated = z.object({ id: z.string() }).openapi('Created');

export const ZAssessmentResult = z
  .object({
    id: z.string(),
    interventions: z.array(z.object({ id: z.string(), code: z.string(), needCode: z.string(), created: z.boolean() })),
  })
  .openapi('AssessmentResult');

export const ZAssessmentPreview = z
  .object({
    interventions: z.array(
      z.object({
        needCode: z.string(),
        needName: z.string(),
        created: z.boolean(),
        interventionId: z.string().nullable(),
        code: z.string().nullable(),
        needs: z.array(z.object({ code: z.string(), name: z.string(), alreadyPresent: z.boolean() })),
      }),
    ),
  })
  .openapi('AssessmentPreview');

export const ZAssessment = z
  .object({
    id: z.string(),
    summary: z.string(),
    needs: z.array(z.object({ code: z.string(), name: z.string() })),
    interventions: z.array(z.object({ interventionId: z.string(), needCode: z.string(), created: z.boolean() })),
    createdBy: z.string(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Assessment');

export const ZInterventionListItem = z
  .object({
    id: z.string(),
    code: z.string(),
    personId: z.string(),
    personName: z.string(),
    personCode: z.string(),
    needCode: z.string(),
    needName: z.string(),
    groupCode: z.string(),
    status: ZInterventionStatus,
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    updatedAt: z.string(),
    lastActivityAt: z.string(),
    needsTotal: z.number(),
    needsCovered: z.number(),
    openFlags: z.number(),
    pendingFollowUps: z.number(),
    overdueFollowUps: z.number(),
    nextFollowUpAt: z.string().nullable(),
    /** The caller reaches it as a collaborator from a partner organisation. */
    collaborating: z.boolean(),
  })
  .openapi('InterventionListItem');
export type TInterventionListItem = z.infer<typeof ZInterventionListItem>;

export const ZFollowUp = z
  .object({
    id: z.string(),
    dueAt: z.string(),
    overdueAt: z.string().nullable(),
    note: z.string(),
    status: z.enum(['scheduled', 'due', 'overdue', 'completed', 'cancelled']),
    overdue: z.boolean(),
    chases: z.number(),
    outcome: z.string().nullable(),
    notes: z.string().nullable(),
    createdBy: z.string(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
    finishedBy: z.string().nullable(),
    finishedByName: z.string().nullable(),
    finishedAt: z.string().nullable(),
    workflowId: z.string(),
  })
  .openapi('FollowUp');

export const ZInterventionDetail = ZInterventionListItem.omit({ collaborating: true })
  .extend({
    groupName: z.string(),
    closureReason: ZClosureReason.nullable(),
    closureReasonLabel: z.string().nullable(),
    closureNote: z.string().nullable(),
    openedBy: z.string(),
    openedByName: z.string().nullable(),
    needs: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        active: z.boolean(),
        covered: z.boolean(),
        coveredAt: z.string().nullable(),
        coveredBy: z.string().nullable(),
        coveredByName: z.string().nullable(),
        note: z.string().nullable(),
        addedAt: z.string(),
        assessmentId: z.string().nullable(),
      }),
    ),
    actions: z.array(
      z.object({ id: z.string(), date: z.string(), kind: z.string(), kindLabel: z.string(), description: z.string(), authorId: z.string(), authorName: z.string().nullable(), createdAt: z.string() }),
    ),
    followUps: z.array(ZFollowUp),
    notes: z.array(
      z.object({ id: z.string(), body: z.string(), authorId: z.string(), authorName: z.string().nullable(), createdAt: z.string(), editedAt: z.string().nullable(), mine: z.boolean() }),
    ),
    flags: z.array(
      z.object({
        id: z.string(),
        message: z.string(),
        raisedBy: z.string(),
        raisedByName: z.string().nullable(),
        raisedAt: z.string(),
        resolvedBy: z.string().nullable(),
        resolvedByName: z.string().nullable(),
        resolvedAt: z.string().nullable(),
        resolution: z.string().nullable(),
      }),
    ),
    attributes: z.array(z.object({ key: z.string(), value: z.string(), updatedBy: z.string(), updatedAt: z.string() })),
    collaborators: z.array(
      z.object({ userId: z.string(), name: z.string().nullable(), organisationId: z.string(), organisationName: z.string().nullable(), partner: z.boolean(), addedAt: z.string() }),
    ),
    related: z.array(
      z.object({
        interventionId: z.string(),
        code: z.string(),
        personId: z.string(),
        personName: z.string(),
        needCode: z.string(),
        needName: z.string(),
        status: ZInterventionStatus,
        note: z.string().nullable(),
        /** outgoing: this case links to it; incoming: it links to this case. */
        direction: z.enum(['outgoing', 'incoming']),
      }),
    ),
    referrals: z.array(ZReferralListItem),
    history: z.array(
      z.object({
        seq: z.number(),
        at: z.string(),
        actorId: z.string().nullable(),
        actorName: z.string().nullable(),
        action: z.string(),
        label: z.string(),
        note: z.string().nullable(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
    closable: z.object({
      ok: z.boolean(),
      blockers: z.array(z.object({ type: z.enum(['follow_up', 'referral']), id: z.string(), dueAt: z.string().optional(), label: z.string() })),
    }),
    can: z.object({
      edit: z.boolean(),
      manage: z.boolean(),
      reopen: z.boolean(),
      assignOthers: z.boolean(),
      assignTo: z.array(z.string()).nullable().openapi({ description: 'Users the caller may assign the case to (themselves and their unit’s colleagues); null: anyone' }),
      bulk: z.boolean(),
    }),
    workflowId: z.string(),
    temporalUrl: z.string().nullable(),
  })
  .openapi('InterventionDetail');
export type TInterventionDetail = z.infer<typeof ZInterventionDetail>;

export const ZBulkResult = z
  .object({
    total: z.number(),
    succeeded: z.number(),
    failed: z.number(),
    results: z.array(
      z.object({
        id: z.string(),
        code: z.string().nullable(),
        ok: z.boolean(),
        status: z.number().openapi({ description: 'The HTTP status this change alone would have had' }),
        error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
      }),
    ),
  })
  .openapi('BulkInterventionsResult');

export const ZCalendarItem = z
  .object({
    type: z.enum(['follow_up', 'appointment']).openapi({ description: 'A follow-up, or a CPI appointment the caller holds (dueAt: its start; status: booked, attended, no_show; overdue: ended with no outcome recorded)' }),
    id: z.string(),
    dueAt: z.string(),
    status: z.string(),
    overdue: z.boolean(),
    interventionId: z.string().nullable().openapi({ description: 'The owning intervention; null when another kind of case owns the follow-up' }),
    code: z.string().openapi({ description: 'The owning case’s code (empty when its kind has none)' }),
    personName: z.string(),
    note: z.string(),
    owner: z
      .object({
        type: z.string().openapi({ description: 'The kind of case: intervention today; referral, appointment, job offer… as modules arrive', example: followUpOwnerTypes[0] }),
        id: z.string(),
        code: z.string().optional(),
        title: z.string().optional(),
      })
      .openapi('FollowUpOwner', { description: 'The case that owns the follow-up (an intervention today; referrals, appointments, job offers next)' }),
  })
  .openapi('CalendarItem');

export const ZSummary = z
  .object({
    counts: z.object({
      total: z.number(),
      unassigned: z.number(),
      assigned: z.number(),
      closed: z.number(),
      open: z.number(),
      inProgress: z.number(),
      pending: z.number(),
      mine: z.number(),
    }),
    recent: z.array(ZInterventionListItem),
    referrals: z
      .object({
        total: z.number(),
        awaitingAnswer: z.number(),
        accepted: z.number(),
        overdue: z.number(),
        resolved: z.number(),
        mine: z.number().openapi({ description: 'Unresolved referrals assigned to the caller' }),
        mineOverdue: z.number(),
      })
      .openapi({ description: 'Referral counts of the organisation, and the caller’s' }),
    overdueFollowUps: z.array(ZCalendarItem),
  })
  .openapi('InterventionsSummary');

