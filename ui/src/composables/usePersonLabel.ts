import { useI18n } from 'vue-i18n';

/** How a person is named on screen: anonymous profiles by their file code only. */
export function usePersonLabel() {
  const { t } = useI18n();
  return (person: { anonymous: boolean; displayName: string; code: string }): string =>
    person.anonymous ? t('persons.anonymous', { code: person.code }) : person.displayName;
}
