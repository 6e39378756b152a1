// The workflow bundle's entry: every workflow type the worker runs.
export { invitationWorkflow } from './invitation';
export { interventionWorkflow } from './intervention';
export { followUpWorkflow } from './followup';
export { ventanillaWorkflow } from './ventanilla';
export { bulkMessageWorkflow } from './bulk-message';
export { referralWorkflow } from './referral';
export { accreditationWorkflow } from './accreditation';
export { appointmentWorkflow } from './appointment';
export { skillsAssessmentWorkflow } from './skills-assessment';
export { professionalCardWorkflow } from './professional-card';
export { jobOfferWorkflow } from './job-offer';
