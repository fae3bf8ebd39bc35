import { describe, expect, it } from 'vitest';
import { direction, percentChange, sumKnown } from '@/lib/charts/change';
import { alignPrevious, carryStock, compareRows, periodTotals, rankSteps, trendRows, trendTotals } from '@/lib/charts/series';
import { contributionSegments } from '@/lib/charts/contribution';
import { comparisonBuckets } from '@/lib/ranking/period';
import type { CompareResponse, SeriesResponse } from '@/lib/api/schemas';

describe('percent change', () => {
  it('handles zeros and nulls without NaN or Infinity', () => {
    expect(percentChange(150, 100)).toBe(50);
    expect(percentChange(50, 100)).toBe(-50);
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(5, 0)).toBeNull();
    expect(percentChange(0, 5)).toBe(-100);
    expect(percentChange(null, 5)).toBeNull();
    expect(percentChange(5, null)).toBeNull();
    expect(percentChange(undefined, undefined)).toBeNull();
    expect(percentChange(NaN, 1)).toBeNull();
    expect(percentChange(1, Infinity)).toBeNull();
    expect(percentChange(-5, -10)).toBe(50); // a rate moving from −10 to −5 improves
  });
  it('classifies direction with a dead band', () => {
    expect(direction(3)).toBe('up');
    expect(direction(-0.2)).toBe('down');
    expect(direction(0.01)).toBe('flat');
    expect(direction(null)).toBe('none');
    expect(direction(NaN)).toBe('none');
  });
  it('sums only known values', () => {
    expect(sumKnown([1, null, 2])).toBe(3);
    expect(sumKnown([null, undefined])).toBeNull();
    expect(sumKnown([0])).toBe(0);
  });
});

describe('previous-period alignment', () => {
  it('lays the previous period under the current one index by index', () => {
    const rows = alignPrevious(
      [
        { bucket: '2026-11-01', value: 10 },
        { bucket: '2026-11-02', value: null },
        { bucket: '2026-11-03', value: 0 },
      ],
      [
        { bucket: '2026-10-01', value: 5 },
        { bucket: '2026-10-02', value: 3 },
      ],
    );
    expect(rows).toEqual([
      { bucket: '2026-11-01', previousBucket: '2026-10-01', value: 10, previous: 5, change: 100 },
      { bucket: '2026-11-02', previousBucket: '2026-10-02', value: null, previous: 3, change: null },
      { bucket: '2026-11-03', previousBucket: null, value: 0, previous: null, change: null },
    ]);
  });

  it('builds trend rows with the network breakdown', () => {
    const series: SeriesResponse = {
      branch: { id: 1, slug: 'msk', name: 'Москва', nameEn: 'Moscow', federalDistrict: 'central' },
      metric: 'views',
      granularity: 'day',
      network: 'all',
      from: '2026-11-01',
      to: '2026-11-02',
      points: [
        { bucket: '2026-11-01', value: 30 },
        { bucket: '2026-11-02', value: 40 },
      ],
      previous: {
        from: '2026-10-30',
        to: '2026-10-31',
        points: [
          { bucket: '2026-10-30', value: 20 },
          { bucket: '2026-10-31', value: 0 },
        ],
      },
      byNetwork: [
        { network: 'vk', values: [10, 40] },
        { network: 'telegram', values: [20, null] },
      ],
    };
    const rows = trendRows(series);
    expect(rows[0]).toMatchObject({ value: 30, previous: 20, change: 50, networks: { vk: 10, telegram: 20 } });
    expect(rows[1]).toMatchObject({ value: 40, previous: 0, change: null, networks: { vk: 40, telegram: null } });
    expect(periodTotals(rows, 'sum')).toEqual({ current: 70, previous: 20, change: 250 });
    expect(periodTotals(rows, 'last')).toEqual({ current: 40, previous: 0, change: null });
    expect(periodTotals([{ value: null, previous: null }], 'mean')).toEqual({ current: null, previous: null, change: null });
  });
});

