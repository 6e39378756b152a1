// The signed-in user's in-app notifications: the header's bell reads them, modules may refresh them.
import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import { api, call } from '../api/client';
import type { AppNotification } from '../api/types';

export const useNotificationsStore = defineStore('notifications', () => {
  const items = shallowRef<AppNotification[]>([]);
  const unread = ref(0);
  const total = ref(0);
  const loading = ref(false);
  const failed = ref(false);

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      const page = await call(api.notifications.$get({ query: { page: 1, pageSize: 15 } }));
      items.value = page.items;
      unread.value = page.unread;
      total.value = page.total;
      failed.value = false;
    } catch {
      failed.value = true;
    } finally {
      loading.value = false;
    }
  }

  async function markRead(id: string): Promise<void> {
    const target = items.value.find((n) => n.id === id);
    if (!target || target.readAt) return;
    await call(api.notifications[':id'].read.$post({ param: { id } }));
    items.value = items.value.map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString() } : n));
    unread.value = Math.max(0, unread.value - 1);
  }

  async function markAllRead(): Promise<void> {
    await call(api.notifications['read-all'].$post());
    const now = new Date().toISOString();
    items.value = items.value.map((n) => ({ ...n, readAt: n.readAt ?? now }));
    unread.value = 0;
  }

  function reset(): void {
    items.value = [];
    unread.value = 0;
    total.value = 0;
  }

  return { items, unread, total, loading, failed, refresh, markRead, markAllRead, reset };
});
