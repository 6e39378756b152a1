// What the platform sent: captured mails and the SMS log (admin).
import { ref, watch } from 'vue';
import { api, call } from '../api/client';
import type { CapturedMail, Page, SmsRecord } from '../api/types';
import { useAsyncData } from './useAsyncData';

function paged<T>(load: (page: number, pageSize: number) => Promise<Page<T>>, initialSize = 25) {
  const page = ref(1);
  const pageSize = ref(initialSize);
  const list = useAsyncData(() => load(page.value, pageSize.value));
  watch([page, pageSize], () => void list.reload());
  return { ...list, page, pageSize };
}

export function useMails() {
  return paged<CapturedMail>((page, pageSize) => call(api.admin.mails.$get({ query: { page, pageSize } })));
}

export function useSms() {
  return paged<SmsRecord>((page, pageSize) => call(api.admin.sms.$get({ query: { page, pageSize } })));
}