describe('trend rows against the previous calendar period', () => {
  const series = (from: string, to: string, value: (i: number) => number): SeriesResponse => {
    const { current, previous } = comparisonBuckets(from, to, 'day');
    return {
      branch: { id: 1, slug: 'a', name: 'А', nameEn: 'A', federalDistrict: 'central' },
      metric: 'views',
      granularity: 'day',
      network: 'all',
      from,
      to,
      points: current.starts.map((bucket, i) => ({ bucket, value: value(i) })),
      previous: { from: previous.from, to: previous.to, points: previous.starts.map((bucket) => ({ bucket, value: 10 })) },
      byNetwork: [],
    };
  };
  it('puts 12 September under 12 October', () => {
    const rows = trendRows(series('2026-10-01', '2026-10-31', () => 20));
    const row = rows.find((r) => r.bucket === '2026-10-12')!;
    expect(row).toMatchObject({ previousBucket: '2026-09-12', value: 20, previous: 10, change: 100 });
    expect(rows[30]).toMatchObject({ bucket: '2026-10-31', previousBucket: null, previous: null, change: null });
  });
  it('gives 29–31 March no previous value under a 28-day February', () => {
    const rows = trendRows(series('2026-03-01', '2026-03-31', () => 20));
    expect(rows[27]).toMatchObject({ bucket: '2026-03-28', previousBucket: '2026-02-28', previous: 10 });
    expect(rows.slice(28).map((r) => [r.bucket, r.previousBucket, r.previous])).toEqual([
      ['2026-03-29', null, null],
      ['2026-03-30', null, null],
      ['2026-03-31', null, null],
    ]);
  });
  it('counts the whole previous period in the totals, also when it is longer (April vs March)', () => {
    const s = series('2026-04-01', '2026-04-30', () => 20);
    expect(s.previous.points).toHaveLength(31);
    const rows = trendRows(s);
    expect(trendTotals(rows, s.previous.points, 'sum')).toEqual({ current: 600, previous: 310, change: ((600 - 310) / 310) * 100 });
    // Side by side only: 30 days of each.
    expect(periodTotals(rows, 'sum').previous).toBe(300);
  });
});

describe('other chart data', () => {
  it('pivots compare series by branch slug', () => {
    const res: CompareResponse = {
      metric: 'views',
      granularity: 'week',
      network: 'all',
      from: '2026-11-02',
      to: '2026-11-15',
      buckets: ['2026-11-02', '2026-11-09'],
      series: [
        { branch: { id: 1, slug: 'a', name: 'A', nameEn: 'A', federalDistrict: 'central' }, values: [1, null] },
        { branch: { id: 2, slug: 'b', name: 'B', nameEn: 'B', federalDistrict: 'ural' }, values: [2, 3] },
      ],
    };
    expect(compareRows(res)).toEqual([
      { bucket: '2026-11-02', a: 1, b: 2 },
      { bucket: '2026-11-09', a: null, b: 3 },
    ]);
  });
  it('turns contributions into bar segments, skipping missing ones', () => {
    const segs = contributionSegments([
      { id: 'views_per_100k', value: 1, median: 1, percentile: 80, weight: 0.25, contribution: 20 },
      { id: 'engagement_rate', value: null, median: 1, percentile: null, weight: 0.2, contribution: null },
      { id: 'activity', value: 1, median: 1, percentile: 0, weight: 0.15, contribution: 0 },
    ]);
    expect(segs).toEqual([{ id: 'views_per_100k', points: 20, width: 0.2 }]);
  });
  it('keeps unranked periods as gaps in rank history', () => {
    expect(
      rankSteps([
        { period: '2026-10', rank: 3 },
        { period: '2026-11', rank: null },
      ]),
    ).toEqual([
      { period: '2026-10', rank: 3 },
      { period: '2026-11', rank: null },
    ]);
  });
});

describe('followers as a stock', () => {
  const base: SeriesResponse = {
    branch: { id: 1, slug: 'x', name: 'X', nameEn: 'X', federalDistrict: 'ural' },
    metric: 'followers',
    granularity: 'day',
    network: 'all',
    from: '2026-10-01',
    to: '2026-10-05',
    points: [
      { bucket: '2026-10-01', value: 150 },
      { bucket: '2026-10-02', value: 50 }, // vk missing that day
      { bucket: '2026-10-03', value: 152 },
      { bucket: '2026-10-04', value: 103 }, // telegram missing
      { bucket: '2026-10-05', value: null },
    ],
    previous: { from: '2026-09-26', to: '2026-09-30', points: [] },
    byNetwork: [
      { network: 'vk', values: [100, null, 101, 103, null] },
      { network: 'telegram', values: [50, 50, 51, null, null] },
    ],
  };
  it('carries a missing network forward instead of dropping the total', () => {
    const s = carryStock(base);
    expect(s.points.map((p) => p.value)).toEqual([150, 150, 152, 154, null]);
    expect(s.byNetwork[0]!.values).toEqual([100, 100, 101, 103, null]);
    expect(s.byNetwork[1]!.values).toEqual([50, 50, 51, 51, null]);
  });
  it('is applied by trendRows for followers only', () => {
    expect(trendRows(base).map((r) => r.value)).toEqual([150, 150, 152, 154, null]);
    expect(trendRows({ ...base, metric: 'views' }).map((r) => r.value)).toEqual([150, 50, 152, 103, null]);
  });
});
