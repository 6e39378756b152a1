// Server-side texts (errors, emails, SMS, PDFs) in the user's language. Each module keeps its
// own catalogue file; es is the source language and the fallback.
import { formatDateParam } from '../dates';
import { accreditationMessages } from './accreditations';
import { employmentMessages } from './employment';
import { foundationMessages } from './foundation';
import { inputMessages } from './input';
import { interventionMessages } from './interventions';
import { jobOfferMessages } from './job-offers';
import { messageMessages } from './messages';
import { priorityListMessages } from './priority-lists';
import { profileMessages } from './profile';
import { resourceMessages } from './resources';
import { referralMessages } from './referrals';
import { sepeMessages } from './sepe';
import { skillsAssessmentMessages } from './skills-assessments';
import { ventanillaMessages } from './ventanilla';

export const locales = ['es', 'it', 'en'] as const;
export type Locale = (typeof locales)[number];
export type Catalogue = Record<Locale, Record<string, string>>;

/**
 * The language of what workflows show in the Temporal UI (summaries, current details): one UI
 * serves admins of every organisation, so it speaks the source language.
 */
export const TEMPORAL_UI_LOCALE: Locale = 'es';

const catalogues: Catalogue[] = [foundationMessages, inputMessages, interventionMessages, profileMessages, ventanillaMessages, messageMessages, resourceMessages, referralMessages, accreditationMessages, priorityListMessages, skillsAssessmentMessages, sepeMessages, employmentMessages, jobOfferMessages];

const merged: Catalogue = { es: {}, it: {}, en: {} };
export function registerMessages(c: Catalogue): void {
  for (const l of locales) Object.assign(merged[l], c[l]);
}
catalogues.forEach(registerMessages);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Picks es/it/en from an Accept-Language header (quality values respected). */
export function negotiateLocale(header: string | undefined | null, fallback: Locale = 'es'): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked.find((r) => isLocale(r.lang))?.lang as Locale) ?? fallback;
}

/** The reader's organisation's time zone, for dates inside sentences; Madrid's when unknown. */
export interface TextOptions {
  timeZone?: string;
}

/**
 * ICU plural forms, `{count, plural, one {# seguimiento pendiente} other {# seguimientos pendientes}}`:
 * the branch for the number by the language's rules (Intl.PluralRules; `=0`-style exact cases
 * first), with `#` as the number. Nothing else of ICU is needed; `{name}` placeholders inside a
 * branch are filled afterwards like any other.
 */
function plurals(template: string, locale: Locale, params: Record<string, string | number>): string {
  const head = /\{(\w+),\s*plural,/g;
  let out = '';
  let from = 0;
  for (let m = head.exec(template); m; m = head.exec(template)) {
    const options: Record<string, string> = {};
    let i = m.index + m[0].length;
    for (;;) {
      const sel = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(template.slice(i));
      if (!sel) break;
      let depth = 1;
      let j = i + sel[0].length;
      const start = j;
      for (; j < template.length && depth > 0; j++) {
        if (template[j] === '{') depth++;
        else if (template[j] === '}') depth--;
      }
      options[sel[1]] = template.slice(start, j - 1);
      i = j;
    }
    const end = template.indexOf('}', i);
    if (end < 0) break;
    const n = Number(params[m[1]]);
    const category = typeof Intl !== 'undefined' && Intl.PluralRules ? new Intl.PluralRules(locale).select(n) : n === 1 ? 'one' : 'other';
    const chosen = options[`=${n}`] ?? options[category] ?? options.other ?? '';
    out += template.slice(from, m.index) + chosen.replace(/#/g, String(n));
    from = end + 1;
    head.lastIndex = from;
  }
  return out + template.slice(from);
}

/**
 * `t('es', 'errors.not_found', { thing })`: `{name}` placeholders are replaced; a parameter
 * written `@some.key` is itself translated (e.g. a status name inside a sentence), and one made
 * by `dateParam()` is written as a date in the reader's language and time zone (domain/dates.ts).
 */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}, options: TextOptions = {}): string {
  const template = plurals(merged[locale][key] ?? merged.es[key] ?? key, locale, params);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) return `{${name}}`;
    const value = String(params[name]);
    if (value.startsWith('@@')) return formatDateParam(value, locale, options.timeZone ?? 'Europe/Madrid') ?? value;
    return value.startsWith('@') ? t(locale, value.slice(1)) : value;
  });
}
