// Scenarios recorded by test/histories/record.ts into test/histories/<name>.json.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  decideAccreditationUpdate,
  editAccreditationUpdate,
  submitAccreditationUpdate,
  type AccreditationInput,
} from '../../workflows/accreditation.definitions';
import {
  acceptInvitationUpdate,
  cancelInvitationUpdate,
  resendInvitationUpdate,
  type InvitationInput,
} from '../../workflows/invitation.definitions';
import {
  addCollaboratorUpdate,
  addNeedsUpdate,
  addNoteUpdate,
  assignInterventionUpdate,
  cancelFollowUpUpdate,
  changeStatusUpdate,
  completeFollowUpUpdate,
  coverNeedUpdate,
  deleteNoteUpdate,
  editNoteUpdate,
  linkRelatedUpdate,
  raiseFlagUpdate,
  recordActionUpdate,
  reopenInterventionUpdate,
  resolveFlagUpdate,
  scheduleFollowUpUpdate,
  setAttributeUpdate,
  withdrawAssessmentNeedsUpdate,
  type InterventionInput,
} from '../../workflows/intervention.definitions';
import { stopFollowUpSignal } from '../../workflows/followup.definitions';
import {
  answerReferralUpdate,
  attachReferralConsentFileUpdate,
  completeReferralFollowUpUpdate,
  scheduleReferralFollowUpUpdate,
  sendReferralUpdate,
  type ReferralInput,
} from '../../workflows/referral.definitions';
import { removeProfessionalCardUpdate, setProfessionalCardExpiryUpdate } from '../../workflows/professional-card.definitions';
import { recordAppointmentOutcomeUpdate, rescheduleAppointmentUpdate } from '../../workflows/appointment.definitions';
import { addCandidateUpdate, changeOfferTermsUpdate, setCandidateFavouriteUpdate, setCandidateStatusUpdate, type JobOfferInput } from '../../workflows/job-offer.definitions';
import { defaultInterventionPolicy } from '../../domain/interventions';
import { bulkMessageProgressQuery, cancelBulkMessageUpdate, type BulkMessageInput } from '../../workflows/bulk-message.definitions';
import { chooseEnrolmentUpdate, completePhaseUpdate, savePanelsUpdate, uploadContractUpdate, type SkillsAssessmentInput } from '../../workflows/skills-assessment.definitions';
import {
  addCommunicationAttachmentUpdate,
  closeCommunicationUpdate,
  editCommunicationUpdate,
  forwardCommunicationUpdate,
  processCommunicationUpdate,
  receiveCommunicationUpdate,
  rejectCommunicationUpdate,
  signCommunicationUpdate,
  submitCommunicationUpdate,
  withdrawCommunicationUpdate,
  type VentanillaInput,
} from '../../workflows/ventanilla.definitions';

export interface HistoryScenario {
  name: string;
  activities: Record<string, (...args: any[]) => Promise<unknown>>;
  /**
   * Runs before the worker polls, so what it sends lands in the workflow's first task with the
   * start; `run` then goes on with the worker serving.
   */
  beforeWorker?(ctx: { env: TestWorkflowEnvironment; taskQueue: string; workflowId: string }): Promise<void>;
  run(ctx: { env: TestWorkflowEnvironment; taskQueue: string; workflowId: string }): Promise<void>;
}

const DAY = 86_400_000;
const bulkMessageActivities = {
  runningBulkMessages: async () => ({ running: 1 }),
  sendBulkMessageBatch: async ({ from, to }: { from: number; to: number }) => ({ sent: to - from, failed: 0, running: 1 }),
  finishBulkMessage: async () => undefined,
};
const bulkInput = (bulkId: string, total: number, perSecond: number): BulkMessageInput => ({ bulkId, organisationId: 'org-recorded', channel: 'email', total, perSecond });
const invitationActivities = {
  sendInvitationMail: async () => ({ messageId: '<recorded@cauce.local>' }),
  projectInvitation: async () => undefined,
  activateInvitedUser: async () => undefined,
};
const invitationInput = (id: string): InvitationInput => ({
  invitationId: id,
  organisationId: 'org-recorded',
  userId: 'user-recorded',
  invitedBy: 'admin-recorded',
  timezone: 'Europe/Madrid',
  holidays: ['2026-12-08'],
});

