// Scenarios recorded by scripts/record-histories.ts into test/histories/<name>.json.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  acceptInvitationUpdate,
  cancelInvitationUpdate,
  resendInvitationUpdate,
  type InvitationInput,
} from '../../workflows/invitation.definitions';
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
  run(ctx: { env: TestWorkflowEnvironment; taskQueue: string; workflowId: string }): Promise<void>;
}

const DAY = 86_400_000;
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
