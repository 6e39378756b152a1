// The case list's filters: how they read from and write to the address, what the API is asked,
// and the options of the filter fields.
import { computed } from 'vue';
import type { LocationQuery } from 'vue-router';
import { useI18n } from 'vue-i18n';
import type { SelectGroupOption, SelectOption, TreeSelectOption } from 'naive-ui';
import type { InterventionListQuery, InterventionSort, InterventionStatus } from '../api/interventionTypes';
import { useAsyncData } from './useAsyncData';
import { fetchColleagues, fetchNeeds, INTERVENTION_SORTS, INTERVENTION_STATUSES } from './useInterventions';
import { pagingFromQuery, pagingToQuery } from './useListPage';

export const PAGE_SIZES = [25, 50, 100, 200] as const;
const ACTIVE: InterventionStatus[] = ['open', 'in_progress', 'pending'];

export interface InterventionFilters {
  q: string;
  statuses: InterventionStatus[];
  /** me | unassigned | assigned | a user id | '' (anyone). */
  assignee: string;
  need: string | null;
  from: string | null;
  to: string | null;
  flagged: boolean;
  overdue: boolean;
  sort: InterventionSort;
  page: number;
  pageSize: number;
}

const assigneeSlugs: Record<string, string> = { mias: 'me', sin: 'unassigned', asignadas: 'assigned' };
const slugOf = (assignee: string) => Object.entries(assigneeSlugs).find(([, v]) => v === assignee)?.[0] ?? assignee;

export function fromQuery(query: LocationQuery): InterventionFilters {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const day = (v: unknown) => (/^\d{4}-\d{2}-\d{2}$/.test(str(v)) ? str(v) : null);
  const estado = str(query.estado);
  const statuses = estado === 'activas' ? [...ACTIVE] : estado.split(',').filter((s): s is InterventionStatus => (INTERVENTION_STATUSES as readonly string[]).includes(s));
  const sort = str(query.orden) as InterventionSort;
  const assignee = str(query.asignada);
  return {
    q: str(query.q),
    statuses,
    assignee: assigneeSlugs[assignee] ?? (/^[\w-]{1,64}$/.test(assignee) ? assignee : ''),
    need: /^\d{2}(\d{2})?$/.test(str(query.necesidad)) ? str(query.necesidad) : null,
    from: day(query.desde),
    to: day(query.hasta),
    flagged: query.banderas === '1',
    overdue: query.vencidos === '1',
    sort: (INTERVENTION_SORTS as readonly string[]).includes(sort) ? sort : 'recent',
    ...pagingFromQuery(query, 50, PAGE_SIZES),
  };
}

export function toQuery(f: InterventionFilters, withPaging = true): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.q.trim()) q.q = f.q.trim();
  if (f.statuses.length) q.estado = sameSet(f.statuses, ACTIVE) ? 'activas' : [...f.statuses].sort().join(',');
  if (f.assignee) q.asignada = slugOf(f.assignee);
  if (f.need) q.necesidad = f.need;
  if (f.from) q.desde = f.from;
  if (f.to) q.hasta = f.to;
  if (f.flagged) q.banderas = '1';
  if (f.overdue) q.vencidos = '1';
  if (f.sort !== 'recent') q.orden = f.sort;
  return withPaging ? pagingToQuery(f, q, 50) : q;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export function apiQuery(f: InterventionFilters): InterventionListQuery {
  return {
    q: f.q.trim() || undefined,
    status: f.statuses.length ? f.statuses.join(',') : undefined,
    assignee: f.assignee || undefined,
    needCode: f.need ?? undefined,
    from: f.from ?? undefined,
    to: f.to ?? undefined,
    flagged: f.flagged ? 'true' : undefined,
    overdue: f.overdue ? 'true' : undefined,
    sort: f.sort,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** The choices of the status, assignee, need and sort fields, and the need groups' names for the table. */
export function useInterventionFilterOptions() {
  const { t } = useI18n();
  const needs = useAsyncData(() => fetchNeeds());
  const colleagues = useAsyncData(fetchColleagues);
  const groupName = (code: string) => needs.data.value?.find((g) => g.code === code)?.name ?? '';

  const statusOptions = computed<SelectOption[]>(() => INTERVENTION_STATUSES.map((s) => ({ value: s, label: t(`interventions.status.${s}`) })));
  const assigneeOptions = computed<Array<SelectOption | SelectGroupOption>>(() => [
    { value: '', label: t('interventions.filters.anyone') },
    { value: 'me', label: t('interventions.filters.mine') },
    { value: 'unassigned', label: t('interventions.filters.unassigned') },
    { value: 'assigned', label: t('interventions.filters.assigned') },
    {
      type: 'group',
      key: 'people',
      label: t('interventions.filters.people'),
      children: (colleagues.data.value ?? []).map((u) => ({ value: u.id, label: u.name })),
    },
  ]);
  const needOptions = computed<TreeSelectOption[]>(() =>
    (needs.data.value ?? []).map((g) => ({ key: g.code, label: g.name, children: g.children.map((n) => ({ key: n.code, label: n.name })) })),
  );
  const sortOptions = computed<SelectOption[]>(() => INTERVENTION_SORTS.map((s) => ({ value: s, label: t(`interventions.sort.${s}`) })));
  return { needs, groupName, statusOptions, assigneeOptions, needOptions, sortOptions };
}
