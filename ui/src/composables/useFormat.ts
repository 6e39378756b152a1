// Dates and times in the UI language, in the browser's local time zone.
import { useI18n } from 'vue-i18n';

type DateInput = string | Date | null | undefined;

function toDate(value: DateInput): Date | null {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function useFormat() {
  const { locale, t } = useI18n();
  const none = () => t('common.none');

  /** 23 nov 2026 */
  function date(value: DateInput): string {
    const d = toDate(value);
    return d ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium' }).format(d) : none();
  }

  /** 23 nov 2026, 20:10 */
  function dateTime(value: DateInput): string {
    const d = toDate(value);
    return d ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(d) : none();
  }

  /** A calendar day (YYYY-MM-DD) with no time: never shifted by the time zone. */
  function day(value: string | null | undefined, style: 'medium' | 'long' | 'full' = 'medium'): string {
    if (!value) return none();
    const d = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? value : new Intl.DateTimeFormat(locale.value, { dateStyle: style, timeZone: 'UTC' }).format(d);
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

  return { date, dateTime, day, relative, list };
}
