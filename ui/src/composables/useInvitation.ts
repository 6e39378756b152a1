// The public invitation link: describe it, then accept it with a chosen password.
import { toValue, type MaybeRefOrGetter } from 'vue';
import { api, call } from '../api/client';
import type { InvitationInfo } from '../api/types';
import { useAsyncData } from './useAsyncData';

/** Mirrors the server's PASSWORD_MIN_LENGTH (api/services/invitations.ts). */
export const PASSWORD_MIN_LENGTH = 10;

export function useInvitation(token: MaybeRefOrGetter<string>) {
  const invitation = useAsyncData<InvitationInfo>(() => call(api.invitations[':token'].$get({ param: { token: toValue(token) } })));

  function accept(password: string) {
    return call(api.invitations[':token'].accept.$post({ param: { token: toValue(token) }, json: { password } }));
  }

  return { ...invitation, accept };
}
