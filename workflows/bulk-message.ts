// A bulk email or SMS: recipients fixed at the start (bulk_message_recipients, by position), sent
// in batches paced to the organisation's throttle, with progress, a cancel that stops the rest,
// and continue-as-new every few thousand recipients. Each batch activity is idempotent by
// (bulk, recipient), so a worker that dies mid-batch leaves nothing sent twice or skipped.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createMessageActivities } from '../activities/message.activities';
import { bulkPace } from '../domain/messages';
import {
  BULK_RECIPIENTS_PER_RUN,
  bulkMessageErrors,
  bulkMessageProgressQuery,
  cancelBulkMessageUpdate,
  type BulkMessageInput,
  type BulkMessageProgress,
} from './bulk-message.definitions';
import { now, refuse, setUpdateHandler } from './shared';
import { statusKey } from './search-attributes';

const activities = proxyActivities<ReturnType<typeof createMessageActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1s', maximumInterval: '1 minute' },
});

export async function bulkMessageWorkflow(input: BulkMessageInput): Promise<BulkMessageProgress> {
  const resume = input.resume ?? { position: 0, sent: 0, failed: 0 };
  const progress: BulkMessageProgress = {
    bulkId: input.bulkId,
    status: 'running',
    total: input.total,
    sent: resume.sent,
    failed: resume.failed,
    pending: input.total - resume.position,
    position: resume.position,
  };
  let cancelRequested = false;
  let batchInFlight = false;

  setHandler(bulkMessageProgressQuery, () => progress);
  setUpdateHandler(
    cancelBulkMessageUpdate,
    async () => {
      cancelRequested = true;
      // What went is only known once the batch being sent has finished.
      await condition(() => !batchInFlight && progress.status !== 'running');
      return progress;
    },
    {
      validator: () => {
        if (progress.status !== 'running' || cancelRequested) refuse(bulkMessageErrors.notRunning, `The bulk send is ${progress.status}`, { status: progress.status });
      },
    },
  );

  const runEnd = Math.min(input.total, resume.position + (input.recipientsPerRun ?? BULK_RECIPIENTS_PER_RUN));
  // Sends of one organisation running at once share its rate; each batch says how many there are.
  let { running } = await activities.runningBulkMessages({ organisationId: input.organisationId, channel: input.channel });
  while (progress.position < runEnd && !cancelRequested) {
    const startedAt = now().getTime();
    const pace = bulkPace(input.perSecond, running);
    const to = Math.min(runEnd, progress.position + pace.batch);
    batchInFlight = true;
    const result = await activities.sendBulkMessageBatch({ bulkId: input.bulkId, from: progress.position, to, sentBefore: progress.sent, failedBefore: progress.failed });
    batchInFlight = false;
    running = result.running;
    progress.sent += result.sent;
    progress.failed += result.failed;
    progress.position = to;
    progress.pending = input.total - to;
    setCurrentDetails(`Enviados ${progress.sent}, fallidos ${progress.failed}, pendientes ${progress.pending} de ${progress.total}`);
    const wait = startedAt + pace.intervalMs - now().getTime();
    if (progress.position < input.total && wait > 0) await condition(() => cancelRequested, wait);
  }

  if (!cancelRequested && progress.position < input.total) {
    // A cancel arriving now waits for this run to finish: it finishes it instead of continuing.
    await condition(() => allHandlersFinished() || cancelRequested);
  }
  if (!cancelRequested && progress.position < input.total) {
    return continueAsNew<typeof bulkMessageWorkflow>({ ...input, resume: { position: progress.position, sent: progress.sent, failed: progress.failed } });
  }

  progress.status = cancelRequested && progress.position < input.total ? 'cancelled' : 'completed';
  upsertSearchAttributes([{ key: statusKey, value: progress.status }]);
  await activities.finishBulkMessage({ bulkId: input.bulkId, status: progress.status, sent: progress.sent, failed: progress.failed, runId: workflowInfo().runId });
  await condition(allHandlersFinished);
  return progress;
}
