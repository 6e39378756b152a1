// Maps a 400's `details.fields[].path` to form items. The server localizes the overall message,
// but zod's per-field texts are English, so known codes get a message in the UI language.
import { reactive } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError, type FieldError } from '../api/client';

export function useFieldErrors() {
  const { t } = useI18n();
  const errors = reactive<Record<string, string>>({});

  function localize(field: FieldError): string {
    const path = field.path;
    const last = path.split('.').pop() ?? path;
    // phone, phones.0.number: the server's E.164 check has no code and an English message.
    if (path === 'phone' || /^phones\.\d+(\.number)?$/.test(path)) return t('validation.phone');
    if (path === 'email' || /^emails\.\d+(\.address)?$/.test(path)) return t('validation.email');
    if (field.code === 'invalid_format' && /date/i.test(last)) return t('validation.date');
    if (field.code === 'too_big') return t('validation.tooLong');
    if (field.code === 'too_small') return t('validation.required');
    if (field.code === 'custom' && (last === 'firstName' || last === 'lastName')) return t('validation.nameOrAnonymous');
    return field.message;
  }

  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key];
  }

  /**
   * Takes the field errors of an ApiError; returns false when the error was not about fields,
   * so the caller shows it some other way.
   */
  function take(err: unknown): boolean {
    clear();
    if (!(err instanceof ApiError) || err.status !== 400 || err.fields.length === 0) return false;
    for (const field of err.fields) errors[field.path || '_'] ??= localize(field);
    return true;
  }

  /** Props for an NFormItem: its error text and status, when the server named this path. */
  function item(path: string) {
    const text = errors[path];
    return text ? { feedback: text, validationStatus: 'error' as const } : {};
  }

  /** Paths the form does not show as items, so the caller can show them in a summary. */
  function unplaced(known: (path: string) => boolean): string[] {
    return Object.entries(errors)
      .filter(([path]) => !known(path))
      .map(([path, text]) => `${path}: ${text}`);
  }

  return { errors, clear, take, item, unplaced };
}
