import { createAccreditationActivities } from './accreditation.activities';
import { createAppointmentActivities } from './appointment.activities';
import { createAuditActivities } from './audit.activities';
import type { ActivityDeps } from './deps';
import { createInterventionActivities } from './intervention.activities';
import { createInvitationActivities } from './invitation.activities';
import { createJobOfferActivities } from './job-offer.activities';
import { createMessageActivities } from './message.activities';
import { createNotificationActivities } from './notification.activities';
import { createProfessionalCardActivities } from './professional-card.activities';
import { createReferralActivities } from './referral.activities';
import { createSkillsAssessmentActivities } from './skills-assessment.activities';
import { createVentanillaActivities } from './ventanilla.activities';

export type { ActivityDeps } from './deps';

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createAuditActivities(deps),
    ...createInvitationActivities(deps),
    ...createInterventionActivities(deps),
    ...createNotificationActivities(deps),
    ...createMessageActivities(deps),
    ...createVentanillaActivities(deps),
    ...createReferralActivities(deps),
    ...createAccreditationActivities(deps),
    ...createAppointmentActivities(deps),
    ...createSkillsAssessmentActivities(deps),
    ...createProfessionalCardActivities(deps),
    ...createJobOfferActivities(deps),
  };
}
