import { ref, type Ref } from 'vue';
import { useApiFeedback } from './useApiFeedback';

/**
 * One change at a time from a page or card: `busy` names the one running (for its button's
 * spinner), a toast on success (its text may depend on the result), the server's message on failure.
 */
export function useBusyAction<K = string>() {
  const busy = ref<K | null>(null) as Ref<K | null>;
  const { showError, showSuccess } = useApiFeedback();

  async function run<T>(key: K, action: () => Promise<T>, success?: string | ((result: T) => string)): Promise<boolean> {
    busy.value = key;
    try {
      const result = await action();
      if (success) showSuccess(typeof success === 'function' ? success(result) : success);
      return true;
    } catch (err) {
      showError(err);
      return false;
    } finally {
      busy.value = null;
    }
  }
  return { busy, run };
}
