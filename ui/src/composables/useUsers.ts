// Users of the organisation and their invitations (admin).
import { api, call } from '../api/client';
import type { Page, User } from '../api/types';
import { useAsyncData } from './useAsyncData';

export type InviteUserInput = Parameters<typeof api.users.invitations.$post>[0]['json'];
export type UserChanges = Parameters<(typeof api.users)[':id']['$patch']>[0]['json'];

export function fetchUsers(): Promise<Page<User>> {
  return call(api.users.$get({ query: {} }));
}

export function useUsers() {
  const users = useAsyncData(fetchUsers);

  async function invite(input: InviteUserInput) {
    const result = await call(api.users.invitations.$post({ json: input }));
    await users.reload();
    return result;
  }

  async function resendInvitation(invitationId: string) {
    const result = await call(api.users.invitations[':id'].resend.$post({ param: { id: invitationId } }));
    await users.reload();
    return result;
  }

  async function cancelInvitation(invitationId: string) {
    const result = await call(api.users.invitations[':id'].cancel.$post({ param: { id: invitationId } }));
    await users.reload();
    return result;
  }

  async function updateUser(userId: string, changes: UserChanges) {
    const result = await call(api.users[':id'].$patch({ param: { id: userId }, json: changes }));
    await users.reload();
    return result;
  }

  return { ...users, invite, resendInvitation, cancelInvitation, updateUser };
}
