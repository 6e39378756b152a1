// One person file: load, edit, favourite, and deletion with its stated impact.
import { computed, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { api, call } from '../api/client';
import type { DeletionImpact, Person } from '../api/types';
import { useAsyncData } from './useAsyncData';
import { setFavorite } from './usePersons';

export type PersonChanges = Parameters<(typeof api.persons)[':id']['$patch']>[0]['json'];

export function usePerson(id: MaybeRefOrGetter<string>) {
  const fetchPerson = () => call(api.persons[':id'].$get({ param: { id: toValue(id) } }));
  const { data: person, loading, error, reload: load } = useAsyncData<Person>(fetchPerson, { immediate: false, clearOnError: true });
  const notFound = computed(() => error.value?.status === 404);

  watch(() => toValue(id), () => void load(), { immediate: true });

  /** PATCH: only the fields given change; `emails`/`phones` replace the whole list. */
  async function update(changes: PersonChanges): Promise<Person> {
    const value = await call(api.persons[':id'].$patch({ param: { id: toValue(id) }, json: changes }));
    person.value = value;
    return value;
  }

  async function toggleFavorite(): Promise<void> {
    const current = person.value;
    if (!current) return;
    const next = !current.favorite;
    person.value = { ...current, favorite: next };
    try {
      await setFavorite(current.id, next);
    } catch (err) {
      if (person.value) person.value = { ...person.value, favorite: !next };
      throw err;
    }
  }

  function deletionImpact(): Promise<DeletionImpact> {
    return call(api.persons[':id']['deletion-impact'].$get({ param: { id: toValue(id) } }));
  }

  function remove(): Promise<void> {
    return call(api.persons[':id'].$delete({ param: { id: toValue(id) } }));
  }

  return { person, loading, error, notFound, load, update, toggleFavorite, deletionImpact, remove };
}
