// Repairs a workflow that no longer replays on the deployed code (a "frozen" case: every change
// answers 503, its workflow task fails with [TMPRL1100] Nondeterminism). It finds the last
// workflow task the current code still replays, and resets the workflow to it through Temporal's
// reset API: a new run replays up to there and goes on with the current code, and the signals
// and Updates received after that point are applied again.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';
import Long from 'long';

const { temporal } = proto;
type History = proto.temporal.api.history.v1.IHistory;
type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

export interface RepairOptions {
  client: Client;
  namespace: string;
  workflowId: string;
  /** The workflow bundle the workers run now (dist/workflow-bundle.js). */
  bundlePath: string;
  dataConverter?: DataConverter;
  /** Reset to this WorkflowTaskCompleted event instead of the last one that replays. */
  eventId?: number;
  reason?: string;
  /** Only say what would be done. */
  dryRun?: boolean;
}

export interface RepairResult {
  workflowId: string;
  runId: string;
  /** The WorkflowTaskCompleted event the run was reset to. */
  resetToEventId: number;
  /** Whether the whole history replays on the current code (then nothing needs repairing). */
  replaysWhole: boolean;
  newRunId?: string;
}

const eventNumber = (e: HistoryEvent) => Number(e.eventId);
const isTaskCompleted = (e: HistoryEvent) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;

/** The history up to and including event `last`. */
function truncated(history: History, last: number): History {
  return { events: (history.events ?? []).filter((e) => eventNumber(e) <= last) };
}

async function replays(history: History, bundlePath: string, dataConverter: DataConverter | undefined, workflowId: string): Promise<boolean> {
  try {
    await Worker.runReplayHistory({ workflowBundle: { codePath: bundlePath }, dataConverter, replayName: `repair-${workflowId}` }, history, workflowId);
    return true;
  } catch {
    return false;
  }
}

/**
 * The last WorkflowTaskCompleted event up to which the current code replays the history: the
 * point a reset keeps, re-running what came after on the current code.
 */
export async function lastGoodWorkflowTask(history: History, bundlePath: string, dataConverter: DataConverter | undefined, workflowId: string) {
  const completed = (history.events ?? []).filter(isTaskCompleted).map(eventNumber);
  // Histories grow one task at a time: search from the newest, it is usually close to the end.
  for (let i = completed.length - 1; i >= 0; i--) {
    if (await replays(truncated(history, completed[i]), bundlePath, dataConverter, workflowId)) return completed[i];
  }
  // Not even the first task replays: reset to it, so the run starts over from its input.
  return completed[0];
}

export async function repairWorkflow(o: RepairOptions): Promise<RepairResult> {
  const handle = o.client.workflow.getHandle(o.workflowId);
  const { runId } = await handle.describe();
  const history = await o.client.workflow.getHandle(o.workflowId, runId).fetchHistory();
  const replaysWhole = await replays(history, o.bundlePath, o.dataConverter, o.workflowId);
  const resetToEventId = o.eventId ?? (await lastGoodWorkflowTask(history, o.bundlePath, o.dataConverter, o.workflowId));
  if (!resetToEventId) throw new Error(`${o.workflowId} has no completed workflow task to reset to`);
  const result: RepairResult = { workflowId: o.workflowId, runId, resetToEventId, replaysWhole };
  if (o.dryRun || (replaysWhole && o.eventId === undefined)) return result;
  const response: proto.temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse = await o.client.workflowService.resetWorkflowExecution({
    namespace: o.namespace,
    workflowExecution: { workflowId: o.workflowId, runId },
    reason: o.reason ?? 'repair: reset to the last workflow task the current code replays',
    workflowTaskFinishEventId: Long.fromNumber(resetToEventId),
    requestId: randomUUID(),
    // Signals and Updates received after the reset point are applied again to the new run.
    resetReapplyType: temporal.api.enums.v1.ResetReapplyType.RESET_REAPPLY_TYPE_ALL_ELIGIBLE,
    resetReapplyExcludeTypes: [],
  });
  return { ...result, newRunId: response.runId ?? undefined };
}
