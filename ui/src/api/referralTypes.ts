// Shapes of the referrals module. The directory's are inferred from the server's routes; the
// referral routes' are written from the contract (API.md "Referrals") and the referral service's
// schemas (api/routes/referrals.schemas.ts), until those routes join the typed client.
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { api } from './client';

type Ok<T> = InferResponseType<T, 200>;

export type ResourcePage = Ok<typeof api.resources.$get>;
export type Resource = ResourcePage['items'][number];
export type ResourceListQuery = InferRequestType<typeof api.resources.$get>['query'];
export type CreateResourceRequest = InferRequestType<typeof api.resources.$post>['json'];
export type UpdateResourceRequest = InferRequestType<(typeof api.resources)[':id']['$patch']>['json'];
export type ImportResourcesResult = Ok<typeof api.resources.import.$post>;

export const REFERRAL_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'completed', 'no_show', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** What staff may set themselves when the service answered by phone (POST /status). */
export const REFERRAL_STATUS_CHANGES = ['accepted', 'declined', 'completed', 'no_show', 'cancelled'] as const;
export type ReferralStatusChange = (typeof REFERRAL_STATUS_CHANGES)[number];
/** What the receiving service may answer (link or in-app). */
export const REFERRAL_DECISIONS = ['accepted', 'declined', 'completed', 'no_show'] as const;
export type ReferralDecision = (typeof REFERRAL_DECISIONS)[number];
export const REFERRAL_CHANNELS = ['email', 'sms'] as const;
export type ReferralChannel = (typeof REFERRAL_CHANNELS)[number];
export const CONSENT_METHODS = ['verbal', 'written'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
/** How staff learnt an answer they record themselves. */
export const ANSWER_VIAS = ['phone', 'email', 'in_person', 'other'] as const;
export type AnswerVia = (typeof ANSWER_VIAS)[number];
/** Statuses that need a reason. */
export const REASON_REQUIRED: readonly ReferralStatus[] = ['declined', 'cancelled'];
export const RESOLVED_STATUSES: readonly ReferralStatus[] = ['declined', 'completed', 'no_show', 'cancelled'];

export interface ReferralListItem {
  id: string;
  interventionId: string;
  interventionCode: string;
  personId: string;
  personName: string;
  resourceId: string;
  resourceName: string;
  status: ReferralStatus;
  assigneeId: string;
  assigneeName: string | null;
  sentAt: string | null;
  answeredAt: string | null;
  resolvedAt: string | null;
  nextChaseAt: string | null;
  chases: number;
  pendingFollowUps: number;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ReferralEvent {
  seq: number;
  at: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  note: string | null;
  details: Record<string, unknown>;
}

export interface ReferralFollowUp {
  id: string;
  dueAt: string;
  overdueAt: string | null;
  note: string;
  status: 'scheduled' | 'due' | 'overdue' | 'completed' | 'cancelled';
  overdue: boolean;
  chases: number;
  outcome: string | null;
  notes: string | null;
  createdBy: string;
  finishedBy: string | null;
  finishedAt: string | null;
}

export interface Referral extends ReferralListItem {
  note: string | null;
  reason: string | null;
  channels: string[];
  consent: {
    given: boolean;
    method: string;
    recordedBy: string;
    recordedAt: string;
    /** The signed written consent, once attached. */
    file: { name: string; mediaType: string; size: number; attachedBy: string; attachedAt: string } | null;
  } | null;
  receivingOrganisationId: string | null;
  resource: { id: string; name: string; email: string | null; phone: string | null; address: string | null; languages: string[] };
  history: ReferralEvent[];
  followUps: ReferralFollowUp[];
  workflowId: string;
}

export interface ReferralListQuery {
  status?: string;
  awaitingAnswer?: boolean;
  overdue?: boolean;
  assignee?: 'me' | string;
  interventionId?: string;
  personId?: string;
  page?: number;
  pageSize?: number;
}

export interface SendReferralRequest {
  channels: ReferralChannel[];
  consent: { given: true; method: ConsentMethod };
  email?: string | null;
  phone?: string | null;
}

/** A referral another organisation sent to the caller's (partner) organisation. */
export interface ReceivedReferral {
  id: string;
  status: ReferralStatus;
  resourceName: string;
  fromOrganisation: string;
  professionalName: string | null;
  professionalEmail: string | null;
  personName: string;
  need: string;
  note: string | null;
  sentAt: string | null;
  answeredAt: string | null;
}

/** What the public answer page shows the receiving service. */
export interface ReferralAnswerView {
  status: ReferralStatus;
  locale: string;
  organisation: string;
  professional: { name: string | null; email: string | null };
  resource: string;
  person: string;
  need: string;
  note: string | null;
  sentAt: string | null;
  decisions: ReferralDecision[];
}

export interface Page<T> {
  items: T[];
  total: number;
}
