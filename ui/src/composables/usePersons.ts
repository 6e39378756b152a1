// The person list: search, favourites filter, sort and remote pagination, plus creating persons.
import { reactive, ref, shallowRef, watch } from 'vue';
import { api, ApiError, call } from '../api/client';
import type { Person, PersonListItem, PersonSort } from '../api/types';
import { useDebouncedRef } from './useDebouncedRef';

export interface PersonListQuery {
  q?: string;
  favorite?: boolean;
  sort?: PersonSort;
  page?: number;
  pageSize?: number;
}

export function fetchPersons(query: PersonListQuery) {
  return call(
    api.persons.$get({
      query: {
        q: query.q?.trim() || undefined,
        favorite: query.favorite ? 'true' : undefined,
        sort: query.sort ?? 'name',
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 25,
      },
    }),
  );
}

export type NewPerson = Parameters<typeof api.persons.$post>[0]['json'];

export function createPerson(input: NewPerson): Promise<Person> {
  return call(api.persons.$post({ json: input }));
}

export function setFavorite(personId: string, favorite: boolean): Promise<void> {
  const param = { id: personId };
  return call(favorite ? api.persons[':id'].favorite.$put({ param }) : api.persons[':id'].favorite.$delete({ param }));
}

export const PAGE_SIZES = [25, 50, 100] as const;

export function usePersons(initial: PersonListQuery = {}) {
  const filters = reactive({
    q: initial.q ?? '',
    favorite: initial.favorite ?? false,
    sort: initial.sort ?? ('name' as PersonSort),
    page: initial.page ?? 1,
    pageSize: initial.pageSize ?? 25,
  });
  const items = shallowRef<PersonListItem[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  let latest = 0;

  async function load(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const page = await fetchPersons(filters);
      if (ticket !== latest) return;
      items.value = page.items;
      total.value = page.total;
    } catch (err) {
      if (ticket === latest) error.value = err instanceof ApiError ? err : new ApiError(0, 'client_error', String(err));
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  // Typing in the search box waits for a pause; any filter change goes back to page 1.
  const q = useDebouncedRef(() => filters.q, 300);
  watch([q, () => filters.favorite, () => filters.sort, () => filters.pageSize], () => {
    if (filters.page !== 1) filters.page = 1;
    else void load();
  });
  watch(() => filters.page, () => void load());

  /** Flips the star at once and puts it back if the server refuses. */
  async function toggleFavorite(person: PersonListItem): Promise<void> {
    const next = !person.favorite;
    const replace = (favorite: boolean) =>
      (items.value = items.value.map((p) => (p.id === person.id ? { ...p, favorite } : p)));
    replace(next);
    try {
      await setFavorite(person.id, next);
      if (filters.favorite && !next) void load();
    } catch (err) {
      replace(!next);
      throw err;
    }
  }

  return { filters, items, total, loading, error, load, toggleFavorite };
}
