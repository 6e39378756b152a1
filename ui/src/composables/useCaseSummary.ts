import { onMounted } from 'vue';
import { useInterventionsStore } from '../stores/interventions';

/** The organisation's case summary (counts, my recent cases, my overdue follow-ups) for dashboard cards; loaded once per card shown. */
export function useCaseSummary() {
  const store = useInterventionsStore();
  onMounted(() => void store.loadSummary());
  return store;
}
