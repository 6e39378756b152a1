// Rules of a referral (derivación) shared by the workflow, the API and the texts: its states,
// which transitions people may ask for, and the chasing policy from the organisation settings.
// Pure and deterministic: the workflow bundle imports this file.
import { effectiveSettings, type OrganisationSettings } from './organisation-settings';

export const referralStatuses = ['draft', 'sent', 'accepted', 'declined', 'completed', 'no_show', 'cancelled'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/** Where a referral ends: nothing more is chased, its links answer 410. */
export const resolvedReferralStatuses: readonly ReferralStatus[] = ['declined', 'completed', 'no_show', 'cancelled'];
export const isResolvedReferral = (status: ReferralStatus) => resolvedReferralStatuses.includes(status);
/** Still open: an intervention cannot close while one of its referrals is in one of these. */
export const unresolvedReferralStatuses: readonly ReferralStatus[] = ['draft', 'sent', 'accepted'];

/** Statuses set after sending: by the service (its link, the app) or by staff who learnt it. */
export const referralAnswerStatuses = ['accepted', 'declined', 'completed', 'no_show', 'cancelled'] as const;
export type ReferralAnswerStatus = (typeof referralAnswerStatuses)[number];
/** What the receiving service may decide (it does not cancel: the professional does). */
export const referralDecisions = ['accepted', 'declined', 'completed', 'no_show'] as const;
export type ReferralDecision = (typeof referralDecisions)[number];

/** These need a reason (what the service or the professional gave). */
export const reasonRequired: readonly ReferralStatus[] = ['declined', 'cancelled'];

/** How a status was learnt: the history says it. */
export const referralAnswerChannels = ['link', 'in_app', 'phone', 'email', 'in_person', 'other'] as const;
export type ReferralAnswerChannel = (typeof referralAnswerChannels)[number];

export const referralChannels = ['email', 'sms'] as const;
export type ReferralChannel = (typeof referralChannels)[number];
export const consentMethods = ['verbal', 'written'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/** The signed written consent, attached after sending: a scan or a PDF, at most 10 MB. */
export const CONSENT_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const consentFileTypes = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' } as const;
export type ConsentFileType = keyof typeof consentFileTypes;

/** The file's type from its first bytes (PDF, JPEG, PNG), whatever its name or the client claims. */
export function sniffConsentFileType(bytes: Uint8Array): ConsentFileType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return null;
}

/**
 * A stored name that is safe in a header and on a disk: no path, no control or reserved
 * characters, at most 120 characters, ending in the extension of the type it really is.
 */
export function consentFileName(original: string, type: ConsentFileType): string {
  const base = (original.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/\.[^.]*$/, '')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return `${base || 'consentimiento'}.${consentFileTypes[type]}`;
}

const transitions: Record<ReferralStatus, readonly ReferralStatus[]> = {
  draft: ['sent', 'cancelled'],
  sent: ['accepted', 'declined', 'cancelled'],
  accepted: ['completed', 'no_show', 'cancelled'],
  declined: [],
  completed: [],
  no_show: [],
  cancelled: [],
};

export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return transitions[from].includes(to);
}

/** Business time of the chasing, from the organisation's settings. */
export interface ReferralPolicy {
  /** Working days the service has to answer before it is reminded (escalated after twice as many). */
  answerWorkingDays: number;
  /** Days after acceptance before the professional is asked to record the outcome. */
  outcomeDays: number;
  /** The follow-ups' own chasing, as an intervention's. */
  followUpGraceWorkingDays: number;
  chaseIntervalWorkingDays: number;
  maxChases: number;
  /** How long the service's link stays valid. */
  linkValidDays: number;
}

export const defaultReferralPolicy: ReferralPolicy = {
  answerWorkingDays: 3,
  outcomeDays: 30,
  followUpGraceWorkingDays: 2,
  chaseIntervalWorkingDays: 2,
  maxChases: 3,
  linkValidDays: 90,
};

export function referralPolicyFromSettings(settings: OrganisationSettings | null | undefined): ReferralPolicy {
  const s = effectiveSettings(settings);
  return {
    ...defaultReferralPolicy,
    answerWorkingDays: s.referralAnswerWorkingDays,
    outcomeDays: s.referralOutcomeDays,
    followUpGraceWorkingDays: s.followUpGraceWorkingDays,
  };
}

/** The language of the receiving service: its first language if Cauce speaks it, else the organisation's. */
export function serviceLocale<L extends string>(languages: readonly string[] | null | undefined, organisationLocale: L, supported: readonly L[]): L {
  const first = languages?.[0]?.toLowerCase().split('-')[0];
  return first && (supported as readonly string[]).includes(first) ? (first as L) : organisationLocale;
}

/** FHIR R4 Task.status for each referral status (closed-loop referral). */
export const fhirTaskStatus: Record<ReferralStatus, string> = {
  draft: 'draft',
  sent: 'requested',
  accepted: 'accepted',
  declined: 'rejected',
  completed: 'completed',
  no_show: 'failed',
  cancelled: 'cancelled',
};

/** FHIR R4 ServiceRequest.status. */
export const fhirServiceRequestStatus: Record<ReferralStatus, string> = {
  draft: 'draft',
  sent: 'active',
  accepted: 'active',
  declined: 'revoked',
  completed: 'completed',
  no_show: 'completed',
  cancelled: 'revoked',
};
