// Messages to people: a person's messages, sending one, and bulk sends with their progress.
import { onBeforeUnmount, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { api, call } from '../api/client';
import type { BulkProgress, BulkSource, Channel } from '../api/messageTypes';
import { useAsyncData } from './useAsyncData';

export function usePersonMessages(personId: MaybeRefOrGetter<string>, pageSize = 20) {
  const page = ref(1);
  const messages = useAsyncData(() =>
    call(api.persons[':id'].messages.$get({ param: { id: toValue(personId) }, query: { page: page.value, pageSize } })),
  );
  watch([page, () => toValue(personId)], () => void messages.reload());
  async function send(input: { channel: Channel; to?: string; subject?: string; body: string }) {
    const sent = await call(api.persons[':id'].messages.$post({ param: { id: toValue(personId) }, json: input }));
    page.value = 1;
    await messages.reload();
    return sent;
  }
  return { ...messages, page, pageSize, send };
}

export function useMessagingSettings() {
  return useAsyncData(() => call(api.messaging.settings.$get()));
}

export function bulkPreview(channel: Channel, source: BulkSource, body?: string) {
  return call(api.messages.bulk.preview.$post({ json: { channel, ...source, body } }));
}

export function startBulk(channel: Channel, source: BulkSource, text: { subject?: string; body: string }) {
  return call(api.messages.bulk.$post({ json: { channel, ...source, ...text } }));
}

/** A bulk send's progress, polled while it runs (the workflow's projection). */
export function useBulkProgress(intervalMs = 700) {
  const progress = shallowRef<BulkProgress | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let id: string | null = null;
  async function poll() {
    if (!id) return;
    try {
      progress.value = await call(api.messages.bulk[':id'].$get({ param: { id } }));
    } catch {
      // A hiccup: the next poll tries again.
    }
    if (progress.value?.status === 'running') timer = setTimeout(poll, intervalMs);
  }
  function follow(bulkId: string) {
    clearTimeout(timer);
    id = bulkId;
    progress.value = null;
    void poll();
  }
  async function cancel() {
    if (!id) return null;
    const result = await call(api.messages.bulk[':id'].cancel.$post({ param: { id } }));
    clearTimeout(timer);
    await poll();
    return result;
  }
  function report() {
    return id ? call(api.messages.bulk[':id'].recipients.$get({ param: { id }, query: { page: 1, pageSize: 200 } })) : Promise.resolve(null);
  }
  onBeforeUnmount(() => clearTimeout(timer));
  return { progress, follow, cancel, report };
}
