// What the navigation and the dashboard show about interventions: how many of my cases have
// overdue follow-ups (the calendar's badge) and the Resumen figures, fetched once for all cards.
import { ref, shallowRef, watch } from 'vue';
import { defineStore } from 'pinia';
import type { InterventionSummary } from '../api/interventionTypes';
import { fetchInterventions, fetchInterventionSummary } from '../composables/useInterventions';
import { useSessionStore } from './session';

export const useInterventionsStore = defineStore('interventions', () => {
  const session = useSessionStore();
  const overdueCases = ref(0);
  const summary = shallowRef<InterventionSummary | null>(null);
  const summaryError = ref<string | null>(null);
  const summaryLoading = ref(false);

  async function refreshOverdue(): Promise<void> {
    if (!session.signedIn) return;
    try {
      overdueCases.value = (await fetchInterventions({ assignee: 'me', overdue: 'true', status: 'active', pageSize: 1 })).total;
    } catch {
      // The badge is a hint; the calendar itself shows errors.
    }
  }

  let pending: Promise<void> | null = null;
  /** One request however many cards ask at once. */
  function loadSummary(): Promise<void> {
    pending ??= (async () => {
      summaryLoading.value = true;
      try {
        summary.value = await fetchInterventionSummary();
        summaryError.value = null;
      } catch (err) {
        summaryError.value = err instanceof Error ? err.message : String(err);
      } finally {
        summaryLoading.value = false;
        pending = null;
      }
    })();
    return pending;
  }

  function reset(): void {
    overdueCases.value = 0;
    summary.value = null;
  }
  watch(() => session.user?.id, reset);

  return { overdueCases, summary, summaryError, summaryLoading, refreshOverdue, loadSummary, reset };
});
