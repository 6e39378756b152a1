// One list page: filters kept in the address, remote pagination, loading and error, reload.
import { computed, onMounted, reactive, watch, type Ref, type ShallowRef, type UnwrapRef } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import { useI18n } from 'vue-i18n';
import type { ApiError } from '../api/client';
import { useAsyncData } from './useAsyncData';
import { useDebouncedRef } from './useDebouncedRef';

export const PAGE_SIZES = [25, 50, 100] as const;

export interface ListFilters {
  q: string;
  page: number;
  pageSize: number;
}

/** A query value as text, or undefined when missing or repeated. */
export const queryText = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A positive whole number from the query, else the fallback. */
export const queryNumber = (v: unknown, fallback: number): number => (Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : fallback);

/** Page and page size read from `pagina` and `tam`; a size not offered falls back to the default. */
export function pagingFromQuery(query: LocationQuery, defaultSize: number, sizes: readonly number[] = PAGE_SIZES) {
  const size = queryNumber(query.tam, defaultSize);
  return { page: queryNumber(query.pagina, 1), pageSize: sizes.includes(size) ? size : defaultSize };
}

/** Writes page and page size to the query when they differ from the first page and the default size. */
export function pagingToQuery(f: ListFilters, query: Record<string, string>, defaultSize: number): Record<string, string> {
  if (f.page > 1) query.pagina = String(f.page);
  if (f.pageSize !== defaultSize) query.tam = String(f.pageSize);
  return query;
}

export interface ListPageOptions<F extends ListFilters, R> {
  /** The route this list lives on: a link to it with other filters while it is open applies them. */
  routeName: string;
  fromQuery: (query: LocationQuery) => F;
  toQuery: (filters: F) => Record<string, string>;
  fetch: (filters: F) => Promise<R>;
  /** Load again when the language changes (lists with translated labels from the server). */
  reloadOnLocale?: boolean;
}

export interface ListPage<F, R> {
  filters: UnwrapRef<F> & F;
  result: ShallowRef<R | null>;
  loading: Ref<boolean>;
  error: Ref<ApiError | null>;
  load: () => Promise<void>;
  setPage: (page: number) => void;
  setPageSize: (size: number) => void;
}

export function useListPage<F extends ListFilters, R>(options: ListPageOptions<F, R>): ListPage<F, R> {
  const route = useRoute();
  const router = useRouter();
  const { locale } = useI18n();
  const filters = reactive(options.fromQuery(route.query)) as UnwrapRef<F> & F;
  const { data: result, loading, error, reload: load } = useAsyncData(() => options.fetch(filters), { immediate: false });
  onMounted(load);

  // Typing in the search box waits for a pause; any other filter change goes back to page 1.
  const q = useDebouncedRef(() => filters.q, 300);
  const filterKey = computed(() => JSON.stringify({ ...filters, q: q.value, page: 0 }));
  watch(filterKey, () => {
    if (filters.page !== 1) filters.page = 1;
    else void load();
  });
  watch(() => filters.page, () => void load());
  if (options.reloadOnLocale) watch(locale, () => void load());

  // The list state lives in the address, so reload, "back" from a record and shared links keep it.
  watch(
    () => options.toQuery(filters),
    (query) => {
      if (JSON.stringify(query) !== JSON.stringify(route.query)) void router.replace({ query });
    },
    { deep: true },
  );
  watch(
    () => route.query,
    (query) => {
      if (route.name !== options.routeName || JSON.stringify(query) === JSON.stringify(options.toQuery(filters))) return;
      Object.assign(filters, options.fromQuery(query));
    },
  );

  const setPage = (page: number) => void (filters.page = page);
  const setPageSize = (size: number) => void (filters.pageSize = size);
  return { filters, result, loading, error, load, setPage, setPageSize };
}
