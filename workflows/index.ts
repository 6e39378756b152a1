// The workflow bundle's entry: every workflow type the worker runs.
export { invitationWorkflow } from './invitation';
export { interventionWorkflow } from './intervention';
export { followUpWorkflow } from './followup';
export { ventanillaWorkflow } from './ventanilla';
export { bulkMessageWorkflow } from './bulk-message';
export { referralWorkflow } from './referral';
export { skillsAssessmentWorkflow } from './skills-assessment';
