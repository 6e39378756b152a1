import { ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { api, call } from '../api/client';
import type { ActivityEntry, Page } from '../api/types';
import { useAsyncData } from './useAsyncData';

/** The person file's activity log, newest first, a page at a time. */
export function usePersonActivity(personId: MaybeRefOrGetter<string>, pageSize = 20) {
  const page = ref(1);
  const activity = useAsyncData<Page<ActivityEntry>>(() =>
    call(api.persons[':id'].activity.$get({ param: { id: toValue(personId) }, query: { page: page.value, pageSize } })),
  );
  watch([page, () => toValue(personId)], () => void activity.reload());
  return { ...activity, page, pageSize };
}
