// Records workflow histories for the replay tests (test/histories/*.json). Run it when a
// workflow's behaviour changes on purpose, and keep the old files: they are what running
// workflows look like, and the replay test proves new code still accepts them.
//   npx tsx test/histories/record.ts [scenario-name ...]
// Payloads are encrypted with the tests' key, as production histories are. HISTORIES_OUT writes
// elsewhere (to keep an older recording and add the new one under another name).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { projectRoot, workflowsEntry } from '../../platform/paths';
import { registerSearchAttributes } from '../../platform/temporal';
import { temporalTestServerPath } from '../../platform/tools';
import { historyScenarios } from './scenarios';
import { testDataConverter } from '../support/payload-keys';

const wanted = process.argv.slice(2);
const dataConverter = testDataConverter();
const env = await TestWorkflowEnvironment.createTimeSkipping({
  client: { dataConverter },
  server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
});
await registerSearchAttributes(env.client, 'default');
const outDir = process.env.HISTORIES_OUT ?? join(projectRoot, 'test', 'histories');
mkdirSync(outDir, { recursive: true });
try {
  for (const scenario of historyScenarios.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
    const taskQueue = `record-${scenario.name}`;
    // Activities are stubs: a replay never runs them, it only reads their recorded results.
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath: workflowsEntry, activities: scenario.activities, dataConverter });
    const workflowId = `${scenario.name}-${Date.now()}`;
    await scenario.beforeWorker?.({ env, taskQueue, workflowId });
    await worker.runUntil(scenario.run({ env, taskQueue, workflowId }));
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    writeFileSync(join(outDir, `${scenario.name}.json`), historyToJSON(history));
    console.log(`recorded ${scenario.name} (${history.events?.length} events)`);
  }
} finally {
  await env.teardown();
}
