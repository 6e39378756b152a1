// The baseline for Update benchmarks: a workflow whose Update does nothing but answer.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const bareUpdate = defineUpdate<number, [{ n: number }]>('bareUpdate');

export async function bareUpdateWorkflow(): Promise<void> {
  setHandler(bareUpdate, ({ n }) => n, { validator: (_args: { n: number }) => undefined });
  await condition(() => false);
}
