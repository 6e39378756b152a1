import { computed, watch } from 'vue';
import { useRoute } from 'vue-router';
import { useI18n } from 'vue-i18n';
import { useAsyncData } from './useAsyncData';

/**
 * The record a detail page shows, read by the `:id` of its route. It loads again when the id or
 * the language changes (labels come from the server in the request's language); another record's
 * data, while the next one loads, is never shown under this address; the tab title names it.
 */
export function useDetailPage<T extends { id: string }>(routeName: string, fetch: (id: string) => Promise<T>, title: (record: T) => string) {
  const route = useRoute();
  const { t, locale } = useI18n();
  const id = computed(() => String(route.params.id));
  const { data, error, loading, reload } = useAsyncData(() => fetch(id.value));
  const current = computed(() => (data.value?.id === id.value ? data.value : null));
  watch([id, locale], () => {
    if (route.name === routeName) void reload();
  });
  watch(current, (value) => {
    if (value) document.title = `${title(value)} · ${t('app.name')}`;
  });
  return { id, data, current, error, loading, reload };
}
