import { api, call } from '../api/client';
import type { Organisation } from '../api/types';
import { useAsyncData } from './useAsyncData';

export type OrganisationChanges = Parameters<typeof api.organisation.$patch>[0]['json'];

export function useOrganisation() {
  const organisation = useAsyncData<Organisation>(() => call(api.organisation.$get()));

  async function update(changes: OrganisationChanges): Promise<Organisation> {
    const value = await call(api.organisation.$patch({ json: changes }));
    organisation.data.value = value;
    return value;
  }

  return { ...organisation, update };
}