export const historyScenarios: HistoryScenario[] = [
  {
    name: 'invitation-reminded-then-accepted',
    activities: invitationActivities,
    async run({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('invitationWorkflow', { taskQueue, workflowId, args: [invitationInput(workflowId)] });
      await env.sleep(5 * DAY);
      await handle.executeUpdate(acceptInvitationUpdate, { args: [{ userId: 'user-recorded' }] });
      await handle.result();
    },
  },
  {
    name: 'invitation-resent-then-expired',
    activities: invitationActivities,
    async run({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('invitationWorkflow', { taskQueue, workflowId, args: [invitationInput(workflowId)] });
      await env.sleep(2 * DAY);
      await handle.executeUpdate(resendInvitationUpdate, { args: [{ by: 'admin-recorded' }] });
      await handle.result();
    },
  },
  {
    name: 'invitation-cancelled',
    activities: invitationActivities,
    async run({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('invitationWorkflow', { taskQueue, workflowId, args: [invitationInput(workflowId)] });
      await env.sleep(DAY);
      await handle.executeUpdate(cancelInvitationUpdate, { args: [{ by: 'admin-recorded' }] });
      await handle.result();
    },
  },
];

// ---- interventions ------------------------------------------------------------------------------

const interventionActivities = {
  projectIntervention: async () => undefined,
  sendInterventionNotice: async () => ({ notified: 1 }),
};
const interventionPolicy = { followUpGraceWorkingDays: 2, chaseIntervalWorkingDays: 2, maxChases: 3, inactivityReviewDays: 30 };
const interventionCalendar = { timezone: 'Europe/Madrid', holidays: ['2026-12-08'] };
const interventionInput = (workflowId: string, extra: Partial<InterventionInput> = {}): InterventionInput => ({
  interventionId: workflowId,
  organisationId: 'org-recorded',
  personId: 'person-recorded',
  code: 'INT-000001',
  needCode: '0301',
  needs: ['030101', '030102'],
  assessmentId: 'assessment-recorded',
  openedBy: 'user-recorded',
  assigneeId: 'user-recorded',
  calendar: interventionCalendar,
  policy: interventionPolicy,
  ...extra,
});
const by = 'user-recorded';

historyScenarios.push(
  {
    name: 'intervention-follow-up-chased-closed-reopened-archived',
    activities: interventionActivities,
    async run({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('interventionWorkflow', { taskQueue, workflowId, args: [interventionInput(workflowId)] });
      await handle.executeUpdate(recordActionUpdate, { args: [{ by, id: 'action-1', date: '2026-11-20', kind: 'interview', description: 'Entrevista' }] });
      await handle.executeUpdate(addNoteUpdate, { args: [{ by, id: 'note-1', body: 'Nota' }] });
      await handle.executeUpdate(editNoteUpdate, { args: [{ by, id: 'note-1', body: 'Nota corregida' }] });
      await handle.executeUpdate(raiseFlagUpdate, { args: [{ by, id: 'flag-1', message: 'Riesgo' }] });
      await handle.executeUpdate(resolveFlagUpdate, { args: [{ by, id: 'flag-1', message: 'Resuelto' }] });
      await handle.executeUpdate(setAttributeUpdate, { args: [{ by, key: 'sepe_id', value: 'A-1' }] });
      await handle.executeUpdate(addCollaboratorUpdate, { args: [{ by, userId: 'user-2', organisationId: 'org-recorded' }] });
      await handle.executeUpdate(linkRelatedUpdate, { args: [{ by, interventionId: 'other-case', note: 'Hijo' }] });
      await handle.executeUpdate(assignInterventionUpdate, { args: [{ by, assigneeId: 'user-2' }] });
      await handle.executeUpdate(addNeedsUpdate, { args: [{ by, assessmentId: 'assessment-2', needs: ['030103'] }] });
      const dueAt = new Date((await env.currentTimeMs()) + DAY).toISOString();
      await handle.executeUpdate(scheduleFollowUpUpdate, { args: [{ by, id: 'fu-1', dueAt, note: 'Llamar', calendar: interventionCalendar, policy: interventionPolicy }] });
      await env.sleep(12 * DAY);
      await handle.executeUpdate(completeFollowUpUpdate, { args: [{ by, id: 'fu-1', outcome: 'Hecho', notes: 'Sin novedad' }] });
      for (const code of ['030101', '030102', '030103']) await handle.executeUpdate(coverNeedUpdate, { args: [{ by, code, note: 'Cubierta' }] });
      await env.sleep(40 * DAY);
      await handle.executeUpdate(changeStatusUpdate, { args: [{ by, status: 'closed', reason: 'objectives_met' }] });
      await handle.executeUpdate(reopenInterventionUpdate, { args: [{ by: 'supervisor-recorded', note: 'Vuelve' }] });
      await handle.executeUpdate(changeStatusUpdate, { args: [{ by, status: 'closed', reason: 'objectives_met' }] });
      await handle.result();
    },
  },
  {
    name: 'intervention-assessment-withdrawn-follow-up-cancelled',
    activities: interventionActivities,
    async run({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('interventionWorkflow', { taskQueue, workflowId, args: [interventionInput(workflowId)] });
      await handle.executeUpdate(addNeedsUpdate, { args: [{ by, assessmentId: 'assessment-2', needs: ['030104'] }] });
      await handle.executeUpdate(withdrawAssessmentNeedsUpdate, { args: [{ by, assessmentId: 'assessment-2' }] });
      const dueAt = new Date((await env.currentTimeMs()) + 3 * DAY).toISOString();
      await handle.executeUpdate(scheduleFollowUpUpdate, { args: [{ by, id: 'fu-2', dueAt, note: 'Revisar', calendar: interventionCalendar, policy: interventionPolicy }] });
      await handle.executeUpdate(cancelFollowUpUpdate, { args: [{ by, id: 'fu-2', reason: 'No hace falta' }] });
      await handle.executeUpdate(deleteNoteUpdate, { args: [{ by, id: 'missing' }] }).catch(() => undefined);
      await handle.executeUpdate(changeStatusUpdate, { args: [{ by, status: 'pending', note: 'Esperando' }] });
      await handle.executeUpdate(changeStatusUpdate, { args: [{ by, status: 'closed', reason: 'person_declined' }] });
      await env.sleep(370 * DAY);
      await handle.result();
    },
  },
  {
    name: 'intervention-inactivity-then-continued-as-new',
    activities: interventionActivities,
    async run({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('interventionWorkflow', {
        taskQueue,
        workflowId,
        args: [interventionInput(workflowId, { continueAsNewAfterEvents: 40 })],
      });
      await env.sleep(35 * DAY);
      for (let i = 0; i < 8; i++) await handle.executeUpdate(addNoteUpdate, { args: [{ by, id: `note-${i}`, body: `Nota ${i}` }] });
      // The recorded history is the run that continued (started from the carried state).
      await handle.executeUpdate(changeStatusUpdate, { args: [{ by, status: 'closed', reason: 'no_contact' }] });
      await env.sleep(370 * DAY);
      await handle.result();
    },
  },
  {
    name: 'followup-due-overdue-chased-exhausted',
    activities: interventionActivities,
    async run({ env, taskQueue, workflowId }) {
      // The owner case exists but does not know this follow-up: it ignores the signals.
      const owner = `${workflowId}-owner`;
      const ownerHandle = await env.client.workflow.start('interventionWorkflow', { taskQueue, workflowId: owner, args: [interventionInput(owner)] });
      const dueAt = new Date((await env.currentTimeMs()) + DAY).toISOString();
      const child = await env.client.workflow.start('followUpWorkflow', {
        taskQueue,
        workflowId,
        args: [{ followUpId: 'fu-3', organisationId: 'org-recorded', ownerWorkflowId: owner, ownerKey: 'INT-000001', dueAt, calendar: interventionCalendar, graceWorkingDays: 2, chaseIntervalWorkingDays: 2, maxChases: 3 }],
      });
      await child.result();
      // Let the owner finish too: a workflow left without its worker stops the test server's clock.
      await ownerHandle.executeUpdate(changeStatusUpdate, { args: [{ by, status: 'closed', reason: 'no_contact' }] });
      await env.sleep(370 * DAY);
      await ownerHandle.result();
    },
  },
  {
    name: 'followup-stopped-when-completed',
    activities: interventionActivities,
    async run({ env, taskQueue, workflowId }) {
      const dueAt = new Date((await env.currentTimeMs()) + 2 * DAY).toISOString();
      const child = await env.client.workflow.start('followUpWorkflow', {
        taskQueue,
        workflowId,
        args: [{ followUpId: 'fu-4', organisationId: 'org-recorded', ownerWorkflowId: 'no-owner', ownerKey: 'INT-000002', dueAt, calendar: interventionCalendar, graceWorkingDays: 2, chaseIntervalWorkingDays: 2, maxChases: 3 }],
      });
      await env.sleep(DAY);
      await child.signal(stopFollowUpSignal, { reason: 'completed' });
      await child.result();
    },
  },
);

const ventanillaActivities = {
  projectCommunication: async () => undefined,
  notifyCommunication: async () => ({ notified: 1 }),
  produceSignedDocument: async () => ({ verificationCode: 'CAUCE-7Q2M-K9XD-4TNB-HC0R', sha256: 'a'.repeat(64), size: 1234 }),
};
const ventanillaInput = (id: string): VentanillaInput => ({
  communicationId: id,
  organisationId: 'org-recorded',
  senderUnitId: 'unit-sender',
  authorId: 'author-recorded',
  authorName: 'Autora',
  registryNumber: 'VE-2026-000001',
  recipientUnitId: 'unit-recipient',
  subject: 'Solicitud',
  body: 'Texto',
  timezone: 'Europe/Madrid',
  holidays: ['2026-12-08'],
});
const vAuthor = { userId: 'author-recorded', name: 'Autora', unitIds: ['unit-sender'] };
const vSigner = { userId: 'signer-recorded', name: 'Directora', unitIds: ['unit-sender'] };
const vSigner2 = { userId: 'signer2-recorded', name: 'Secretaria', unitIds: ['unit-sender'] };
const vReceiver = { userId: 'receiver-recorded', name: 'Receptora', unitIds: ['unit-recipient'] };
const vOther = { userId: 'other-recorded', name: 'Otro servicio', unitIds: ['unit-other'] };
const choice = (a: { userId: string; name: string }) => ({ userId: a.userId, name: a.name, role: 'Directora' });

historyScenarios.push(
  {
    name: 'ventanilla-rejected-then-signed-processed',
    activities: ventanillaActivities,
    async run({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('ventanillaWorkflow', { taskQueue, workflowId, args: [ventanillaInput(workflowId)] });
      await handle.executeUpdate(editCommunicationUpdate, { args: [{ actor: vAuthor, body: 'Texto corregido' }] });
      await handle.executeUpdate(addCommunicationAttachmentUpdate, { args: [{ actor: vAuthor, attachment: { id: 'att-1', kind: 'link', name: 'Anexo', url: 'https://consigna.example.org/x' } }] });
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: vAuthor, signers: [choice(vSigner)], mode: 'sequential' }] });
      await env.sleep(3 * DAY);
      await handle.executeUpdate(rejectCommunicationUpdate, { args: [{ actor: vSigner, reason: 'Falta el expediente' }] });
      await handle.executeUpdate(editCommunicationUpdate, { args: [{ actor: vAuthor, subject: 'Solicitud (corregida)' }] });
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: vAuthor, signers: [choice(vSigner)], mode: 'sequential' }] });
      await handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: vSigner }] });
      await env.sleep(8 * DAY);
      await handle.executeUpdate(receiveCommunicationUpdate, { args: [{ actor: vReceiver, processingWorkingDays: 5 }] });
      await env.sleep(9 * DAY);
      await handle.executeUpdate(processCommunicationUpdate, { args: [{ actor: vReceiver, observations: 'Tramitada' }] });
      await handle.result();
    },
  },
  {
    name: 'ventanilla-cascade-forwarded-closed',
    activities: ventanillaActivities,
    async run({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('ventanillaWorkflow', { taskQueue, workflowId, args: [ventanillaInput(workflowId)] });
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: vAuthor, signers: [choice(vSigner), choice(vSigner2)], mode: 'sequential' }] });
      await handle.executeUpdate(withdrawCommunicationUpdate, { args: [{ actor: vAuthor }] });
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: vAuthor, signers: [choice(vSigner), choice(vSigner2)], mode: 'sequential' }] });
      await handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: vSigner }] });
      await env.sleep(4 * DAY);
      await handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: vSigner2 }] });
      await handle.executeUpdate(receiveCommunicationUpdate, { args: [{ actor: vReceiver }] });
      await handle.executeUpdate(forwardCommunicationUpdate, { args: [{ actor: vReceiver, unitId: 'unit-other', note: 'No nos corresponde' }] });
      await handle.executeUpdate(receiveCommunicationUpdate, { args: [{ actor: vOther }] });
      await handle.executeUpdate(closeCommunicationUpdate, { args: [{ actor: vOther, reason: 'Falta documentación' }] });
      await handle.result();
    },
  },
  {
    name: 'ventanilla-parallel-signed-then-forgotten',
    activities: ventanillaActivities,
    async run({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('ventanillaWorkflow', { taskQueue, workflowId, args: [ventanillaInput(workflowId)] });
      await handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: vAuthor, signers: [choice(vSigner), choice(vSigner2)], mode: 'parallel' }] });
      await env.sleep(10 * DAY);
      await Promise.all([
        handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: vSigner }] }),
        handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: vSigner2 }] }),
      ]);
      // Nobody receives it: the reception reminders run out; then it is received and processed.
      await env.sleep(40 * DAY);
      await handle.executeUpdate(receiveCommunicationUpdate, { args: [{ actor: vReceiver }] });
      await env.sleep(60 * DAY);
      await handle.executeUpdate(processCommunicationUpdate, { args: [{ actor: vReceiver, observations: 'Por fin' }] });
      await handle.result();
    },
  },
);

