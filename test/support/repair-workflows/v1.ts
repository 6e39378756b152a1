import { setHandler, sleep } from '@temporalio/workflow';
import { noteUpdate, pokeSignal, seenQuery } from './definitions';

export async function repairDemoWorkflow(): Promise<string[]> {
  const seen: string[] = [];
  setHandler(pokeSignal, (s) => void seen.push(`signal:${s}`));
  setHandler(noteUpdate, (s) => seen.push(`update:${s}`));
  setHandler(seenQuery, () => seen);
  await sleep('1 day');
  return seen;
}
