// Running one change of a case from a page section: busy state, the server's message on
// failure (already localized), a toast on success, then the page reloads the case.
import { ref } from 'vue';
import { useApiFeedback } from './useApiFeedback';

export function useInterventionChange(changed: () => void) {
  const busy = ref<string | null>(null);
  const { showError, showSuccess } = useApiFeedback();

  async function run(key: string, action: () => Promise<unknown>, success?: string): Promise<boolean> {
    busy.value = key;
    try {
      await action();
      if (success) showSuccess(success);
      return true;
    } catch (err) {
      showError(err);
      return false;
    } finally {
      busy.value = null;
      // After a refusal too: someone else may have changed the case meanwhile.
      changed();
    }
  }

  /** For dialogs, which show the error themselves. */
  async function inDialog(action: () => Promise<unknown>, success?: string): Promise<void> {
    await action();
    if (success) showSuccess(success);
    changed();
  }

  return { busy, run, inDialog };
}
