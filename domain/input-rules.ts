// What a text or a date people type may be. The API checks these at the edge (400 naming the
// field) and the workflows check them again in their Update validators, so no value that
// PostgreSQL would refuse can enter a workflow and wedge its projection.
// Pure: the workflow bundle imports this file.

export type TextProblem = 'control_character' | 'invalid_unicode';

// NUL and the other C0/C1 control characters (tab, line feed and carriage return are text);
// PostgreSQL refuses NUL in text (22021) and people cannot see the others.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// A surrogate half without its partner is not Unicode: UTF-8 cannot encode it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text cannot be stored as it is, or null when it can. */
export function textProblem(value: string): TextProblem | null {
  if (CONTROL.test(value)) return 'control_character';
  if (LONE_SURROGATE.test(value)) return 'invalid_unicode';
  return null;
}

/** Every string inside a value (an Update's arguments), with its path, that cannot be stored. */
export function findTextProblems(value: unknown, path = ''): Array<{ path: string; problem: TextProblem }> {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ path, problem }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findTextProblems(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const keyProblem = textProblem(k);
      const at = path ? `${path}.${k}` : k;
      return keyProblem ? [{ path: at, problem: keyProblem }] : findTextProblems(v, at);
    });
  }
  return [];
}

/**
 * Dates people give: nothing before 1900 (a birth date of a living person) and nothing more
 * than 10 years ahead. PostgreSQL would take year 3, but nobody means it.
 */
export const EARLIEST_DATE = '1900-01-01';
export const MAX_YEARS_AHEAD = 10;

/** A planned date (a follow-up, an appointment): not before today minus a day of slack, at most 5 years ahead. */
export const PLANNED_MAX_YEARS_AHEAD = 5;

function addYears(at: Date, years: number): Date {
  const d = new Date(at.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** Null when `value` (ISO date or date-time) is a real date within the sane range; else why not. */
export function dateProblem(value: string, now: Date): 'invalid_date' | 'date_too_early' | 'date_too_late' | null {
  const at = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(at.getTime())) return 'invalid_date';
  if (at < new Date(`${EARLIEST_DATE}T00:00:00Z`)) return 'date_too_early';
  if (at > addYears(now, MAX_YEARS_AHEAD)) return 'date_too_late';
  return null;
}

/** Null when a planned moment lies between yesterday and 5 years ahead; else why not. */
export function plannedDateProblem(value: string, now: Date): 'invalid_date' | 'date_in_past' | 'date_too_late' | null {
  const at = new Date(value.length === 10 ? `${value}T23:59:59Z` : value);
  if (Number.isNaN(at.getTime())) return 'invalid_date';
  if (at.getTime() < now.getTime() - 24 * 60 * 60 * 1000) return 'date_in_past';
  if (at > addYears(now, PLANNED_MAX_YEARS_AHEAD)) return 'date_too_late';
  return null;
}
