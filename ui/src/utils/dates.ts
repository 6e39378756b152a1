// Date rules the UI applies everywhere, pure so unit tests state them (test/unit/ui-dates.test.ts).

/** The earliest and latest years a date field accepts (issue 10: "a follow-up dated year 3"). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
export const MIN_DAY = `${MIN_YEAR}-01-01`;
export const MAX_DAY = `${MAX_YEAR}-12-31`;

/** Whether a YYYY-MM-DD is a real calendar day within [min, max] (by default 1900–2100). */
export function dayInRange(day: string, min: string = MIN_DAY, max: string = MAX_DAY): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(2000, mo - 1, d));
  if (mo < 1 || mo > 12 || check.getUTCDate() !== d) return false;
  if (y < MIN_YEAR || y > MAX_YEAR) return false;
  return day >= (min < MIN_DAY ? MIN_DAY : min) && day <= (max > MAX_DAY ? MAX_DAY : max);
}

const PENDING = ['scheduled', 'due', 'overdue'];

/**
 * What a follow-up shows: a pending one whose moment has passed is overdue ("Vencido") at once,
 * a same-day one included, without waiting for the workflow's timer to say so.
 */
export function shownFollowUpStatus(status: string, dueAt: string | null | undefined, now: number = Date.now()): string {
  if (!dueAt || !PENDING.includes(status)) return status;
  const at = Date.parse(dueAt);
  return !Number.isNaN(at) && at <= now ? 'overdue' : status;
}
