import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysInclusive, diffDays, isoWeekday, parseDay, todayIn } from '../../../lib/ranking/period';

describe('day arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(diffDays('2026-01-01', '2027-01-01')).toBe(365);
    expect(diffDays('2027-01-01', '2026-01-01')).toBe(-365);
    expect(daysInclusive('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysInclusive('2026-10-12', '2026-10-12')).toBe(1);
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-25', -13)).toBe('2025-10-25');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('rejects impossible days', () => {
    expect(() => parseDay('2026-02-30')).toThrow(/No such day/);
    expect(() => parseDay('26-1-1')).toThrow(/YYYY-MM-DD/);
  });

  it('numbers weekdays from Monday', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // Monday
    expect(isoWeekday('2026-11-29')).toBe(7); // Sunday
  });

  it("knows Moscow's date when UTC is still on the previous day", () => {
    expect(todayIn('Europe/Moscow', new Date('2026-11-25T22:30:00Z'))).toBe('2026-11-26');
    expect(todayIn('UTC', new Date('2026-11-25T22:30:00Z'))).toBe('2026-11-25');
  });
});
