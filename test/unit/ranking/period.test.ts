import { describe, expect, it } from 'vitest';
import {
  addMonths,
  bucketStart,
  buckets,
  comparisonBuckets,
  customPeriod,
  isoWeek,
  isoWeekStart,
  parseAnchor,
  periodContaining,
  previousPeriod,
  resolvePeriod,
  todayIn,
} from '../../../lib/ranking/period';

describe('calendar periods', () => {
  it('aligns months, quarters and years', () => {
    expect(periodContaining('month', '2026-10-17')).toMatchObject({ from: '2026-10-01', to: '2026-10-31', days: 31, label: '2026-10' });
    expect(periodContaining('quarter', '2026-11-30')).toMatchObject({ from: '2026-10-01', to: '2026-12-31', days: 92, label: '2026-Q4' });
    expect(periodContaining('year', '2026-03-01')).toMatchObject({ from: '2026-01-01', to: '2026-12-31', days: 365, label: '2026' });
  });
  it('knows leap years', () => {
    expect(periodContaining('month', '2028-02-10')).toMatchObject({ to: '2028-02-29', days: 29 });
    expect(periodContaining('month', '2100-02-10')).toMatchObject({ to: '2100-02-28', days: 28 });
    expect(periodContaining('quarter', '2028-01-05').days).toBe(91);
    expect(periodContaining('year', '2028-06-01').days).toBe(366);
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });
  it('uses ISO weeks (Monday start, week-numbering year)', () => {
    expect(periodContaining('week', '2026-10-18')).toMatchObject({ from: '2026-10-12', to: '2026-10-18', label: '2026-W42' });
    // 1 January 2027 is a Friday: it belongs to 2026-W53.
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(periodContaining('week', '2027-01-01').label).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeekStart(2026, 53)).toBe('2026-12-28');
    expect(isoWeekStart(2027, 53)).toBeNull();
  });
  it('parses every form of the date parameter', () => {
    expect(parseAnchor('2026-10')).toBe('2026-10-01');
    expect(parseAnchor('2026-W01')).toBe('2025-12-29');
    expect(parseAnchor('2026-Q3')).toBe('2026-07-01');
    expect(parseAnchor('2026')).toBe('2026-01-01');
    expect(parseAnchor('2026-02-29')).toBeNull();
    expect(parseAnchor('2026-13')).toBeNull();
    expect(parseAnchor('2027-W53')).toBeNull();
  });
  it('finds the previous period of the same kind or length', () => {
    expect(previousPeriod(periodContaining('month', '2026-01-15'))).toMatchObject({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousPeriod(periodContaining('month', '2028-03-15'))).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(previousPeriod(periodContaining('week', '2026-01-01'))).toMatchObject({ from: '2025-12-22', label: '2025-W52' });
    expect(previousPeriod(customPeriod('2026-10-10', '2026-10-19'))).toMatchObject({ from: '2026-09-30', to: '2026-10-09', days: 10 });
  });
  it('defaults to the latest complete period', () => {
    expect(resolvePeriod({ period: 'month' }, '2026-11-26')).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
    expect(resolvePeriod({ period: 'year' }, '2026-11-26').label).toBe('2025');
    expect(resolvePeriod({ period: 'month', date: '2026-10' }, '2026-11-26').label).toBe('2026-10');
    expect(resolvePeriod({ period: 'custom', from: '2026-10-01', to: '2026-10-01' }, '2026-11-26').days).toBe(1);
    // A custom range that is exactly a calendar period is that period.
    expect(resolvePeriod({ period: 'custom', from: '2026-10-01', to: '2026-10-31' }, '2026-11-26')).toMatchObject({
      kind: 'month',
      label: '2026-10',
    });
    expect(resolvePeriod({ period: 'custom', from: '2026-10-12', to: '2026-10-18' }, '2026-11-26')).toMatchObject({ kind: 'week' });
    expect(resolvePeriod({ period: 'custom', from: '2026-10-02', to: '2026-10-31' }, '2026-11-26').kind).toBe('custom');
  });
});

describe('today in a time zone', () => {
  it('is Moscow by default but configurable', () => {
    const late = new Date('2026-11-25T22:30:00Z');
    expect(todayIn('Europe/Moscow', late)).toBe('2026-11-26');
    expect(todayIn('UTC', late)).toBe('2026-11-25');
    expect(todayIn('America/New_York', late)).toBe('2026-11-25');
    expect(todayIn('Asia/Vladivostok', new Date('2026-11-25T14:30:00Z'))).toBe('2026-11-26');
  });
});

