// Needs assessments (valoraciones): one intervention per second-level need, opened with its
// workflow all or nothing; an open intervention for the same need is extended instead.
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { auditActor, writeAudit } from '../../db/audit';
import type { Db, DbLike } from '../../db/client';
import { formatCode, nextCounter } from '../../db/counters';
import { assessments, interventionNeeds, interventions, users } from '../../db/schema';
import type { interventionWorkflow } from '../../workflows/intervention';
import {
  addNeedsUpdate,
  interventionWorkflowId,
  withdrawAssessmentNeedsUpdate,
  type InterventionInput,
} from '../../workflows/intervention.definitions';
import { assigneeKey, businessKeyKey, kindKey, needKey, organisationKey, personKey, statusKey } from '../../workflows/search-attributes';
import type { AppDeps, SessionUser } from '../context';
import { iso } from '../schemas';
import { findPersonRow } from './persons';
import { needNames, resolveSpecificNeeds } from './needs';
import type { PersonDependent } from './person-dependents';
import { organisationCalendar } from './interventions';

interface PlanItem {
  interventionId: string;
  code: string;
  needCode: string;
  groupCode: string;
  needs: string[];
  created: boolean;
  workflowId: string;
}

async function planAssessment(db: DbLike, organisationId: string, personId: string, resolved: Awaited<ReturnType<typeof resolveSpecificNeeds>>) {
  const byNeed = new Map<string, typeof resolved>();
  for (const r of resolved) byNeed.set(r.needCode, [...(byNeed.get(r.needCode) ?? []), r]);
  const open = await db
    .select()
    .from(interventions)
    .where(and(eq(interventions.personId, personId), ne(interventions.status, 'closed'), inArray(interventions.needCode, [...byNeed.keys()])));
  return [...byNeed].map(([needCode, items]) => ({ needCode, items, existing: open.find((o) => o.needCode === needCode) }));
}

/** What saving these needs would do: which cases open and which are extended. */
export async function previewAssessment(db: Db, user: SessionUser, personId: string, codes: string[]) {
  const person = await findPersonRow(db, user, personId);
  const resolved = await resolveSpecificNeeds(db, user.organisationId, codes);
  const plan = await planAssessment(db, user.organisationId, person.id, resolved);
  const present = plan.some((p) => p.existing)
    ? await db
        .select()
        .from(interventionNeeds)
        .where(and(inArray(interventionNeeds.interventionId, plan.filter((p) => p.existing).map((p) => p.existing!.id)), isNull(interventionNeeds.removedAt)))
    : [];
  return {
    interventions: plan.map((p) => ({
      needCode: p.needCode,
      needName: p.items[0].needName,
      created: !p.existing,
      interventionId: p.existing?.id ?? null,
      code: p.existing?.code ?? null,
      needs: p.items.map((i) => ({
        code: i.code,
        name: i.name,
        alreadyPresent: present.some((n) => n.interventionId === p.existing?.id && n.code === i.code),
      })),
    })),
  };
}

/**
 * Saves an assessment: one case per distinct second-level need, or the open one extended.
 * All or nothing: rows are written first, then new workflows started, then open ones extended;
 * if anything fails, the new workflows are terminated, extensions withdrawn and rows removed.
 */
