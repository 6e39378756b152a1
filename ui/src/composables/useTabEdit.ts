import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useApiFeedback } from './useApiFeedback';
import { useFieldErrors } from './useFieldErrors';

/**
 * Editing a tab of a record in place: open, save only what changed, close on success, and show
 * the server's field errors (or its message) when it refuses.
 */
export function useTabEdit<C extends object>(save: (changes: C) => Promise<unknown>) {
  const { t } = useI18n();
  const { errorText, showSuccess } = useApiFeedback();
  const serverErrors = useFieldErrors();
  const editing = ref(false);
  const saving = ref(false);
  const failure = ref<string | null>(null);

  function open(): void {
    serverErrors.clear();
    failure.value = null;
    editing.value = true;
  }

  async function commit(changes: C): Promise<void> {
    if (Object.keys(changes).length === 0) {
      editing.value = false;
      return;
    }
    saving.value = true;
    try {
      await save(changes);
      editing.value = false;
      showSuccess(t('common.saved'));
    } catch (err) {
      failure.value = serverErrors.take(err) ? t('validation.fixFields') : errorText(err);
    } finally {
      saving.value = false;
    }
  }
  return { editing, saving, failure, serverErrors, open, commit };
}