describe('buckets', () => {
  it('widens to whole buckets and lines up the previous window', () => {
    expect(buckets('2026-10-14', '2026-10-20', 'week')).toEqual(['2026-10-12', '2026-10-19']);
    expect(buckets('2026-10-31', '2026-12-01', 'month')).toEqual(['2026-10-01', '2026-11-01', '2026-12-01']);
    expect(buckets('2028-02-28', '2028-03-01', 'day')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });
});

describe('chart buckets', () => {
  it('finds bucket starts', () => {
    expect(bucketStart('2026-11-26', 'day')).toBe('2026-11-26');
    expect(bucketStart('2026-11-26', 'week')).toBe('2026-11-23'); // Thursday → Monday
    expect(bucketStart('2026-11-23', 'week')).toBe('2026-11-23');
    expect(bucketStart('2026-11-29', 'week')).toBe('2026-11-23'); // Sunday
    expect(bucketStart('2026-11-26', 'month')).toBe('2026-11-01');
  });
  it('lists buckets across month and year ends', () => {
    expect(buckets('2026-12-30', '2027-01-02', 'day')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(buckets('2026-11-15', '2027-02-01', 'month')).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']);
    expect(buckets('2026-11-26', '2026-12-08', 'week')).toEqual(['2026-11-23', '2026-11-30', '2026-12-07']);
    expect(buckets('2026-12-01', '2026-11-01', 'day')).toEqual([]);
  });
});

describe('the period a chart compares with', () => {
  it('is the previous calendar month, day k under day k (October vs 1–30 September)', () => {
    const { current, previous } = comparisonBuckets('2026-10-01', '2026-10-31', 'day');
    expect(previous).toMatchObject({ from: '2026-09-01', to: '2026-09-30' });
    expect(previous.starts).toHaveLength(30);
    expect(current.starts).toHaveLength(31);
    const k = current.starts.indexOf('2026-10-12');
    expect(previous.starts[k]).toBe('2026-09-12');
    // The same previous period as the KPI cards.
    expect(previous).toMatchObject({
      from: previousPeriod(periodContaining('month', '2026-10-12')).from,
      to: previousPeriod(periodContaining('month', '2026-10-12')).to,
    });
  });
  it('leaves the days beyond a shorter previous period without a partner (March vs February)', () => {
    const { current, previous } = comparisonBuckets('2026-03-01', '2026-03-31', 'day');
    expect(previous).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(previous.starts[27]).toBe('2026-02-28');
    expect(current.starts[27]).toBe('2026-03-28');
    expect(previous.starts[28]).toBeUndefined();
    expect(comparisonBuckets('2028-03-01', '2028-03-31', 'day').previous.starts).toHaveLength(29);
  });
  it('compares a week with the week before, Monday under Monday', () => {
    const { current, previous } = comparisonBuckets('2026-10-12', '2026-10-18', 'day');
    expect(previous).toMatchObject({ from: '2026-10-05', to: '2026-10-11' });
    expect(current.starts.map((d, i) => [d, previous.starts[i]])).toEqual([
      ['2026-10-12', '2026-10-05'],
      ['2026-10-13', '2026-10-06'],
      ['2026-10-14', '2026-10-07'],
      ['2026-10-15', '2026-10-08'],
      ['2026-10-16', '2026-10-09'],
      ['2026-10-17', '2026-10-10'],
      ['2026-10-18', '2026-10-11'],
    ]);
  });
  it('compares a custom range with as many days just before it', () => {
    const { current, previous } = comparisonBuckets('2026-10-10', '2026-10-20', 'day');
    expect(previous).toMatchObject({ from: '2026-09-29', to: '2026-10-09' });
    expect(previous.starts).toHaveLength(current.starts.length);
    expect(previous.starts[0]).toBe('2026-09-29');
  });
  it('treats a range that is exactly a calendar period as that period', () => {
    // 1–31 October typed as a custom range still compares with 1–30 September.
    expect(comparisonBuckets('2026-10-01', '2026-10-31', 'day').previous.to).toBe('2026-09-30');
    // A quarter in weeks: the previous quarter's weeks, its days only.
    const q = comparisonBuckets('2026-10-01', '2026-12-31', 'week');
    expect(q.previous).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
    expect(q.previous.starts[0]).toBe('2026-06-29');
    expect(q.current.starts[0]).toBe('2026-09-28');
    // A year in months: January under January.
    const y = comparisonBuckets('2026-01-01', '2026-12-31', 'month');
    expect(y.previous.starts).toEqual(buckets('2025-01-01', '2025-12-31', 'month'));
  });
});
