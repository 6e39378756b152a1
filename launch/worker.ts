import { existsSync } from 'node:fs';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { workflowBundlePath, workflowsEntry } from '../platform/paths';

export interface CauceWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A bundle built ahead of time (production); without one the worker bundles at start. */
  bundlePath?: string;
  maxCachedWorkflows?: number;
  /** Encrypts what workflows and activities send to Temporal (platform/payload-codec.ts). */
  dataConverter?: DataConverter;
}

export async function createCauceWorker(o: CauceWorkerOptions): Promise<Worker> {
  const bundle = o.bundlePath ?? (existsSync(workflowBundlePath) ? workflowBundlePath : undefined);
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: createActivities(o.deps),
    ...(bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: workflowsEntry }),
    maxCachedWorkflows: o.maxCachedWorkflows,
    dataConverter: o.dataConverter,
    shutdownGraceTime: '10s',
  });
}
