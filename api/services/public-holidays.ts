// Public holidays of a country, region and municipality, from date-holidays (a maintained
// calendar of 200 countries with their regions' holidays and substitute days), to pre-fill an
// organisation's own list, which the admin then edits: a municipality's local days and a
// service's own closures are the organisation's to add.
import Holidays from 'date-holidays';
import type { Locale } from '../../domain/i18n';

/** The countries Cauce serves. */
export const holidayCountries = ['ES', 'IT'] as const;
export type HolidayCountry = (typeof holidayCountries)[number];

export interface HolidayPlace {
  code: string;
  name: string;
  regions: Array<{ code: string; name: string }>;
}

/** Regions (comunidades, regioni) of a country and their municipalities where the calendar has them. */
export function holidayPlaces(country: HolidayCountry, locale: Locale) {
  const calendar = new Holidays();
  const states = calendar.getStates(country, locale) ?? {};
  const places: HolidayPlace[] = Object.entries(states).map(([code, name]) => ({
    code,
    name,
    regions: Object.entries(calendar.getRegions(country, code, locale) ?? {}).map(([r, n]) => ({ code: r, name: n })),
  }));
  return { country, name: calendar.getCountries(locale)[country] ?? country, states: places.sort((a, b) => a.name.localeCompare(b.name, locale)) };
}

/** Days off for everyone (type public) in that place and year, named in the reader's language. */
export function publicHolidays(place: { country: HolidayCountry; state?: string; region?: string }, year: number, locale: Locale) {
  const calendar = new Holidays(place.country, place.state ?? '', place.region ?? '', { languages: [locale], types: ['public'] });
  const days = new Map<string, string>();
  for (const h of calendar.getHolidays(year, locale)) {
    const date = h.date.slice(0, 10);
    // A substitute day and the holiday itself may share a date; one entry per day.
    if (!days.has(date)) days.set(date, h.name);
  }
  return [...days].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}

/** Whether the calendar knows that state (and region) of the country. */
export function isKnownPlace(country: HolidayCountry, state?: string, region?: string): boolean {
  const calendar = new Holidays();
  if (state && !(calendar.getStates(country) ?? {})[state]) return false;
  if (region && !(state && (calendar.getRegions(country, state) ?? {})[region])) return false;
  return true;
}
