// Follow-ups (seguimientos) belong to a case of any kind: an intervention today; referrals,
// appointments and job offers next. The owner is a type and an id, so one table, one workflow
// and one calendar serve them all.

/** Kinds of case that own follow-ups. Add a kind here, then teach api/services/follow-ups.ts to describe it. */
export const followUpOwnerTypes = ['intervention', 'referral', 'job_offer'] as const;
export type FollowUpOwnerType = (typeof followUpOwnerTypes)[number];

export interface FollowUpOwner {
  type: FollowUpOwnerType;
  id: string;
}
