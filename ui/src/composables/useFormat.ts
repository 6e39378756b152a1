// Every date and time in the UI goes through here: domain/dates.ts's formatter (the one emails,
// notifications and PDFs use), in the UI language and the organisation's time zone, whatever
// zone the browser is in. Calendar days (YYYY-MM-DD) are never shifted by a zone.
import { useI18n } from 'vue-i18n';
import { formatDay, formatInstant } from '../../../domain/dates';
import { fromLocal, isoDate, toLocal } from '../../../domain/working-days';
import { useSessionStore } from '../stores/session';

type DateInput = string | Date | null | undefined;

function toDate(value: DateInput): Date | null {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function useFormat() {
  const { locale, t } = useI18n();
  const session = useSessionStore();
  const none = () => t('common.none');
  /** The organisation's zone; before sign-in (public pages) the browser's. */
  const zone = () => session.user?.organisationTimezone ?? BROWSER_ZONE;
  const intl = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale.value, { ...options, timeZone: zone() });

  /** 23 nov 2026 (the day in the organisation's zone) */
  function date(value: DateInput): string {
    const d = toDate(value);
    return d ? formatInstant(d, locale.value, zone(), 'date') : none();
  }

  /** 23 nov 2026, 20:10 */
  function dateTime(value: DateInput): string {
    const d = toDate(value);
    return d ? formatInstant(d, locale.value, zone(), 'datetime') : none();
  }

  /** 20:10 */
  function time(value: DateInput): string {
    const d = toDate(value);
    return d ? intl({ timeStyle: 'short' }).format(d) : none();
  }

  /** A calendar day (YYYY-MM-DD) with no time: never shifted by the time zone. */
  function day(value: string | null | undefined, style: 'medium' | 'long' | 'full' = 'medium'): string {
    if (!value) return none();
    if (style === 'medium') return formatDay(value, locale.value);
    const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? value : new Intl.DateTimeFormat(locale.value, { dateStyle: style, timeZone: 'UTC' }).format(d);
  }

  /** Parts of a calendar day (a Date at UTC midnight of that day) for calendars: "lun", "diciembre de 2026", "7 dic". */
  function dayPart(dayUtc: Date, options: Intl.DateTimeFormatOptions): string {
    return new Intl.DateTimeFormat(locale.value, { ...options, timeZone: 'UTC' }).format(dayUtc);
  }

  /** The organisation's calendar day of an instant, YYYY-MM-DD. */
  function zonedDay(value: DateInput): string {
    const d = toDate(value) ?? new Date();
    return isoDate(toLocal(d, zone()));
  }

  /** Today in the organisation's zone, YYYY-MM-DD. */
  const today = () => zonedDay(new Date());

  /** A day and a time typed in the organisation's zone, as an ISO instant. */
  function instantOf(dayValue: string, hhmm: string): string {
    const [year, month, dayOfMonth] = dayValue.split('-').map(Number);
    const [hour, minute] = hhmm.split(':').map(Number);
    return fromLocal({ year, month, day: dayOfMonth, hour, minute, second: 0 }, zone()).toISOString();
  }

  /** "hace 3 horas", "en 5 días". */
  function relative(value: DateInput, now = Date.now()): string {
    const d = toDate(value);
    if (!d) return none();
    const seconds = Math.round((d.getTime() - now) / 1000);
    const rtf = new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto' });
    const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
      ['year', 31_536_000],
      ['month', 2_592_000],
      ['week', 604_800],
      ['day', 86_400],
      ['hour', 3_600],
      ['minute', 60],
    ];
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
    }
    return rtf.format(0, 'minute');
  }

  function list(items: string[]): string {
    return new Intl.ListFormat(locale.value, { style: 'long', type: 'conjunction' }).format(items);
  }

  return { date, dateTime, time, day, dayPart, zonedDay, today, instantOf, relative, list, zone };
}
