/**
 * The one way Cauce writes a date or a time for a reader: in the reader's language and the
 * organisation's time zone, whether it ends up in the app, an email, a notification or a PDF.
 * ("5 dic 2026, 10:30", "5 dic 2026", never "2026-12-05T09:30:00.000Z".)
 */
export type DateStyle = 'date' | 'datetime' | 'long' | 'full';

const options: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  datetime: { dateStyle: 'medium', timeStyle: 'short' },
  long: { dateStyle: 'long', timeStyle: 'short' },
  // Signatures: the seconds and the zone's name, as a signed document needs.
  full: { dateStyle: 'long', timeStyle: 'long' },
};

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string, style: DateStyle): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options[style], timeZone });
    cache.set(key, f);
  }
  return f;
}

/** An instant (a Date or an ISO 8601 string) for a reader. */
export function formatInstant(at: Date | string, locale: string, timeZone: string, style: DateStyle = 'datetime'): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return String(at);
  return formatter(locale, timeZone, style).format(date);
}

/** A calendar day ("2026-12-05", a birth date or a deadline): no time zone can move it. */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return day;
  return formatter(locale, 'UTC', 'date').format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * A date inside a translated sentence travels as a marker the reader's side formats:
 * `{ due: dateParam(f.dueAt) }` → "5 dic 2026, 10:30" for a Spanish reader in Madrid.
 */
export const dateParam = (at: Date | string, style: DateStyle = 'datetime') => `@@${style}:${typeof at === 'string' ? at : at.toISOString()}`;

const DATE_PARAM = /^@@(date|datetime|long|full):(.+)$/;
export function formatDateParam(value: string, locale: string, timeZone: string): string | null {
  const m = DATE_PARAM.exec(value);
  return m ? formatInstant(m[2], locale, timeZone, m[1] as DateStyle) : null;
}
