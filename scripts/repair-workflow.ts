// Repairs a workflow that no longer replays on the deployed code ("frozen": its case answers 503
// to every change and the Temporal UI shows [TMPRL1100] Nondeterminism on its workflow task):
//   npm run repair-workflow -- intervention-<id> [--event-id N] [--dry-run]
// It replays the history on the workflow bundle the workers run, finds the last workflow task
// that still replays, and resets the workflow there (Temporal's reset API). Signals and Updates
// received after that point are applied again to the new run. Configured like the worker
// (TEMPORAL_*, PAYLOAD_ENCRYPTION_KEYS, WORKFLOW_BUNDLE_PATH).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadEnv } from '../platform/env';
import { cauceDataConverter } from '../platform/payload-codec';
import { workflowBundlePath } from '../platform/paths';
import { connectTemporalClient } from '../platform/temporal';
import { repairWorkflow } from '../platform/workflow-repair';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'event-id': { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, reason: { type: 'string' } },
});
const workflowId = positionals[0];
if (!workflowId) {
  console.error('usage: npm run repair-workflow -- <workflowId> [--event-id N] [--dry-run] [--reason "..."]');
  process.exit(2);
}
const env = loadEnv();
const bundlePath = env.WORKFLOW_BUNDLE_PATH ?? workflowBundlePath;
if (!existsSync(bundlePath)) {
  console.error(`[repair] the workflow bundle ${bundlePath} is missing: run npm run build:workflows first`);
  process.exit(1);
}
const client = await connectTemporalClient(env);
try {
  const result = await repairWorkflow({
    client,
    namespace: env.TEMPORAL_NAMESPACE,
    workflowId,
    bundlePath,
    dataConverter: cauceDataConverter(env.PAYLOAD_ENCRYPTION_KEYS),
    eventId: values['event-id'] ? Number(values['event-id']) : undefined,
    dryRun: values['dry-run'],
    reason: values.reason,
  });
  if (result.replaysWhole && !result.newRunId) console.log(`[repair] ${workflowId} replays on the current code: nothing to repair`);
  else if (!result.newRunId) console.log(`[repair] would reset ${workflowId} (run ${result.runId}) to event ${result.resetToEventId}`);
  else console.log(`[repair] reset ${workflowId} to event ${result.resetToEventId}: new run ${result.newRunId}`);
} finally {
  await client.connection.close();
}
