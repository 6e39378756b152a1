// A record whose changes are Updates on its own workflow (an appointment, a referral, a skills
// assessment, an accreditation request): starting that workflow for a row just stored, and running
// one Update followed by its audit entry. The validators' refusals (ApplicationFailure types) become
// contract errors in errors.ts; a service maps a refusal itself only where it adds something
// (a localized detail, a clearer code).
import type { SearchAttributePair, UpdateDefinition } from '@temporalio/common';
import type { Workflow, WorkflowStartOptions } from '@temporalio/client';
import { auditActor, writeAudit } from '../../db/audit';
import { assigneeKey, businessKeyKey, kindKey, organisationKey, personKey, statusKey, type WorkflowKind } from '../../workflows/search-attributes';
import type { AppDeps, SessionUser } from '../context';
import { keyedUpdateId } from './request-ids';

/** The row a workflow carries, as the audit names it. */
export interface WorkflowRecord {
  id: string;
  organisationId: string;
  workflowId: string;
  personId?: string | null;
}

/** What an admin finds the workflow by in the Temporal UI: ids and codes only, never a name. */
export interface RecordSearchAttributes {
  kind: WorkflowKind;
  organisationId: string;
  personId?: string;
  status: string;
  assigneeId?: string;
  businessKey: string;
}

export function recordSearchAttributes(a: RecordSearchAttributes): SearchAttributePair[] {
  return [
    { key: kindKey, value: a.kind },
    { key: organisationKey, value: a.organisationId },
    ...(a.personId ? [{ key: personKey, value: a.personId }] : []),
    { key: statusKey, value: a.status },
    ...(a.assigneeId ? [{ key: assigneeKey, value: a.assigneeId }] : []),
    { key: businessKeyKey, value: a.businessKey },
  ];
}

export interface RecordAudit {
  /** `<subjectType>.<action>` is the audit action. */
  action: string;
  details?: Record<string, unknown>;
}

/**
 * Starts the workflow of a row just stored; if Temporal refuses, the row goes too (no record
 * without its workflow). Then the audit entry of its creation.
 */
export async function startRecordWorkflow<W extends Workflow>(
  deps: Pick<AppDeps, 'db' | 'temporal' | 'config'>,
  user: SessionUser,
  subjectType: string,
  record: WorkflowRecord,
  workflowType: string,
  options: Omit<WorkflowStartOptions<W>, 'taskQueue' | 'workflowId'>,
  removeRow: () => Promise<unknown>,
  audit: RecordAudit,
): Promise<void> {
  try {
    await deps.temporal.workflow.start<W>(workflowType, { ...options, workflowId: record.workflowId, taskQueue: deps.config.taskQueue } as WorkflowStartOptions<W>);
  } catch (err) {
    await removeRow();
    throw err;
  }
  await writeAudit(deps.db, { ...auditActor(user), action: `${subjectType}.${audit.action}`, subjectType, subjectId: record.id, personId: record.personId ?? undefined, details: audit.details ?? {} });
}

/**
 * One Update on the record's workflow (its id keyed by the request's idempotency key unless given),
 * then the audit entry, in the record's organisation. `refused` may turn the Update's error into a
 * contract error of the service's own; it must throw.
 */
export async function updateRecordWorkflow<R, A>(
  deps: Pick<AppDeps, 'db' | 'temporal' | 'requestKey'>,
  user: SessionUser,
  subjectType: string,
  record: WorkflowRecord,
  def: UpdateDefinition<R, [A], string>,
  args: A,
  audit: RecordAudit & { updateId?: string },
  refused?: (err: unknown) => Promise<never> | never,
): Promise<R> {
  const handle = deps.temporal.workflow.getHandle(record.workflowId);
  const updating = handle.executeUpdate(def, { args: [args], updateId: audit.updateId ?? keyedUpdateId(deps, def.name, record.id) });
  const result = await (refused ? updating.catch(refused) : updating);
  await writeAudit(deps.db, {
    ...auditActor(user),
    organisationId: record.organisationId,
    action: `${subjectType}.${audit.action}`,
    subjectType,
    subjectId: record.id,
    personId: record.personId ?? undefined,
    details: audit.details ?? {},
  });
  return result;
}
