import { existsSync } from 'node:fs';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { workflowBundlePath, workflowsEntry } from './paths';

export interface CauceWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A bundle built ahead of time (production); without one the worker bundles at start. */
  bundlePath?: string;
  maxCachedWorkflows?: number;
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
    shutdownGraceTime: '10s',
  });
}
