import { ref, watch, type Ref } from 'vue';
import { useApiFeedback } from './useApiFeedback';

/** Saving and failure of a dialog's one action: the dialog closes when it succeeds and shows the refusal when not. */
export function useDialogSubmit(show: Ref<boolean>) {
  const { errorText } = useApiFeedback();
  const saving = ref(false);
  const failure = ref<string | null>(null);
  watch(show, (open) => {
    if (open) failure.value = null;
  });

  async function run(action: () => Promise<unknown>): Promise<void> {
    failure.value = null;
    saving.value = true;
    try {
      await action();
      show.value = false;
    } catch (err) {
      failure.value = errorText(err);
    } finally {
      saving.value = false;
    }
  }
  return { saving, failure, run };
}
