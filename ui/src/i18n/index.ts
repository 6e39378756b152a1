// vue-i18n set-up: es is the source and fallback; the choice is remembered in localStorage.
import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import { dateEnUS, dateEsES, dateItIT, enUS, esES, itIT } from 'naive-ui';
import es, { type MessageSchema } from './es';
import it from './it';
import en from './en';

export const locales = ['es', 'it', 'en'] as const;
export type Locale = (typeof locales)[number];

const STORAGE_KEY = 'cauce.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: storedLocale() ?? 'es',
  fallbackLocale: 'es',
  messages: { es, it, en },
});

export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

function apply(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
}

/** A choice made in the language switcher: applied and remembered on this browser. */
export function chooseLocale(locale: Locale): void {
  apply(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** A language suggested by the content (an invitation's), unless this browser already chose one. */
export function suggestLocale(locale: string | null | undefined): void {
  if (!storedLocale() && isLocale(locale)) apply(locale);
}

/**
 * After sign-in: the language this browser chose, else Spanish (the product is Spanish first).
 * The profile language decides the emails a user receives, not the screen: a shared
 * computer keeps the language its user picked in the switcher.
 */
export function adoptUserLocale(_userLocale: string | null | undefined): void {
  apply(storedLocale() ?? 'es');
}

apply(currentLocale());

// naive-ui's default "Please input" placeholders add noise to every empty field.
const quiet = <T extends typeof esES>(l: T): T => ({ ...l, Input: { ...l.Input, placeholder: '' } });
const naiveLocales = {
  es: { locale: quiet(esES), dateLocale: dateEsES },
  it: { locale: quiet(itIT), dateLocale: dateItIT },
  en: { locale: quiet(enUS), dateLocale: dateEnUS },
} as const;

/** naive-ui's own texts (date pickers, pagination…) follow the UI language. */
export const naiveLocale = computed(() => naiveLocales[i18n.global.locale.value]);
