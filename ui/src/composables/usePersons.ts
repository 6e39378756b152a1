// The person list: search, favourites filter, sort and remote pagination, plus creating persons.
import type { LocationQuery } from 'vue-router';
import { api, call } from '../api/client';
import type { Person, PersonListItem, PersonSort } from '../api/types';
import { useListPage } from './useListPage';

export interface PersonFilters {
  q: string;
  favorite: boolean;
  sort: PersonSort;
  page: number;
  pageSize: number;
}

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

export type PossibleDuplicate = Awaited<ReturnType<typeof findDuplicates>>[number];
export type DuplicateQuery = Parameters<typeof api.persons.duplicates.$get>[0]['query'];

/** Files that may be this same person (same document, or same name and birth date). */
export async function findDuplicates(query: DuplicateQuery) {
  return (await call(api.persons.duplicates.$get({ query }))).items;
}

export function setFavorite(personId: string, favorite: boolean): Promise<void> {
  const param = { id: personId };
  return call(favorite ? api.persons[':id'].favorite.$put({ param }) : api.persons[':id'].favorite.$delete({ param }));
}

/** The person list: filters in the address, plus the star that flips at once. */
export function usePersons(fromQuery: (query: LocationQuery) => PersonFilters, toQuery: (f: PersonFilters) => Record<string, string>) {
  const list = useListPage({ routeName: 'persons', fromQuery, toQuery, fetch: fetchPersons });
  const { filters, result, load } = list;

  /** Flips the star at once and puts it back if the server refuses. */
  async function toggleFavorite(person: PersonListItem): Promise<void> {
    const next = !person.favorite;
    const replace = (favorite: boolean) => {
      if (result.value) result.value = { ...result.value, items: result.value.items.map((p) => (p.id === person.id ? { ...p, favorite } : p)) };
    };
    replace(next);
    try {
      await setFavorite(person.id, next);
      if (filters.favorite && !next) void load();
    } catch (err) {
      replace(!next);
      throw err;
    }
  }

  return { ...list, toggleFavorite };
}
