// Ids of what a change creates, and the IDs of the Updates it sends. With an Idempotency-Key
// they derive from it (UUID v5), so a retry whose stored answer was lost names the same note and
// sends the same Update ID: Temporal runs it once, and the workflow refuses a second note anyway.
import { createHash, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { AppDeps, RequestKey } from '../context';

/** Cauce's namespace for derived ids (random once; changing it would change every derived id). */
const NAMESPACE = Buffer.from('6f1c2a4e9b7d4c3a8e5f0a1b2c3d4e5f', 'hex');

/** RFC 9562 UUID version 5 (SHA-1) of `name` in Cauce's namespace. */
export function uuidV5(name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const derive = (k: RequestKey, kind: string, target: string) => uuidV5(`${k.scope}\n${k.key}\n${kind}\n${target}`);

/** The id of the `kind` this request creates on `target` (a case, a communication). */
export function newId(deps: Pick<AppDeps, 'requestKey'>, kind: string, target: string): string {
  return deps.requestKey ? derive(deps.requestKey, kind, target) : randomUUID();
}

/** With a key, `<update>-<uuid>` for this request's Update on `target`; without, Temporal picks one. */
export function keyedUpdateId(deps: Pick<AppDeps, 'requestKey'>, updateName: string, target: string): string | undefined {
  return deps.requestKey ? `${updateName}-${derive(deps.requestKey, updateName, target)}` : undefined;
}

/**
 * A retried creation the workflow refuses as already there (its run no longer remembers the
 * Update ID, e.g. after continue-as-new): with a key, that is this very request, done before.
 */
export function isRetriedCreation(deps: Pick<AppDeps, 'requestKey'>, err: unknown, duplicateCode: string): boolean {
  return Boolean(deps.requestKey) && err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === duplicateCode;
}
