// Rules of a CPI operator's accreditation (accreditamento operatori CPI), shared by the workflow,
// the API, its middleware and the texts. Pure and deterministic: the workflow bundle imports it.
import type { Role } from './permissions';

export const accreditationStatuses = ['draft', 'pending', 'approved', 'rejected'] as const;
export type AccreditationStatus = (typeof accreditationStatuses)[number];

/** Where a request ends: a rejected operator files a new one. */
export const isDecidedAccreditation = (s: AccreditationStatus) => s === 'approved' || s === 'rejected';
/** A user has at most one of these at a time (a draft or pending request, or the approval). */
export const liveAccreditationStatuses: readonly AccreditationStatus[] = ['draft', 'pending', 'approved'];

export const accreditationDecisions = ['approved', 'rejected'] as const;
export type AccreditationDecision = (typeof accreditationDecisions)[number];

/** The service centre (Centro Servizi) decides requests; admins manage the organisation. */
export const SERVICE_CENTRE_ROLE: Role = 'service_centre';
/** Roles that work in the CPI's pages without an accreditation of their own. */
export const accreditationExemptRoles: readonly Role[] = ['admin', 'service_centre'];

/** Working days a pending request may wait before the service centre is reminded (issue 13). */
export const ACCREDITATION_REMINDER_WORKING_DAYS = 2;

/** In an organisation of kind `cpi`, anyone without an exempt role needs an approved accreditation. */
export function needsAccreditation(organisationKind: string, roles: readonly string[]): boolean {
  return organisationKind === 'cpi' && !roles.some((r) => (accreditationExemptRoles as readonly string[]).includes(r));
}

export const isServiceCentre = (roles: readonly string[]) => roles.includes(SERVICE_CENTRE_ROLE);

/** The web app's pages: the operator's request, the service centre's list. */
export const ACCREDITATION_PAGE = '/cpi/accreditamento';
export const ACCREDITATION_REQUESTS_PAGE = '/cpi/accreditamenti';

/** What the operator fills in: the CPI office they work at and who they are there. */
export interface AccreditationRequestFields {
  /** The CPI office's code or name (e.g. "CPI Bari"). */
  cpiId: string;
  province: string | null;
  /** Role or qualification at the CPI (operatore, orientatore…). */
  qualification: string | null;
  phone: string | null;
  note: string | null;
}
