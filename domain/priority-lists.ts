// Rules of the CPI's priority lists and appointments, shared by the API, activities and the
// appointment workflow (so: no I/O here).
import { fromLocal, isoDate, isWorkingDay, toLocal, type WorkingCalendar } from './working-days';

export const verificationOutcomes = ['renounced', 'excluded_employed', 'eligible'] as const;
export type VerificationOutcome = (typeof verificationOutcomes)[number];

/** Outcomes that forbid convoking the worker: they renounced, or have an active employment relationship. */
export const excludingOutcomes: readonly VerificationOutcome[] = ['renounced', 'excluded_employed'];
export const isExcluding = (outcome: string | null | undefined): boolean => excludingOutcomes.includes(outcome as VerificationOutcome);

export const appointmentStatuses = ['booked', 'attended', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
export const appointmentOutcomes = ['attended', 'no_show'] as const;
export type AppointmentOutcome = (typeof appointmentOutcomes)[number];
export const isFinishedAppointment = (s: AppointmentStatus) => s !== 'booked';

/** A worker's convocation state: from their latest appointment that was not cancelled. */
export const convocationStates = ['not_convoked', 'booked', 'attended', 'no_show'] as const;
export type ConvocationState = (typeof convocationStates)[number];

export const DEFAULT_APPOINTMENT_MINUTES = 30;
export const MAX_APPOINTMENT_MINUTES = 8 * 60;

/** Sigle of the Italian provinces (and metropolitan cities), as ISTAT lists them. */
export const italianProvinces = new Set(
  (
    'AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE CH CL CN CO CR CS CT CZ EN FC FE FG FI FM FR GE GO GR ' +
    'IM IS KR LC LE LI LO LT LU MB MC ME MI MN MO MS MT NA NO NU OR PA PC PD PE PG PI PN PO PR PT PU PV PZ RA RC RE RG RI RM ' +
    'RN RO SA SI SO SP SR SS SU SV TA TE TN TO TP TR TS TV UD VA VB VC VE VI VR VT VV'
  ).split(' '),
);

const OMOCODE = 'LMNPQRSTUV';
const MONTHS = 'ABCDEHLMPRST';
const digit = (c: string) => (OMOCODE.includes(c) ? String(OMOCODE.indexOf(c)) : c);

/**
 * Whether a (valid) codice fiscale was made for this birth date: year, month letter and day
 * (women's day + 40), omocodia letters read back as digits. Catches a list whose columns slipped.
 */
export function codiceFiscaleMatchesBirthDate(cf: string, birthDate: string): boolean {
  const [year, month, day] = birthDate.split('-').map(Number);
  const yy = Number(digit(cf[6]) + digit(cf[7]));
  const mm = MONTHS.indexOf(cf[8]) + 1;
  let dd = Number(digit(cf[9]) + digit(cf[10]));
  if (dd > 40) dd -= 40;
  return yy === year % 100 && mm === month && dd === day;
}

/** The working day before `at`'s day, at the same wall-clock time in the organisation's zone. */
export function previousWorkingDay(at: Date, calendar: WorkingCalendar): Date {
  let local = toLocal(at, calendar.timezone);
  do {
    const d = new Date(Date.UTC(local.year, local.month - 1, local.day - 1));
    local = { ...local, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  } while (!isWorkingDay(local, calendar));
  return fromLocal(local, calendar.timezone);
}

/** When the worker is reminded: one working day before the appointment, at its time. */
export const appointmentReminderAt = (startsAt: Date, calendar: WorkingCalendar): Date => previousWorkingDay(startsAt, calendar);

export const appointmentEndsAt = (startsAt: Date, durationMinutes: number): Date => new Date(startsAt.getTime() + durationMinutes * 60_000);

/** The outcome can be recorded from the start of the appointment's day (a worker may come early). */
export function outcomeRecordableAt(startsAt: Date, timezone: string): Date {
  const local = toLocal(startsAt, timezone);
  return fromLocal({ ...local, hour: 0, minute: 0, second: 0 }, timezone);
}

/** The organisation's local day of an instant, YYYY-MM-DD. */
export const localDay = (at: Date, timezone: string) => isoDate(toLocal(at, timezone));
