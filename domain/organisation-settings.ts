import type { OrganisationSettings } from '../db/schema/organisations';

/** What an organisation gets until its admin decides otherwise. */
export const defaultOrganisationSettings: Required<OrganisationSettings> = {
  holidays: [],
  followUpGraceWorkingDays: 2,
  inactivityReviewDays: 30,
  ventanillaProcessingWorkingDays: 10,
};

export function effectiveSettings(settings: OrganisationSettings | null | undefined): Required<OrganisationSettings> {
  const defined = Object.fromEntries(Object.entries(settings ?? {}).filter(([, v]) => v !== undefined && v !== null));
  return { ...defaultOrganisationSettings, ...defined };
}
