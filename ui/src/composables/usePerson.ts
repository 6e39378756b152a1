// One person file: load, edit, favourite, and deletion with its stated impact.
import { computed, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { api, ApiError, call } from '../api/client';
import type { DeletionImpact, Person } from '../api/types';
import { setFavorite } from './usePersons';

export type PersonChanges = Parameters<(typeof api.persons)[':id']['$patch']>[0]['json'];

export function usePerson(id: MaybeRefOrGetter<string>) {
  const person = shallowRef<Person | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const notFound = computed(() => error.value?.status === 404);
  let latest = 0;

  async function load(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const value = await call(api.persons[':id'].$get({ param: { id: toValue(id) } }));
      if (ticket === latest) person.value = value;
    } catch (err) {
      if (ticket !== latest) return;
      person.value = null;
      error.value = err instanceof ApiError ? err : new ApiError(0, 'client_error', String(err));
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

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
