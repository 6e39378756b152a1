// Rules of an intervention (the case) shared by the workflow, the API and the UI texts.
// Pure and deterministic: the workflow bundle imports this file.
import { formatInstant } from './dates';
import { defaultOrganisationSettings, effectiveSettings, type OrganisationSettings } from './organisation-settings';

export const interventionStatuses = ['open', 'in_progress', 'pending', 'closed'] as const;
export type InterventionStatus = (typeof interventionStatuses)[number];

/**
 * Why a case was closed. A small fixed catalogue so reports can count reasons; `other` needs a
 * note. Labels are in domain/i18n/interventions.ts (`intervention.closure.<code>`).
 */
export const closureReasons = [
  'objectives_met',
  'referred',
  'person_declined',
  'no_contact',
  'moved',
  'deceased',
  'opened_in_error',
  'other',
] as const;
export type ClosureReason = (typeof closureReasons)[number];

/** Kinds of actuación, labelled `intervention.action_kind.<code>`. */
export const actionKinds = ['interview', 'home_visit', 'phone_call', 'coordination', 'paperwork', 'accompaniment', 'information', 'other'] as const;
export type ActionKind = (typeof actionKinds)[number];

export type FollowUpStatus = 'scheduled' | 'due' | 'overdue' | 'completed' | 'cancelled';
export const pendingFollowUpStatuses: readonly FollowUpStatus[] = ['scheduled', 'due', 'overdue'];
export const isPendingFollowUp = (status: FollowUpStatus) => pendingFollowUpStatuses.includes(status);

/** Business time settings of the organisation, with the defaults the issue gives. */
export interface InterventionPolicy {
  /** Working days after a follow-up's due time before it is overdue (escalated). */
  followUpGraceWorkingDays: number;
  /** Working days between chases of an overdue follow-up. */
  chaseIntervalWorkingDays: number;
  /** Reminders sent once overdue (the first goes with the escalation to the supervisor). */
  maxChases: number;
  /** Days without activity before the assignee is asked to review the case. */
  inactivityReviewDays: number;
}

export const defaultInterventionPolicy: InterventionPolicy = {
  followUpGraceWorkingDays: defaultOrganisationSettings.followUpGraceWorkingDays,
  chaseIntervalWorkingDays: 2,
  maxChases: 3,
  inactivityReviewDays: defaultOrganisationSettings.inactivityReviewDays,
};

export function policyFromSettings(settings: OrganisationSettings | null | undefined): InterventionPolicy {
  const s = effectiveSettings(settings);
  return { ...defaultInterventionPolicy, followUpGraceWorkingDays: s.followUpGraceWorkingDays, inactivityReviewDays: s.inactivityReviewDays };
}

/**
 * Status changes people may ask for. `open` is only where a case starts; leaving `closed` is a
 * reopening (its own permission), never a plain status change.
 */
export function canChangeStatus(from: InterventionStatus, to: InterventionStatus): boolean {
  if (from === 'closed' || to === 'open' || from === to) return false;
  return true;
}

/**
 * What stops a case from closing. Each kind of blocker (follow-ups now, referrals later) adds
 * its entries here, so the refusal lists them all and the UI can link to each.
 */
export interface CloseBlocker {
  type: 'follow_up' | 'referral';
  id: string;
  dueAt?: string;
  label: string;
}

export function closeBlockers(state: {
  followUps: ReadonlyArray<{ id: string; status: FollowUpStatus; dueAt: string; note: string }>;
}): CloseBlocker[] {
  return state.followUps
    .filter((f) => isPendingFollowUp(f.status))
    .map((f) => ({ type: 'follow_up' as const, id: f.id, dueAt: f.dueAt, label: `${f.dueAt.slice(0, 10)} · ${f.note}` }));
}

/**
 * The close refusal's list for a reader: "5 dic 2026 · Llamar a la empresa" in their language and
 * their organisation's local date, where the workflow (which knows neither) wrote an ISO date.
 */
export function describeCloseBlockers(blockers: readonly CloseBlocker[], locale: string, timezone: string): string {
  return blockers
    .map((b) => {
      const sep = b.label.indexOf(' · ');
      return b.dueAt && sep >= 0 ? `${formatInstant(b.dueAt, locale, timezone, 'date')}${b.label.slice(sep)}` : b.label;
    })
    .join('; ');
}
