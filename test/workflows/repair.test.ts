// The repair of a frozen workflow (scripts/repair-workflow.ts): a workflow written by one
// version of the code no longer replays on the next, so every workflow task fails; the repair
// resets it to the last task the current code replays, and keeps its signals and Updates.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { projectRoot } from '../../platform/paths';
import { repairWorkflow } from '../../platform/workflow-repair';
import { noteUpdate, pokeSignal, seenQuery } from '../support/repair-workflows/definitions';
import { uniqueSuffix } from '../support/fixtures';

const { EventType, WorkflowTaskFailedCause } = proto.temporal.api.enums.v1;
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };
let client: Client;
let connection: Connection;
let native: NativeConnection;
const bundles: Record<'v1' | 'v2', string> = { v1: '', v2: '' };

beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection });
  native = await NativeConnection.connect({ address: inject('temporalAddress') });
  const dir = mkdtempSync(join(tmpdir(), 'cauce-repair-'));
  for (const v of ['v1', 'v2'] as const) {
    const { code } = await bundleWorkflowCode({ workflowsPath: join(projectRoot, 'test/support/repair-workflows', `${v}.ts`), logger: quiet });
    bundles[v] = join(dir, `${v}.js`);
    writeFileSync(bundles[v], code);
  }
});
afterAll(async () => {
  await native?.close();
  await connection?.close();
});

const worker = (taskQueue: string, version: 'v1' | 'v2') =>
  Worker.create({ connection: native, taskQueue, workflowBundle: { codePath: bundles[version] }, activities: { ready: async () => undefined }, maxCachedWorkflows: 0 });

const failureCauses = async (workflowId: string) =>
  ((await client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).map((e) => e.workflowTaskFailedEventAttributes?.cause).filter(Boolean);
const eventTypes = async (workflowId: string) =>
  ((await client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).map((e) => e.eventType);

describe('repairing a workflow that no longer replays', () => {
  it('resets it to the last task the current code replays; its signals and Updates are kept', async () => {
    const taskQueue = `repair-${uniqueSuffix()}`;
    const workflowId = `repair-demo-${randomUUID()}`;
    const handle = await client.workflow.start('repairDemoWorkflow', { taskQueue, workflowId });

    // Version 1 runs it: a signal and an Update arrive.
    const v1 = await worker(taskQueue, 'v1');
    await v1.runUntil(async () => {
      await handle.signal(pokeSignal, 'a');
      await handle.executeUpdate(noteUpdate, { args: ['b'] });
      await expect.poll(() => handle.query(seenQuery)).toEqual(['signal:a', 'update:b']);
    });

    // Version 2 is deployed: the next task replays v1's history and fails, again and again.
    const v2 = await worker(taskQueue, 'v2');
    await v2.runUntil(async () => {
      await handle.signal(pokeSignal, 'c');
      await expect.poll(() => failureCauses(workflowId), { timeout: 20_000 }).toContain(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR);

      const dry = await repairWorkflow({ client, namespace: 'default', workflowId, bundlePath: bundles.v2, dryRun: true });
      expect(dry.replaysWhole).toBe(false);
      expect(dry.newRunId).toBeUndefined();

      const repaired = await repairWorkflow({ client, namespace: 'default', workflowId, bundlePath: bundles.v2 });
      expect(repaired.newRunId).toBeDefined();
      // The new run has done what v2 does first, and got back every signal and Update.
      // (the server applies the signals again before the Updates)
      await expect.poll(async () => (await client.workflow.getHandle(workflowId).query(seenQuery)).sort(), { timeout: 20_000 }).toEqual(['signal:a', 'signal:c', 'update:b']);
      await expect.poll(() => eventTypes(workflowId)).toContain(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
      // And it answers Updates again.
      await expect(client.workflow.getHandle(workflowId).executeUpdate(noteUpdate, { args: ['d'] })).resolves.toBe(4);
    });
    await client.workflow.getHandle(workflowId).terminate();
  });

  it('leaves a workflow alone when the current code replays all of it', async () => {
    const taskQueue = `repair-${uniqueSuffix()}`;
    const workflowId = `repair-demo-${randomUUID()}`;
    const handle = await client.workflow.start('repairDemoWorkflow', { taskQueue, workflowId });
    const v1 = await worker(taskQueue, 'v1');
    await v1.runUntil(() => handle.executeUpdate(noteUpdate, { args: ['x'] }));
    const result = await repairWorkflow({ client, namespace: 'default', workflowId, bundlePath: bundles.v1 });
    expect(result.replaysWhole).toBe(true);
    expect(result.newRunId).toBeUndefined();
    expect((await handle.describe()).runId).toBe(result.runId);
    await handle.terminate();
  });
});
