import { ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useApiFeedback } from './useApiFeedback';
import type { useFieldErrors } from './useFieldErrors';

/** What a dialog's action returns to stay open although it succeeded (e.g. to show a warning first). */
export const KEEP_OPEN = Symbol('keep the dialog open');

/**
 * Saving and failure of a dialog's one action: the dialog closes when it succeeds and shows the refusal when not.
 * Given the form's field errors, a refusal about fields goes beside them and the dialog says "fix the fields".
 */
export function useDialogSubmit(show: Ref<boolean>, fieldErrors?: ReturnType<typeof useFieldErrors>) {
  const { t } = useI18n();
  const { errorText } = useApiFeedback();
  const saving = ref(false);
  const failure = ref<string | null>(null);
  watch(show, (open) => {
    if (open) failure.value = null;
  });

  async function run(action: () => Promise<unknown>): Promise<void> {
    failure.value = null;
    fieldErrors?.clear();
    saving.value = true;
    try {
      if ((await action()) !== KEEP_OPEN) show.value = false;
    } catch (err) {
      failure.value = fieldErrors?.take(err) ? t('validation.fixFields') : errorText(err);
    } finally {
      saving.value = false;
    }
  }
  return { saving, failure, run };
}
