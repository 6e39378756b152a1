// CPI operators' accreditations: the operator's request starts an `accreditation-<id>` workflow;
// editing, submitting and the service centre's decision are Updates on it (whose validators also
// check who acts); lists and details read the projection (db/schema/accreditations.ts).
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { UpdateDefinition } from '@temporalio/common';
import type { Db } from '../../db/client';
import { accreditations, organisations, users } from '../../db/schema';
import {
  ACCREDITATION_PAGE,
  ACCREDITATION_REMINDER_WORKING_DAYS,
  isServiceCentre,
  liveAccreditationStatuses,
  type AccreditationDecision,
  type AccreditationStatus,
  type AccreditationRequestFields,
} from '../../domain/accreditations';
import { t } from '../../domain/i18n';
import type { WorkingCalendar } from '../../domain/working-days';
import {
  accreditationErrors,
  accreditationWorkflowId,
  decideAccreditationUpdate,
  editAccreditationUpdate,
  submitAccreditationUpdate,
  type AccreditationActor,
  type AccreditationInput,
  type AccreditationUpdateResult,
} from '../../workflows/accreditation.definitions';
import type { accreditationWorkflow } from '../../workflows/accreditation';
import { workflowKinds } from '../../workflows/workflow-kinds';
import type { AppDeps, SessionUser } from '../context';
import { accreditationGate } from '../middleware/cpi-access';
import { ApiError, conflict, forbidden, notFound } from '../errors';
import { iso } from '../schemas';
import type { TAccreditationListQuery } from '../routes/accreditations.schemas';
import { newId } from './request-ids';
import { recordSearchAttributes, startRecordWorkflow, updateRecordWorkflow } from './workflow-records';

type Row = typeof accreditations.$inferSelect;

interface RequestBody {
  cpiId: string;
  province?: string | null;
  role?: string | null;
  phone?: string | null;
  note?: string | null;
}

const fieldsOf = (b: RequestBody): AccreditationRequestFields => ({
  cpiId: b.cpiId,
  province: b.province || null,
  qualification: b.role || null,
  phone: b.phone || null,
  note: b.note || null,
});

/** The service centre and admins see every request of their organisation. */
const seesAll = (user: SessionUser) => isServiceCentre(user.roles) || user.roles.includes('admin');
const actor = (user: SessionUser): AccreditationActor => ({ by: user.id, organisationId: user.organisationId, roles: user.roles });
const notPending = (row: Row, action: 'edit' | 'submit' | 'decide') =>
  conflict(accreditationErrors.notPending, 'errors.accreditation_not_pending', { statusLabel: `@accreditation.status.${row.status}`, action: `@accreditation.action.${action}` }, { status: row.status });

async function organisationOf(db: Db, organisationId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  const calendar: WorkingCalendar = { timezone: org.timezone, holidays: org.settings.holidays ?? [] };
  return { org, calendar };
}

/** A request of the caller's organisation (404 otherwise) that the caller may see (403 otherwise). */
async function findAccreditation(db: Db, user: SessionUser, id: string): Promise<Row> {
  const [row] = await db.select().from(accreditations).where(and(eq(accreditations.id, id), eq(accreditations.organisationId, user.organisationId)));
  if (!row) throw notFound();
  if (row.userId !== user.id && !seesAll(user)) throw forbidden({ reason: 'role' });
  return row;
}

async function update<A>(deps: AppDeps, user: SessionUser, row: Row, def: UpdateDefinition<AccreditationUpdateResult, [A], string>, args: A, action: string, details: Record<string, unknown> = {}) {
  if (!row.workflowId) throw notPending(row, 'decide');
  const record = { id: row.id, organisationId: row.organisationId, workflowId: row.workflowId };
  const result = await updateRecordWorkflow(deps, user, 'accreditation', record, def, args, { action, details: { userId: row.userId, ...details } });
  return { id: row.id, status: result.status };
}

// ---- the operator's request ---------------------------------------------------------------------

export async function createAccreditation(deps: AppDeps, user: SessionUser, body: RequestBody & { submit?: boolean }) {
  const { db } = deps;
  const { org, calendar } = await organisationOf(db, user.organisationId);
  if (org.kind !== 'cpi') throw new ApiError(422, 'not_cpi', 'errors.not_cpi');
  // The service centre decides requests; it does not file them.
  if (isServiceCentre(user.roles)) throw forbidden({ reason: 'role' });
  const id = newId(deps, 'accreditation', user.id);
  const [again] = await db.select().from(accreditations).where(eq(accreditations.id, id));
  if (again) return { id, status: again.status };
  const [live] = await db
    .select({ status: accreditations.status })
    .from(accreditations)
    .where(and(eq(accreditations.userId, user.id), inArray(accreditations.status, [...liveAccreditationStatuses])));
  const exists = (status: string) => conflict('accreditation_exists', 'errors.accreditation_exists', { statusLabel: `@accreditation.status.${status}` }, { status });
  if (live) throw exists(live.status);
  const submit = body.submit ?? true;
  const request = fieldsOf(body);
  const workflowId = accreditationWorkflowId(id);
  const status: AccreditationStatus = submit ? 'pending' : 'draft';
  const inserted = await db
    .insert(accreditations)
    .values({ id, organisationId: user.organisationId, userId: user.id, cpiId: request.cpiId, province: request.province, qualification: request.qualification, phone: request.phone, note: request.note, status, submittedAt: submit ? new Date() : null, workflowId })
    // Two requests at once: the unique index keeps one live request per user.
    .onConflictDoNothing()
    .returning({ id: accreditations.id });
  if (!inserted.length) throw exists('pending');
  const input: AccreditationInput = { accreditationId: id, organisationId: user.organisationId, requesterId: user.id, request, submit, calendar, reminderWorkingDays: ACCREDITATION_REMINDER_WORKING_DAYS };
  const record = { id, organisationId: user.organisationId, workflowId };
  await startRecordWorkflow<typeof accreditationWorkflow>(deps, user, 'accreditation', record, 'accreditationWorkflow', {
    args: [input],
    // Ids only: Temporal shows this to admins and does not encrypt it.
    staticSummary: t('es', 'temporal.accreditation.summary', { id, userId: user.id }),
    typedSearchAttributes: recordSearchAttributes({ kind: workflowKinds.accreditation.kind, organisationId: user.organisationId, status, businessKey: user.id }),
  }, () => db.delete(accreditations).where(eq(accreditations.id, id)), { action: 'created', details: { cpiId: request.cpiId, submitted: submit } });
  return { id, status };
}

