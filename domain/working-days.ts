// Business time. "Days" in the rules are working days in the organisation's own time zone:
// weekends and the organisation's holidays do not count. Pure and deterministic, so workflow
// code can use it (Intl is available inside the workflow sandbox).

export interface WorkingCalendar {
  timezone: string;
  /** ISO dates, YYYY-MM-DD, in the organisation's zone. */
  holidays: readonly string[];
}

interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

export function toLocal(instant: Date, timezone: string): LocalDateTime {
  const parts = Object.fromEntries(formatter(timezone).formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second),
  };
}

/** The instant at which the wall clock in `timezone` shows `local` (DST-safe by two passes). */
export function fromLocal(local: LocalDateTime, timezone: string): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = toLocal(new Date(guess), timezone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    guess += asUtc - seenAsUtc;
  }
  return new Date(guess);
}

export function isoDate(local: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string {
  return `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}

function nextCalendarDay(local: LocalDateTime): LocalDateTime {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
  return { ...local, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isWorkingDay(local: Pick<LocalDateTime, 'year' | 'month' | 'day'>, calendar: WorkingCalendar): boolean {
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !calendar.holidays.includes(isoDate(local));
}

/** `days` working days after `from`, at the same wall-clock time in the organisation's zone. */
export function addWorkingDays(from: Date, days: number, calendar: WorkingCalendar): Date {
  let local = toLocal(from, calendar.timezone);
  let counted = 0;
  while (counted < days) {
    local = nextCalendarDay(local);
    if (isWorkingDay(local, calendar)) counted++;
  }
  return fromLocal(local, calendar.timezone);
}

/** Calendar days (not working days), at the same wall-clock time: "expires after 7 days". */
export function addCalendarDays(from: Date, days: number, timezone: string): Date {
  let local = toLocal(from, timezone);
  for (let i = 0; i < days; i++) local = nextCalendarDay(local);
  return fromLocal(local, timezone);
}
