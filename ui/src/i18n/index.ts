// vue-i18n set-up: es is the source and fallback. Which language is shown follows one rule
// (./precedence.ts): the user's chosen language, this browser's pick, the organisation's, the
// browser's, Spanish.
import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import { dateEnUS, dateEsES, dateItIT, enUS, esES, itIT } from 'naive-ui';
import es, { type MessageSchema } from './es';
import it from './it';
import en from './en';
import { isLocale, resolveLocale, type Locale } from './precedence';

export { locales, isLocale, type Locale } from './precedence';

/** A language picked in the switcher before signing in (the login page's). */
const STORAGE_KEY = 'cauce.locale';

function pickedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

const browserLanguages = (): readonly string[] => (typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]));

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: resolveLocale({ picked: pickedLocale(), browser: browserLanguages() }),
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

/** A choice made in the switcher before signing in: applied and remembered on this browser. */
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
  if (!pickedLocale() && isLocale(locale)) apply(locale);
}

/**
 * Signed in: the user's chosen language (null while they have not chosen one), then the language
 * picked on this browser's login page, the organisation's, the browser's, Spanish.
 */
export function adoptUserLocale(userLocale: string | null | undefined, organisationLocale: string | null | undefined): void {
  apply(resolveLocale({ user: userLocale ?? null, picked: pickedLocale(), organisation: organisationLocale ?? null, browser: browserLanguages() }));
}

/** Signed out again: the login page's rule. */
export function adoptAnonymousLocale(): void {
  apply(resolveLocale({ picked: pickedLocale(), browser: browserLanguages() }));
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
