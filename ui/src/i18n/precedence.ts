// Which language the UI speaks, in order of precedence (issue 10, item 2):
//   signed in:  the user's saved preference → the organisation's → the browser's → Spanish;
//   signed out: a language picked on this browser's login page → the browser's → Spanish.
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
  /** The signed-in user's saved preference (profile), absent before login. */
  user?: string | null;
  /** The signed-in user's organisation's language, absent before login. */
  organisation?: string | null;
  /** Before login only: a language picked in the switcher on this browser. */
  picked?: string | null;
  /** navigator.languages */
  browser?: readonly string[];
}

export function resolveLocale(sources: LocaleSources): Locale {
  const signedIn = sources.user !== undefined || sources.organisation !== undefined;
  const candidates = signedIn ? [sources.user, sources.organisation] : [sources.picked];
  for (const c of candidates) if (isLocale(c)) return c;
  return fromBrowser(sources.browser) ?? 'es';
}
