// Toasts for API outcomes: the server's message is already in the user's language.
import { useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/client';

export function useApiFeedback() {
  const message = useMessage();
  const { t } = useI18n();

  function errorText(err: unknown): string {
    if (err instanceof ApiError) {
      if (err.status === 0) return t('errors.network');
      return err.message || t('errors.generic');
    }
    return t('errors.generic');
  }

  function showError(err: unknown): void {
    // A 401 already sent the user to the login page.
    if (err instanceof ApiError && err.status === 401) return;
    message.error(errorText(err), { duration: 6000, closable: true });
  }

  function showSuccess(text: string): void {
    message.success(text);
  }

  return { errorText, showError, showSuccess };
}
