/** Per-organisation business settings; every field has a default so old rows stay valid. */
export interface OrganisationSettings {
  /** ISO dates (YYYY-MM-DD) that are not working days, besides weekends. */
  holidays?: string[];
  /** Working days after a follow-up's due time before it counts as overdue. */
  followUpGraceWorkingDays?: number;
  /** Days without any action before the assignee is asked to review an intervention. */
  inactivityReviewDays?: number;
  /** Working days a received communication may wait before its unit is reminded to process it. */
  ventanillaProcessingWorkingDays?: number;
  /** Signing asks the signer's password again, as a second factor of intent. */
  signingRequiresPassword?: boolean;
  /** Working days a receiving service has to answer a referral before it is reminded (escalated after twice as many). */
  referralAnswerWorkingDays?: number;
  /** Days after a referral is accepted before the professional is asked to record its outcome. */
  referralOutcomeDays?: number;
  /** Working days without a panel saved before the operator of a skills assessment is reminded. */
  skillsAssessmentInactivityWorkingDays?: number;
  /** Calendar days before a person's professional card expires that the professional is reminded. */
  professionalCardReminderDays?: number;
  /** Working days a shortlisted job-offer candidate may wait for the interest check before the professional is reminded. */
  jobOfferInterestWorkingDays?: number;
  /** The organisation's code as a SEPE placement agency (agencia de colocación): 10 digits, (0[0-9]|1[0-9]|99)[0-9]{8}. */
  sepeAgencyCode?: string;
}

/** What an organisation gets until its admin decides otherwise. */
export const defaultOrganisationSettings: Required<OrganisationSettings> = {
  holidays: [],
  followUpGraceWorkingDays: 2,
  inactivityReviewDays: 30,
  ventanillaProcessingWorkingDays: 10,
  signingRequiresPassword: false,
  referralAnswerWorkingDays: 3,
  referralOutcomeDays: 30,
  skillsAssessmentInactivityWorkingDays: 5,
  professionalCardReminderDays: 30,
  jobOfferInterestWorkingDays: 3,
  sepeAgencyCode: '',
};

export function effectiveSettings(settings: OrganisationSettings | null | undefined): Required<OrganisationSettings> {
  const defined = Object.fromEntries(Object.entries(settings ?? {}).filter(([, v]) => v !== undefined && v !== null));
  return { ...defaultOrganisationSettings, ...defined };
}
