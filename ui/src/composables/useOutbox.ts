// What the platform sent: captured mails, the SMS log and where each email stands (admin).
import { ref, watch, type Ref } from 'vue';
import { api, call } from '../api/client';
import type { CapturedMail, OutboxEmail, Page, SmsRecord } from '../api/types';
import { useAsyncData } from './useAsyncData';

function paged<T>(load: (page: number, pageSize: number) => Promise<Page<T>>, initialSize = 25, filters: Ref<unknown>[] = []) {
  const page = ref(1);
  const pageSize = ref(initialSize);
  const list = useAsyncData(() => load(page.value, pageSize.value));
  watch([page, pageSize], () => void list.reload());
  watch(filters, () => (page.value === 1 ? void list.reload() : (page.value = 1)));
  return { ...list, page, pageSize };
}

type PagedList<T> = ReturnType<typeof paged<T>>;

/** ListTable's rows, paging and retry for one of these lists (`v-bind` it). */
export function tableBinding<T>(list: PagedList<T>) {
  return {
    data: list.data.value?.items ?? [],
    loading: list.loading.value,
    error: list.error.value,
    page: list.page.value,
    pageSize: list.pageSize.value,
    total: list.data.value?.total ?? 0,
    onRetry: () => void list.reload(),
    'onUpdate:page': (p: number) => (list.page.value = p),
    'onUpdate:pageSize': (size: number) => {
      list.pageSize.value = size;
      list.page.value = 1;
    },
  };
}

export function useMails() {
  return paged<CapturedMail>((page, pageSize) => call(api.admin.mails.$get({ query: { page, pageSize } })));
}

export function useSms() {
  return paged<SmsRecord>((page, pageSize) => call(api.admin.sms.$get({ query: { page, pageSize } })));
}

export type OutboxStatus = OutboxEmail['status'];

export function useOutboxEmails(status: Ref<OutboxStatus | null>) {
  return paged<OutboxEmail>(
    (page, pageSize) => call(api.admin.outbox.$get({ query: { page, pageSize, ...(status.value ? { status: status.value } : {}) } })),
    25,
    [status],
  );
}
