// Bundles the workflow code ahead of time, so the production worker starts without webpack.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundlePath, workflowsEntry } from '../platform/paths';

const { code } = await bundleWorkflowCode({ workflowsPath: workflowsEntry, logger: undefined });
mkdirSync(dirname(workflowBundlePath), { recursive: true });
writeFileSync(workflowBundlePath, code);
console.log(`[cauce] workflow bundle: ${workflowBundlePath} (${Math.round(code.length / 1024)} KiB)`);
