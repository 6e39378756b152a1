// Which language the UI speaks, in order of precedence (issue 10, item 2):
//   the user's chosen language (signed in, once they or their inviter chose one)
//   → a language picked on this browser's login page (it stays until the user has chosen one)
//   → the organisation's (signed in) → the browser's → Spanish.
// Pure, so a unit test states the rule (test/unit/ui-locale.test.ts).

export const locales = ['es', 'it', 'en'] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The first of navigator.languages the UI speaks ("it-IT" → it), or null. */
export function fromBrowser(languages: readonly string[] | undefined): Locale | null {
  for (const tag of languages ?? []) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(base)) return base;
  }
  return null;
}

export interface LocaleSources {
  /** The signed-in user's chosen language (profile, switcher, invitation); null while unchosen, absent before login. */
  user?: string | null;
  /** The signed-in user's organisation's language, absent before login. */
  organisation?: string | null;
  /** A language picked in the login page's switcher on this browser. */
  picked?: string | null;
  /** navigator.languages */
  browser?: readonly string[];
}

export function resolveLocale(sources: LocaleSources): Locale {
  for (const c of [sources.user, sources.picked, sources.organisation]) if (isLocale(c)) return c;
  return fromBrowser(sources.browser) ?? 'es';
}
