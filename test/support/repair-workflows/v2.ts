// Version 2 asks for an activity where version 1 started a timer: v1's histories do not replay.
import { proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { noteUpdate, pokeSignal, seenQuery } from './definitions';

const { ready } = proxyActivities<{ ready(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function repairDemoWorkflow(): Promise<string[]> {
  const seen: string[] = [];
  setHandler(pokeSignal, (s) => void seen.push(`signal:${s}`));
  setHandler(noteUpdate, (s) => seen.push(`update:${s}`));
  setHandler(seenQuery, () => seen);
  await ready();
  await sleep('1 day');
  return seen;
}
