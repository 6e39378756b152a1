// Local-day arithmetic for the calendar grid: a grid day is a local Date at midnight.

export function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}
export function addDays(d: Date, n: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
}
/** Weeks start on Monday, as in Spain and Italy. */
export function startOfWeek(d: Date): Date {
  return addDays(d, -((d.getDay() + 6) % 7));
}
export const firstOfMonth = (d: Date) => new Date(d.getFullYear(), d.getMonth(), 1);
export const lastOfMonth = (d: Date) => new Date(d.getFullYear(), d.getMonth() + 1, 0);
/** A grid day as the calendar day it stands for, for useFormat's dayPart. */
export const asCalendarDay = (d: Date) => new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
/** A YYYY-MM-DD from the address as a grid day, or null. */
export const parseDay = (s: unknown) => (typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00`) : null);