export async function editAccreditation(deps: AppDeps, user: SessionUser, id: string, body: RequestBody) {
  const row = await findAccreditation(deps.db, user, id);
  if (row.userId !== user.id) throw forbidden({ reason: 'requester' });
  if (row.status !== 'draft' && row.status !== 'pending') throw notPending(row, 'edit');
  return update(deps, user, row, editAccreditationUpdate, { ...actor(user), request: fieldsOf(body) }, 'edited');
}

export async function submitAccreditation(deps: AppDeps, user: SessionUser, id: string) {
  const row = await findAccreditation(deps.db, user, id);
  if (row.userId !== user.id) throw forbidden({ reason: 'requester' });
  if (row.status !== 'draft') throw notPending(row, 'submit');
  const { calendar } = await organisationOf(deps.db, row.organisationId);
  return update(deps, user, row, submitAccreditationUpdate, { ...actor(user), calendar }, 'submitted');
}

// ---- the service centre's decision --------------------------------------------------------------

export async function decideAccreditation(deps: AppDeps, user: SessionUser, id: string, input: { decision: AccreditationDecision; reason?: string }) {
  const row = await findAccreditation(deps.db, user, id);
  if (!isServiceCentre(user.roles) || row.userId === user.id) throw forbidden({ reason: 'role' });
  if (row.status !== 'pending') throw notPending(row, 'decide');
  return update(deps, user, row, decideAccreditationUpdate, { ...actor(user), decision: input.decision, reason: input.reason ?? null }, input.decision, input.reason ? { reason: input.reason } : {});
}

// ---- reading ------------------------------------------------------------------------------------

async function present(db: Db, rows: Row[]) {
  const ids = [...new Set(rows.flatMap((r) => [r.userId, r.decidedBy, ...r.history.map((h) => h.by)]).filter((x): x is string => Boolean(x)))];
  const people = ids.length ? await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids)) : [];
  const who = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    userName: who.get(r.userId)?.name ?? '—',
    userEmail: who.get(r.userId)?.email ?? '',
    cpiId: r.cpiId,
    province: r.province,
    role: r.qualification,
    phone: r.phone,
    note: r.note,
    status: r.status,
    reason: r.reason,
    submittedAt: iso(r.submittedAt),
    decidedAt: iso(r.decidedAt),
    decidedByName: r.decidedBy ? (who.get(r.decidedBy)?.name ?? null) : null,
    reminders: r.reminders,
    nextReminderAt: iso(r.nextReminderAt),
    createdAt: r.createdAt.toISOString(),
    workflowId: r.workflowId,
    history: r.history.map((h) => ({ ...h, byName: h.by ? (who.get(h.by)?.name ?? null) : null })),
  }));
}

export async function listAccreditations(db: Db, user: SessionUser, q: TAccreditationListQuery) {
  const where: SQL[] = [eq(accreditations.organisationId, user.organisationId)];
  if (!seesAll(user) || q.mine === 'true') where.push(eq(accreditations.userId, user.id));
  if (q.status) where.push(eq(accreditations.status, q.status));
  const [rows, [{ n }]] = await Promise.all([
    db.select().from(accreditations).where(and(...where)).orderBy(desc(accreditations.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(accreditations).where(and(...where)),
  ]);
  return { items: await present(db, rows), total: n };
}

export async function getAccreditation(db: Db, user: SessionUser, id: string) {
  const [item] = await present(db, [await findAccreditation(db, user, id)]);
  return item;
}

export async function myAccreditation(db: Db, user: SessionUser) {
  const gate = await accreditationGate(db, user);
  const [latest] = await db.select().from(accreditations).where(eq(accreditations.userId, user.id)).orderBy(desc(accreditations.createdAt)).limit(1);
  return {
    cpi: gate.cpi,
    required: gate.required,
    accredited: gate.accredited,
    canDecide: isServiceCentre(user.roles),
    requestPath: ACCREDITATION_PAGE,
    latest: latest ? (await present(db, [latest]))[0] : null,
  };
}
