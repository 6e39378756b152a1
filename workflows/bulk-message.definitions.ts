import { workflowIdOf } from './workflow-kinds';
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const bulkMessageWorkflowId = (bulkId: string) => workflowIdOf('bulkMessage', bulkId);

export interface BulkMessageInput {
  bulkId: string;
  organisationId: string;
  channel: 'email' | 'sms';
  /** Recipients to send to (positions 0..total-1 in bulk_message_recipients). */
  total: number;
  /** The organisation's throttle for this channel, per second. */
  perSecond: number;
  /** Recipients per run before continue-as-new (default BULK_RECIPIENTS_PER_RUN). */
  recipientsPerRun?: number;
  /** Carried over by continue-as-new. */
  resume?: { position: number; sent: number; failed: number };
}

export type BulkMessageStatus = 'running' | 'completed' | 'cancelled';

export interface BulkMessageProgress {
  bulkId: string;
  status: BulkMessageStatus;
  total: number;
  sent: number;
  failed: number;
  /** Not handed over yet (after a cancel: never will be). */
  pending: number;
  /** Position of the next recipient to send to. */
  position: number;
}

export const bulkMessageErrors = {
  notRunning: 'bulk_message_not_running',
} as const;

/** Stops what is not sent yet; answers how many went once the batch in flight has finished. */
export const cancelBulkMessageUpdate = defineUpdate<BulkMessageProgress, [{ by: string }]>('cancelBulkMessage');
export const bulkMessageProgressQuery = defineQuery<BulkMessageProgress>('bulkMessageProgress');

/** Recipients per run before continue-as-new: keeps 10,000-recipient sends far below history limits. */
export const BULK_RECIPIENTS_PER_RUN = 2000;
