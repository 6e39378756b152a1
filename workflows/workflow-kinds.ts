// Every kind of workflow Cauce runs, named once: its workflow type (the function's name), the
// prefix of its business-readable ID and its CauceKind search attribute value. Renaming any of
// them breaks running workflows, so new modules add a line here, never reuse one.

export const workflowKinds = {
  invitation: { type: 'invitationWorkflow', idPrefix: 'invitation', kind: 'invitation' },
  intervention: { type: 'interventionWorkflow', idPrefix: 'intervention', kind: 'intervention' },
  followUp: { type: 'followUpWorkflow', idPrefix: 'followup', kind: 'followup' },
  ventanilla: { type: 'ventanillaWorkflow', idPrefix: 'ventanilla', kind: 'ventanilla' },
  bulkMessage: { type: 'bulkMessageWorkflow', idPrefix: 'bulk-message', kind: 'bulk-message' },
  referral: { type: 'referralWorkflow', idPrefix: 'referral', kind: 'referral' },
  accreditation: { type: 'accreditationWorkflow', idPrefix: 'accreditation', kind: 'accreditation' },
  appointment: { type: 'appointmentWorkflow', idPrefix: 'appointment', kind: 'appointment' },
  // Reserved for the CPI's skills assessment (bilancio delle competenze). The needs assessment
  // (valoración) keeps its name: it opens interventions and runs no workflow of its own.
  skillsAssessment: { type: 'skillsAssessmentWorkflow', idPrefix: 'skills-assessment', kind: 'skills-assessment' },
  // A person's professional card (carnet profesional) with an expiry date: the reminder before it expires.
  professionalCard: { type: 'professionalCardWorkflow', idPrefix: 'professional-card', kind: 'professional-card' },
  jobOffer: { type: 'jobOfferWorkflow', idPrefix: 'job-offer', kind: 'job-offer' },
} as const;

export type WorkflowKindName = keyof typeof workflowKinds;

/** `intervention-<id>`, `skills-assessment-<id>`...: what people search in the Temporal UI. */
export const workflowIdOf = (name: WorkflowKindName, id: string) => `${workflowKinds[name].idPrefix}-${id}`;
