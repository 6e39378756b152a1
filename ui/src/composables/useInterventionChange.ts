// Running one change of a case from a page section: busy state, the server's message on
// failure (already localized), a toast on success, then the page reloads the case.
import { useApiFeedback } from './useApiFeedback';
import { useBusyAction } from './useBusyAction';

export function useInterventionChange(changed: () => void) {
  const { busy, run: runBusy } = useBusyAction();
  const { showSuccess } = useApiFeedback();

  async function run(key: string, action: () => Promise<unknown>, success?: string): Promise<boolean> {
    try {
      return await runBusy(key, action, success);
    } finally {
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
