// Scenarios recorded by scripts/record-histories.ts into test/histories/<name>.json.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  acceptInvitationUpdate,
  cancelInvitationUpdate,
  resendInvitationUpdate,
  type InvitationInput,
} from '../../workflows/invitation.definitions';

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
