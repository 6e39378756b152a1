// Referrals (derivaciones) from the web app: a case's referrals, "Mis derivaciones", those
// received by a partner organisation, and the service's public answer. The paths are the
// contract's (API.md "Referrals"); they go through getJson/postJson until the referral routes
// are part of the typed client.
import { getJson, postFile, postJson } from '../api/client';
import type { FollowUp } from '../api/interventionTypes';
import type {
  AnswerVia,
  Page,
  ReceivedReferral,
  Referral,
  ReferralAnswerView,
  ReferralDecision,
  ReferralFollowUp,
  ReferralListItem,
  ReferralListQuery,
  ReferralStatus,
  ReferralStatusChange,
  SendReferralRequest,
} from '../api/referralTypes';

const one = (id: string) => `/api/referrals/${encodeURIComponent(id)}`;

export const fetchReferrals = (query: ReferralListQuery) => getJson<Page<ReferralListItem>>('/api/referrals', { ...query });
export const fetchReferral = (id: string) => getJson<Referral>(one(id));
export const fetchReceivedReferrals = (query: { status?: string; page?: number; pageSize?: number } = {}) =>
  getJson<Page<ReceivedReferral>>('/api/referrals/received', query);

export const createReferral = (interventionId: string, resourceId: string, note: string | null) =>
  postJson<{ id: string; status: ReferralStatus }>(`/api/interventions/${encodeURIComponent(interventionId)}/referrals`, { resourceId, ...(note ? { note } : {}) });
export const sendReferral = (id: string, body: SendReferralRequest) => postJson<{ id: string; status: ReferralStatus }>(`${one(id)}/send`, body);
export const changeReferralStatus = (id: string, body: { status: ReferralStatusChange; reason?: string; note?: string; via?: AnswerVia }) =>
  postJson<{ id: string; status: ReferralStatus }>(`${one(id)}/status`, body);
/** A partner organisation's user answers a referral it received. */
export const answerReceivedReferral = (id: string, body: { decision: ReferralDecision; reason?: string; note?: string }) =>
  postJson<{ id: string; status: ReferralStatus }>(`${one(id)}/answer`, body);

/** The base path the generic follow-ups card sends a referral's follow-ups to. */
/** The signed written consent: attached once after sending, then downloaded from its link. */
export const uploadConsentFile = (id: string, file: File) => postFile<{ name: string; mediaType: string; size: number }>(`${one(id)}/consent-file`, file);
export const consentFileUrl = (id: string) => `${one(id)}/consent-file`;
export const referralFollowUpsPath = (id: string) => `${one(id)}/follow-ups`;

/** A referral's follow-up in the shape the generic follow-ups card reads. */
export function asFollowUp(f: ReferralFollowUp & Partial<FollowUp>): FollowUp {
  return {
    ...f,
    createdByName: f.createdByName ?? null,
    createdAt: f.createdAt ?? f.dueAt,
    finishedByName: f.finishedByName ?? null,
    workflowId: f.workflowId ?? '',
  };
}

// ---- the service's answer through its link (no session)
const answerPath = (token: string) => `/api/referral-answers/${encodeURIComponent(token)}`;
export const fetchReferralAnswer = (token: string) => getJson<ReferralAnswerView>(answerPath(token));
export const answerReferralByLink = (token: string, body: { decision: ReferralDecision; reason?: string; note?: string }) =>
  postJson<{ id: string; status: ReferralStatus }>(answerPath(token), body);

/** What the receiving service may answer now: first accept or decline, then the outcome. */
export function decisionsFor(status: ReferralStatus): ReferralDecision[] {
  if (status === 'sent') return ['accepted', 'declined'];
  if (status === 'accepted') return ['completed', 'no_show'];
  return [];
}

/** What staff may record now, by the referral's status (the workflow checks again). */
export function statusChangesFor(status: ReferralStatus): ReferralStatusChange[] {
  if (status === 'draft') return ['cancelled'];
  if (status === 'sent') return ['accepted', 'declined', 'cancelled'];
  if (status === 'accepted') return ['completed', 'no_show', 'cancelled'];
  return [];
}
