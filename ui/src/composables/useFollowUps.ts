// Follow-ups belong to an owner (a case of any module: an intervention today; referrals,
// appointments and job offers next). Each owner's routes share one shape under a base path.
import { postJson } from '../api/client';
import type { FollowUpStatus } from '../api/interventionTypes';

export const FOLLOW_UP_OWNER_TYPES = ['intervention', 'referral', 'appointment', 'job_offer'] as const;
export type FollowUpOwnerType = (typeof FOLLOW_UP_OWNER_TYPES)[number];

/** Who owns a follow-up; code and title when the server sends them (the calendar). */
export interface FollowUpOwner {
  type: FollowUpOwnerType | (string & {});
  id: string;
  code?: string | null;
  title?: string | null;
}

export const PENDING_FOLLOW_UP: readonly FollowUpStatus[] = ['scheduled', 'due', 'overdue'];
export const isPendingFollowUp = (status: string) => (PENDING_FOLLOW_UP as readonly string[]).includes(status);

/** The base path of an owner's follow-up routes, e.g. `/api/interventions/<id>/follow-ups`. */
export function followUpsPath(owner: Pick<FollowUpOwner, 'type' | 'id'>): string | null {
  return owner.type === 'intervention' ? `/api/interventions/${encodeURIComponent(owner.id)}/follow-ups` : null;
}

/** The changes of one owner's follow-ups, sent under its base path. */
export function followUpActions(basePath: string) {
  const one = (followUpId: string) => `${basePath}/${encodeURIComponent(followUpId)}`;
  return {
    schedule: (dueAt: string, note: string) => postJson(basePath, { dueAt, note }),
    complete: (followUpId: string, outcome: string, notes: string | null) => postJson(`${one(followUpId)}/complete`, { outcome, notes }),
    cancel: (followUpId: string, reason: string | null) => postJson(`${one(followUpId)}/cancel`, { reason }),
  };
}

/** A follow-up as the calendar and the Resumen list it: `owner` once the server sends it, else its intervention. */
export interface ListedFollowUp {
  id: string;
  interventionId?: string | null;
  code?: string | null;
  owner?: FollowUpOwner | null;
}

export function ownerOf(item: ListedFollowUp): FollowUpOwner | null {
  if (item.owner) return item.owner;
  return item.interventionId ? { type: 'intervention', id: item.interventionId, code: item.code ?? null } : null;
}

/** Where a listed follow-up opens: its case, scrolled to it. Owners without a page yet open nothing. */
export function followUpLink(item: ListedFollowUp) {
  const owner = ownerOf(item);
  if (owner?.type === 'job_offer') return { name: 'job-offer', params: { id: owner.id } };
  if (owner?.type !== 'intervention') return null;
  return { name: 'intervention', params: { id: owner.id }, query: { seguimiento: item.id } };
}
