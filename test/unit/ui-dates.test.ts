// Issue 10, item 3: the UI's date rules.
import { describe, expect, it } from 'vitest';
import { dayInRange, shownFollowUpStatus } from '../../ui/src/utils/dates';

describe('date fields', () => {
  it('refuse absurd years, impossible days and days outside the field’s bounds', () => {
    expect(dayInRange('0003-12-31')).toBe(false);
    expect(dayInRange('1899-12-31')).toBe(false);
    expect(dayInRange('2101-01-01')).toBe(false);
    expect(dayInRange('2026-02-30')).toBe(false);
    expect(dayInRange('1900-01-01')).toBe(true);
    expect(dayInRange('2026-12-07', '2026-12-08')).toBe(false);
    expect(dayInRange('2026-12-08', '2026-12-08')).toBe(true);
    expect(dayInRange('2026-12-08', '1000-01-01', '3000-01-01')).toBe(true);
  });
});

describe('follow-up status shown', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  it('a pending follow-up whose moment passed today is overdue', () => {
    expect(shownFollowUpStatus('scheduled', '2026-12-07T11:59:00Z', now)).toBe('overdue');
    expect(shownFollowUpStatus('due', '2026-12-07T08:00:00Z', now)).toBe('overdue');
  });
  it('one still ahead, or finished, keeps its status', () => {
    expect(shownFollowUpStatus('scheduled', '2026-12-07T12:01:00Z', now)).toBe('scheduled');
    expect(shownFollowUpStatus('completed', '2026-12-07T08:00:00Z', now)).toBe('completed');
    expect(shownFollowUpStatus('cancelled', '2026-12-01T08:00:00Z', now)).toBe('cancelled');
  });
});
