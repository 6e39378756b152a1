// What the navigation and the dashboard show about the electronic window: how many
// communications await my signature, and which units I belong to (so I have an inbox).
import { computed, ref, shallowRef, watch } from 'vue';
import { defineStore } from 'pinia';
import type { Unit } from '../api/ventanillaTypes';
import { fetchTray, fetchUnits } from '../composables/useVentanilla';
import { useSessionStore } from './session';

export const useVentanillaStore = defineStore('ventanilla', () => {
  const session = useSessionStore();
  const pendingSignatures = ref(0);
  const myUnits = shallowRef<Unit[] | null>(null);
  const isSigner = computed(() => session.user?.roles.includes('signer') ?? false);

  async function refreshPending(): Promise<void> {
    // Everyone: an author may name any colleague as signer, not only those with the signer role.
    if (!session.user) return;
    try {
      pendingSignatures.value = (await fetchTray(1, 1)).total;
    } catch {
      // The badge is a hint; the tray itself shows errors.
    }
  }

  let unitsPending: Promise<Unit[]> | null = null;
  /** Once per user: the units I belong to (an empty list means I have no inbox). */
  function loadUnits(): Promise<Unit[]> {
    if (myUnits.value) return Promise.resolve(myUnits.value);
    unitsPending ??= fetchUnits(true)
      .catch(() => [])
      .then((units) => (myUnits.value = units))
      .finally(() => (unitsPending = null));
    return unitsPending;
  }

  function reset(): void {
    pendingSignatures.value = 0;
    myUnits.value = null;
  }

  // Another user signing in on this tab sees their own tray and units.
  watch(() => session.user?.id, reset);

  return { pendingSignatures, myUnits, isSigner, refreshPending, loadUnits, reset };
});
