// A tiny workflow in two versions that cannot replay each other's histories, to freeze a
// workflow on purpose and repair it (test/workflows/repair.test.ts).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export const pokeSignal = defineSignal<[string]>('poke');
export const noteUpdate = defineUpdate<number, [string]>('note');
export const seenQuery = defineQuery<string[]>('seen');
