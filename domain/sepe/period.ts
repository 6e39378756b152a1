/**
 * AÑO_MES_ENVIO: the period a SEPE file reports. YYYYMM for a month, YYYY99 for the year (ENPI and
 * ACCD; ACCI has no annual file). The schemas take years 2010–2029 only, and SEPE takes a period
 * only once it is over: a month before the current one, a year before the current one.
 */
import type { SepeFileKind } from './codes';

export interface SepePeriod {
  /** As written in the file: 202603, or 202699 for the year. */
  code: string;
  year: number;
  /** 1–12; null for the annual file. */
  month: number | null;
  /** First and last day covered, ISO dates (inclusive). */
  from: string;
  to: string;
}

export type SepePeriodProblem = 'period_format' | 'period_year_out_of_range' | 'period_annual_not_allowed' | 'period_not_closed';

export type ParsedSepePeriod = { ok: true; period: SepePeriod } | { ok: false; problem: SepePeriodProblem };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * `today` is the ISO date in the organisation's time zone (domain code reads no clock): on 1 April
 * the March file can be made, not before.
 */
export function parseSepePeriod(code: string, kind: SepeFileKind, today: string): ParsedSepePeriod {
  const m = /^(\d{4})(\d{2})$/.exec(code.trim());
  if (!m) return { ok: false, problem: 'period_format' };
  const year = Number(m[1]);
  const mm = Number(m[2]);
  const annual = mm === 99;
  if (!annual && (mm < 1 || mm > 12)) return { ok: false, problem: 'period_format' };
  if (year < 2010 || year > 2029) return { ok: false, problem: 'period_year_out_of_range' };
  if (annual && kind === 'acci') return { ok: false, problem: 'period_annual_not_allowed' };
  const [ty, tm] = today.split('-').map(Number);
  const closed = annual ? year < ty : year < ty || (year === ty && mm < tm);
  if (!closed) return { ok: false, problem: 'period_not_closed' };
  const period: SepePeriod = annual
    ? { code: `${year}99`, year, month: null, from: `${year}-01-01`, to: `${year}-12-31` }
    : { code: `${year}${pad(mm)}`, year, month: mm, from: `${year}-${pad(mm)}-01`, to: `${year}-${pad(mm)}-${pad(lastDay(year, mm))}` };
  return { ok: true, period };
}

/** The last closed month before `today` (the period a monthly file is usually made for). */
export function previousSepeMonth(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}12` : `${y}${pad(m - 1)}`;
}