export async function createAssessment(deps: AppDeps, user: SessionUser, personId: string, input: { summary: string; needs: string[] }) {
  const { db, temporal, config } = deps;
  const person = await findPersonRow(db, user, personId);
  const resolved = await resolveSpecificNeeds(db, user.organisationId, input.needs);
  const { calendar, policy } = await organisationCalendar(db, user.organisationId);
  const assessmentId = randomUUID();

  const plan: PlanItem[] = await db.transaction(async (tx) => {
    // One assessment of a person at a time: two saves never open two cases for one need.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`assessment:${person.id}`}))`);
    const groups = await planAssessment(tx, user.organisationId, person.id, resolved);
    await tx.insert(assessments).values({ id: assessmentId, organisationId: user.organisationId, personId: person.id, summary: input.summary, needCodes: resolved.map((r) => r.code), createdBy: user.id });
    const items: PlanItem[] = [];
    for (const g of groups) {
      const needs = g.items.map((i) => i.code);
      if (g.existing) {
        items.push({ interventionId: g.existing.id, code: g.existing.code, needCode: g.needCode, groupCode: g.existing.groupCode, needs, created: false, workflowId: g.existing.workflowId });
        continue;
      }
      const id = randomUUID();
      const code = formatCode('INT', await nextCounter(tx, user.organisationId, 'intervention'));
      const workflowId = interventionWorkflowId(id);
      await tx.insert(interventions).values({
        id,
        organisationId: user.organisationId,
        personId: person.id,
        code,
        needCode: g.needCode,
        groupCode: g.items[0].groupCode,
        status: 'open',
        assigneeId: user.id,
        openedBy: user.id,
        workflowId,
        needsTotal: needs.length,
      });
      // The needs are visible at once; the workflow's first projection confirms them.
      await tx.insert(interventionNeeds).values(needs.map((code) => ({ interventionId: id, organisationId: user.organisationId, code, assessmentId })));
      items.push({ interventionId: id, code, needCode: g.needCode, groupCode: g.items[0].groupCode, needs, created: true, workflowId });
    }
    return items;
  });

  const started: PlanItem[] = [];
  const extended: PlanItem[] = [];
  try {
    const starts = await Promise.allSettled(
      plan
        .filter((p) => p.created)
        .map(async (p) => {
          const workflowInput: InterventionInput = {
            interventionId: p.interventionId,
            organisationId: user.organisationId,
            personId: person.id,
            code: p.code,
            needCode: p.needCode,
            needs: p.needs,
            assessmentId,
            openedBy: user.id,
            assigneeId: user.id,
            calendar,
            policy,
          };
          await temporal.workflow.start<typeof interventionWorkflow>('interventionWorkflow', {
            workflowId: p.workflowId,
            taskQueue: config.taskQueue,
            args: [workflowInput],
            // Codes only: Temporal shows this to admins and does not encrypt it.
            staticSummary: `Intervención ${p.code} · necesidad ${p.needCode} · expediente ${person.code}`,
            typedSearchAttributes: [
              { key: kindKey, value: 'intervention' },
              { key: organisationKey, value: user.organisationId },
              { key: personKey, value: person.id },
              { key: statusKey, value: 'open' },
              { key: assigneeKey, value: user.id },
              { key: needKey, value: p.needCode },
              { key: businessKeyKey, value: p.code },
            ],
          });
          started.push(p);
        }),
    );
    const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    for (const p of plan.filter((x) => !x.created)) {
      await temporal.workflow
        .getHandle(p.workflowId)
        .executeUpdate(addNeedsUpdate, { args: [{ by: user.id, assessmentId, needs: p.needs }], updateId: `assessment-${assessmentId}` });
      extended.push(p);
    }
  } catch (err) {
    await undoAssessment(deps, user, assessmentId, plan, started, extended);
    throw err;
  }

  const outcome = plan.map((p) => ({ interventionId: p.interventionId, needCode: p.needCode, created: p.created }));
  await db.update(assessments).set({ outcome }).where(eq(assessments.id, assessmentId));
  await writeAudit(db, {
    ...auditActor(user),
    action: 'assessment.created',
    subjectType: 'assessment',
    subjectId: assessmentId,
    personId: person.id,
    details: { needs: resolved.map((r) => r.code), opened: plan.filter((p) => p.created).map((p) => p.code), extended: plan.filter((p) => !p.created).map((p) => p.code) },
  });
  return { id: assessmentId, interventions: plan.map((p) => ({ id: p.interventionId, code: p.code, needCode: p.needCode, created: p.created })) };
}

/** Compensation of a failed assessment; each step tolerates what already went away. */
async function undoAssessment(deps: AppDeps, user: SessionUser, assessmentId: string, plan: PlanItem[], started: PlanItem[], extended: PlanItem[]) {
  const { db, temporal } = deps;
  const quietly = (p: Promise<unknown>) => p.catch(() => undefined);
  await Promise.all(started.map((p) => quietly(temporal.workflow.getHandle(p.workflowId).terminate('assessment not saved: another step failed'))));
  await Promise.all(
    extended.map((p) =>
      quietly(temporal.workflow.getHandle(p.workflowId).executeUpdate(withdrawAssessmentNeedsUpdate, { args: [{ by: user.id, assessmentId }] })),
    ),
  );
  const createdIds = plan.filter((p) => p.created).map((p) => p.interventionId);
  if (createdIds.length) await db.delete(interventions).where(inArray(interventions.id, createdIds));
  await db.delete(assessments).where(eq(assessments.id, assessmentId));
}

export async function listAssessments(db: Db, user: SessionUser, personId: string) {
  const person = await findPersonRow(db, user, personId);
  const rows = await db
    .select({ a: assessments, createdByName: users.name })
    .from(assessments)
    .leftJoin(users, eq(users.id, assessments.createdBy))
    .where(eq(assessments.personId, person.id))
    .orderBy(desc(assessments.createdAt));
  const names = await needNames(db, user.organisationId, rows.flatMap((r) => r.a.needCodes));
  return rows.map(({ a, createdByName }) => ({
    id: a.id,
    summary: a.summary,
    needs: a.needCodes.map((code) => ({ code, name: names.get(code)?.name ?? code })),
    interventions: a.outcome,
    createdBy: a.createdBy,
    createdByName,
    createdAt: iso(a.createdAt)!,
  }));
}


/** A person's assessments go with them. */
export const assessmentsPersonDependent: PersonDependent = {
  name: 'assessments',
  count: async (db, personId) => (await db.select({ n: count() }).from(assessments).where(eq(assessments.personId, personId)))[0].n,
  remove: async (db, personId) => void (await db.delete(assessments).where(eq(assessments.personId, personId))),
};