// Recorded after the 'ventanilla-local-projection' patch: the earlier ventanilla files keep
// proving that communications started before it still replay.
historyScenarios.push({
  ...historyScenarios.find((s) => s.name === 'ventanilla-rejected-then-signed-processed')!,
  name: 'ventanilla-patched-local-projection-rejected-signed-processed',
});

// ---- Updates that arrive with the start (their handler runs in the first workflow task) --------
// Recorded with serialized projections (SERIAL_PROJECTION_PATCH). Older shapes are kept as they
// were written: intervention-frozen-*.json froze in a fault run (their key is the tests' second
// one); *-unpatched-*.json were recorded by the code before the patch, with each projection
// finishing first in turn (test/workflows/first-task-updates.test.ts does the same live).
const updatesWithStart = new Map<string, Promise<unknown>>();
const admitted = () => new Promise((r) => setTimeout(r, 300));

historyScenarios.push(
  {
    name: 'intervention-serial-note-with-start-then-closed',
    activities: interventionActivities,
    async beforeWorker({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('interventionWorkflow', { taskQueue, workflowId, args: [interventionInput(workflowId)] });
      updatesWithStart.set(workflowId, handle.executeUpdate(addNoteUpdate, { args: [{ by, id: 'note-1', body: 'Primera nota' }] }));
      await admitted();
    },
    async run({ env, workflowId }) {
      await updatesWithStart.get(workflowId);
      const handle = env.client.workflow.getHandle(workflowId);
      await handle.executeUpdate(recordActionUpdate, { args: [{ by, id: 'action-1', date: '2026-11-20', kind: 'interview', description: 'Entrevista' }] });
      await handle.executeUpdate(changeStatusUpdate, { args: [{ by, status: 'closed', reason: 'objectives_met' }] });
    },
  },
  {
    name: 'ventanilla-serial-submitted-with-start-then-signed',
    activities: ventanillaActivities,
    async beforeWorker({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('ventanillaWorkflow', { taskQueue, workflowId, args: [ventanillaInput(workflowId)] });
      updatesWithStart.set(workflowId, handle.executeUpdate(submitCommunicationUpdate, { args: [{ actor: vAuthor, signers: [choice(vSigner)], mode: 'sequential' }] }));
      await admitted();
    },
    async run({ env, workflowId }) {
      await updatesWithStart.get(workflowId);
      const handle = env.client.workflow.getHandle(workflowId);
      await handle.executeUpdate(signCommunicationUpdate, { args: [{ actor: vSigner }] });
    },
  },
  {
    name: 'bulk-message-throttled-completed',
    activities: bulkMessageActivities,
    async run({ env, taskQueue, workflowId }) {
      await env.client.workflow.execute('bulkMessageWorkflow', { taskQueue, workflowId, args: [bulkInput(workflowId, 12, 5)] });
    },
  },
  {
    name: 'bulk-message-cancelled-midway',
    activities: bulkMessageActivities,
    async run({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('bulkMessageWorkflow', { taskQueue, workflowId, args: [bulkInput(workflowId, 10, 1)] });
      while ((await handle.query(bulkMessageProgressQuery)).position < 2) await new Promise((r) => setTimeout(r, 50));
      await handle.executeUpdate(cancelBulkMessageUpdate, { args: [{ by: 'user-recorded' }] });
      await handle.result();
    },
  },
);

const referralActivities = {
  projectReferral: async () => undefined,
  deliverReferral: async () => ({ messages: 1, serviceEmailed: true }),
  sendReferralNotice: async () => ({ notified: 1 }),
};
const referralPolicy = { answerWorkingDays: 3, outcomeDays: 30, followUpGraceWorkingDays: 2, chaseIntervalWorkingDays: 2, maxChases: 3, linkValidDays: 90 };
const referralInput = (workflowId: string): ReferralInput => ({
  referralId: workflowId,
  organisationId: 'org-recorded',
  interventionId: 'intervention-recorded',
  personId: 'person-recorded',
  resourceId: 'resource-recorded',
  resourceName: 'Centro de Empleo Norte',
  code: 'INT-000001',
  assigneeId: 'user-recorded',
  createdBy: 'user-recorded',
  note: 'Orientación laboral',
  calendar: interventionCalendar,
  policy: referralPolicy,
});

historyScenarios.push({
  name: 'referral-reminded-escalated-accepted-follow-up-outcome-completed',
  activities: { ...referralActivities },
  async run({ env, taskQueue, workflowId }) {
    const handle = await env.client.workflow.start('referralWorkflow', { taskQueue, workflowId, args: [referralInput(workflowId)] });
    await handle.executeUpdate(sendReferralUpdate, {
      args: [{ by, channels: ['email'], consent: { given: true, method: 'verbal' }, email: 'lucia@example.org', phone: null, serviceEmail: 'servicio@example.org', calendar: interventionCalendar, policy: referralPolicy }],
    });
    // No answer: reminded after 3 working days, escalated after 6.
    await env.sleep(12 * DAY);
    await handle.executeUpdate(answerReferralUpdate, { args: [{ by: null, byLabel: 'Centro de Empleo Norte', status: 'accepted', via: 'link' }] });
    const dueAt = new Date((await env.currentTimeMs()) + DAY).toISOString();
    await handle.executeUpdate(scheduleReferralFollowUpUpdate, { args: [{ by, id: 'fu-referral-1', dueAt, note: 'Llamar tras la cita', calendar: interventionCalendar, policy: referralPolicy }] });
    // The follow-up falls due; the outcome is asked for after 30 days.
    await env.sleep(31 * DAY);
    await handle.executeUpdate(completeReferralFollowUpUpdate, { args: [{ by, id: 'fu-referral-1', outcome: 'Fue a la cita' }] });
    await handle.executeUpdate(answerReferralUpdate, { args: [{ by, status: 'completed', via: 'phone' }] });
    await handle.result();
  },
});

const accreditationActivities = {
  projectAccreditation: async () => undefined,
  sendAccreditationNotice: async () => ({ notified: 1 }),
};
const accreditationCalendar = { timezone: 'Europe/Rome', holidays: ['2026-12-08'] };
const accreditationInput = (workflowId: string, submit: boolean): AccreditationInput => ({
  accreditationId: workflowId,
  organisationId: 'org-recorded',
  requesterId: 'operator-recorded',
  request: { cpiId: 'CPI Bari', province: 'BA', qualification: 'Operatore', phone: null, note: null },
  submit,
  calendar: accreditationCalendar,
  reminderWorkingDays: 2,
});
const serviceCentre = { by: 'centre-recorded', organisationId: 'org-recorded', roles: ['service_centre'] };
const requester = { by: 'operator-recorded', organisationId: 'org-recorded', roles: ['professional'] };

historyScenarios.push({
  name: 'accreditation-reminded-rejected',
  activities: { ...accreditationActivities },
  async run({ env, taskQueue, workflowId }) {
    const handle = await env.client.workflow.start('accreditationWorkflow', { taskQueue, workflowId, args: [accreditationInput(workflowId, true)] });
    // Pending for more than 2 working days: the service centre is reminded once.
    await env.sleep(5 * DAY);
    await handle.executeUpdate(decideAccreditationUpdate, { args: [{ ...serviceCentre, decision: 'rejected', reason: 'Qualifica da documentare' }] });
    await handle.result();
  },
});

historyScenarios.push({
  name: 'accreditation-draft-edited-submitted-approved',
  activities: { ...accreditationActivities },
  async run({ env, taskQueue, workflowId }) {
    const handle = await env.client.workflow.start('accreditationWorkflow', { taskQueue, workflowId, args: [accreditationInput(workflowId, false)] });
    await handle.executeUpdate(editAccreditationUpdate, { args: [{ ...requester, request: { cpiId: 'CPI Bari Centro', province: 'BA', qualification: 'Orientatore', phone: '+39 080 123456', note: null } }] });
    await handle.executeUpdate(submitAccreditationUpdate, { args: [{ ...requester, calendar: accreditationCalendar }] });
    await env.sleep(DAY);
    await handle.executeUpdate(decideAccreditationUpdate, { args: [{ ...serviceCentre, decision: 'approved' }] });
    await handle.result();
  },
});

historyScenarios.push({
  name: 'referral-written-consent-file-attached-then-declined',
  activities: { ...referralActivities },
  async run({ env, taskQueue, workflowId }) {
    const handle = await env.client.workflow.start('referralWorkflow', { taskQueue, workflowId, args: [referralInput(workflowId)] });
    await handle.executeUpdate(sendReferralUpdate, {
      args: [{ by, channels: ['email'], consent: { given: true, method: 'written' }, email: 'lucia@example.org', phone: null, serviceEmail: 'servicio@example.org', calendar: interventionCalendar, policy: referralPolicy }],
    });
    await env.sleep(DAY);
    await handle.executeUpdate(attachReferralConsentFileUpdate, { args: [{ by, file: { id: 'consent-file-recorded', name: 'consentimiento.pdf', mediaType: 'application/pdf', size: 2048 } }] });
    await handle.executeUpdate(answerReferralUpdate, { args: [{ by: null, byLabel: 'Centro de Empleo Norte', status: 'declined', reason: 'Sin plazas', via: 'link' }] });
    await handle.result();
  },
});

const appointmentActivities = {
  projectAppointment: async () => undefined,
  remindAppointmentWorker: async () => ({ messages: 1 }),
  requestAppointmentOutcome: async () => ({ notified: 1 }),
};
const appointmentCalendar = { timezone: 'Europe/Rome', holidays: [] as string[] };

historyScenarios.push({
  name: 'appointment-reminded-rescheduled-reminded-outcome-requested-attended',
  activities: { ...appointmentActivities },
  async run({ env, taskQueue, workflowId }) {
    const startsAt = new Date((await env.currentTimeMs()) + 7 * DAY);
    const handle = await env.client.workflow.start('appointmentWorkflow', {
      taskQueue,
      workflowId,
      args: [{ appointmentId: workflowId, organisationId: 'org-recorded', personId: 'person-recorded', operatorId: 'user-recorded', startsAt: startsAt.toISOString(), durationMinutes: 30, createdBy: by, calendar: appointmentCalendar }],
    });
    // Reminded a working day before; then moved a week later: reminded again, and asked for the outcome after the slot.
    await env.sleep(6 * DAY + 12 * 3_600_000);
    await handle.executeUpdate(rescheduleAppointmentUpdate, { args: [{ by, startsAt: new Date(startsAt.getTime() + 7 * DAY).toISOString(), durationMinutes: 45, calendar: appointmentCalendar }] });
    await env.sleep(8 * DAY);
    await handle.executeUpdate(recordAppointmentOutcomeUpdate, { args: [{ by, outcome: 'attended' }] });
    await handle.result();
  },
});

const skillsAssessmentActivities = {
  projectSkillsAssessment: async () => undefined,
  sendSkillsAssessmentDocument: async () => ({ sent: true }),
  sendSkillsAssessmentNotice: async () => ({ notified: 1 }),
};
const operatorActor = { by, organisationId: 'org-recorded', roles: ['professional'] };

historyScenarios.push({
  name: 'skills-assessment-reminded-four-phases-completed',
  activities: { ...skillsAssessmentActivities },
  async run({ env, taskQueue, workflowId }) {
    const input: SkillsAssessmentInput = {
      assessmentId: workflowId,
      organisationId: 'org-recorded',
      personId: 'person-recorded',
      appointmentId: null,
      operatorId: by,
      createdBy: by,
      calendar: interventionCalendar,
      policy: { inactivityWorkingDays: 5 },
    };
    const handle = await env.client.workflow.start('skillsAssessmentWorkflow', { taskQueue, workflowId, args: [input] });
    await handle.executeUpdate(savePanelsUpdate, { args: [{ ...operatorActor, phase: 'preliminary', panels: { needs: { text: 'Lavoro nella logistica' } } }] });
    // Nothing saved for more than 5 working days: the operator is reminded.
    await env.sleep(9 * DAY);
    await handle.executeUpdate(uploadContractUpdate, { args: [{ ...operatorActor, fileId: 'file-recorded', name: 'contratto.pdf', mediaType: 'application/pdf', size: 1000 }] });
    await handle.executeUpdate(completePhaseUpdate, { args: [{ ...operatorActor, phase: 'preliminary' }] });
    await handle.executeUpdate(savePanelsUpdate, {
      args: [{ ...operatorActor, phase: 'investigative', panels: { education: { text: 'Diploma' }, experience: { text: 'Magazziniere' }, competences: { codes: ['LOG01'] }, interests: { sectors: ['Logistica'] } } }],
    });
    await handle.executeUpdate(completePhaseUpdate, { args: [{ ...operatorActor, phase: 'investigative' }] });
    await handle.executeUpdate(savePanelsUpdate, { args: [{ ...operatorActor, phase: 'repositioning', panels: { project: { text: 'Carrellista', province: 'BA' }, plan: { text: 'Patentino' }, feedback: { text: 'Condiviso' } } }] });
    await handle.executeUpdate(completePhaseUpdate, { args: [{ ...operatorActor, phase: 'repositioning' }] });
    await handle.executeUpdate(chooseEnrolmentUpdate, { args: [{ ...operatorActor, courseId: 'course-recorded', courseTitle: 'Carrellista', providerId: 'provider-recorded', providerName: 'Ente Levante' }] });
    await handle.executeUpdate(completePhaseUpdate, { args: [{ ...operatorActor, phase: 'enrolment' }] });
    await handle.result();
  },
});

// ---- professional cards ------------------------------------------------------------------------

const professionalCardActivities = { remindProfessionalCardExpiry: async () => ({ notified: 1 }) };
const cardInput = (id: string, expiresOn: string) => ({ personCardId: id, organisationId: 'org-recorded', personId: 'person-recorded', expiresOn, reminderDays: 30, timezone: 'Europe/Madrid', professionalId: by });
const dayAfter = (ms: number, days: number) => new Date(ms + days * DAY).toISOString().slice(0, 10);

historyScenarios.push(
  {
    name: 'professional-card-moved-then-reminded',
    activities: professionalCardActivities,
    async run({ env, taskQueue, workflowId }) {
      const start = await env.currentTimeMs();
      const handle = await env.client.workflow.start('professionalCardWorkflow', { taskQueue, workflowId, args: [cardInput(workflowId, dayAfter(start, 60))] });
      await env.sleep(10 * DAY);
      await handle.executeUpdate(setProfessionalCardExpiryUpdate, { args: [{ by, expiresOn: dayAfter(start, 120), reminderDays: 30, timezone: 'Europe/Madrid', professionalId: by }] });
      await handle.result();
    },
  },
  {
    name: 'professional-card-removed',
    activities: professionalCardActivities,
    async run({ env, taskQueue, workflowId }) {
      const handle = await env.client.workflow.start('professionalCardWorkflow', { taskQueue, workflowId, args: [cardInput(workflowId, dayAfter(await env.currentTimeMs(), 90))] });
      await env.sleep(5 * DAY);
      await handle.executeUpdate(removeProfessionalCardUpdate, { args: [{ by }] });
      await handle.result();
    },
  },
);
const jobOfferActivities = {
  projectJobOffer: async () => undefined,
  notifyOfferOwner: async () => ({ notified: 1 }),
};

historyScenarios.push({
  name: 'job-offer-interest-reminded-placed-filled',
  activities: { ...jobOfferActivities },
  async run({ env, taskQueue, workflowId }) {
    const input: JobOfferInput = {
      offerId: workflowId,
      organisationId: 'org-recorded',
      ownerId: by,
      title: 'Limpiador/a',
      vacancies: 1,
      closesAt: new Date((await env.currentTimeMs()) + 30 * DAY).toISOString(),
      createdBy: by,
      calendar: { timezone: 'Europe/Madrid', holidays: [] },
      interestWorkingDays: 3,
      policy: defaultInterventionPolicy,
    };
    const handle = await env.client.workflow.start('jobOfferWorkflow', { taskQueue, workflowId, args: [input] });
    // Two shortlisted; one's interest is left unchecked until the professional is reminded.
    await handle.executeUpdate(addCandidateUpdate, { args: [{ by, personId: 'person-a' }] });
    await handle.executeUpdate(addCandidateUpdate, { args: [{ by, personId: 'person-b' }] });
    await handle.executeUpdate(setCandidateFavouriteUpdate, { args: [{ by, personId: 'person-b', favourite: true }] });
    await env.sleep(6 * DAY);
    await handle.executeUpdate(setCandidateStatusUpdate, { args: [{ by, personId: 'person-a', status: 'not_interested' }] });
    await handle.executeUpdate(setCandidateStatusUpdate, { args: [{ by, personId: 'person-b', status: 'interested' }] });
    await handle.executeUpdate(changeOfferTermsUpdate, { args: [{ by, title: 'Limpiador/a de oficinas', vacancies: 1, closesAt: input.closesAt }] });
    await handle.executeUpdate(setCandidateStatusUpdate, { args: [{ by, personId: 'person-b', status: 'sent_to_company' }] });
    // The last vacancy filled closes the offer.
    await handle.executeUpdate(setCandidateStatusUpdate, { args: [{ by, personId: 'person-b', status: 'placed', placedOn: '2026-12-01', contractType: '501' }] });
    await handle.result();
  },
});
