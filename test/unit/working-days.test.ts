import { describe, expect, it } from 'vitest';
import { addCalendarDays, addWorkingDays, isWorkingDay, toLocal } from '../../domain/working-days';

const madrid = { timezone: 'Europe/Madrid', holidays: ['2026-12-08'] };

describe('working days', () => {
  it('skips the weekend: 3 working days after a Friday is the next Wednesday, same local time', () => {
    const friday = new Date('2026-11-27T09:30:00+01:00');
    expect(addWorkingDays(friday, 3, madrid).toISOString()).toBe(new Date('2026-12-02T09:30:00+01:00').toISOString());
  });

  it('skips the organisation’s holidays too (8 December, a Tuesday)', () => {
    const friday = new Date('2026-12-04T10:00:00+01:00');
    // Mon 7, (Tue 8 holiday), Wed 9, Thu 10
    expect(addWorkingDays(friday, 3, madrid).toISOString()).toBe(new Date('2026-12-10T10:00:00+01:00').toISOString());
    expect(addWorkingDays(friday, 3, { ...madrid, holidays: [] }).toISOString()).toBe(new Date('2026-12-09T10:00:00+01:00').toISOString());
  });

  it('counts days in the organisation’s zone, not UTC: 23:30 Friday in Madrid is still Friday', () => {
    const lateFriday = new Date('2026-11-27T22:30:00Z'); // 23:30 in Madrid
    expect(toLocal(lateFriday, 'Europe/Madrid').day).toBe(27);
    expect(addWorkingDays(lateFriday, 1, madrid).toISOString()).toBe('2026-11-30T22:30:00.000Z');
  });

  it('keeps the wall-clock time across a daylight-saving change', () => {
    const beforeChange = new Date('2026-10-23T09:00:00+02:00'); // Friday, summer time
    const result = addWorkingDays(beforeChange, 2, { timezone: 'Europe/Madrid', holidays: [] });
    expect(result.toISOString()).toBe(new Date('2026-10-27T09:00:00+01:00').toISOString()); // Tuesday, winter time
    expect(addCalendarDays(beforeChange, 7, 'Europe/Madrid').toISOString()).toBe(new Date('2026-10-30T09:00:00+01:00').toISOString());
  });

  it('knows weekends and holidays', () => {
    expect(isWorkingDay({ year: 2026, month: 11, day: 28 }, madrid)).toBe(false); // Saturday
    expect(isWorkingDay({ year: 2026, month: 12, day: 8 }, madrid)).toBe(false);
    expect(isWorkingDay({ year: 2026, month: 12, day: 9 }, madrid)).toBe(true);
  });
});
