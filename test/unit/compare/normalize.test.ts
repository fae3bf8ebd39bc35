import { describe, expect, it } from 'vitest';
import {
  appliedBasis,
  guardedMean,
  guardedMedian,
  medianSeries,
  meanSeries,
  normalize,
  per100k,
  periodTotal,
  perThousandFollowers,
} from '@/lib/compare/normalize';
import { compareLineRows, compareLines } from '@/lib/compare/lines';

describe('per 100k residents and per 1,000 followers (hand-computed)', () => {
  it('divides by the population and scales to 100 000', () => {
    expect(per100k(31_000, 50_000)).toBe(62_000); // 31 000 / 50 000 × 100 000
    expect(per100k(1_234, 13_000_000)).toBeCloseTo(9.4923, 4); // 1 234 / 13 000 000 × 100 000 = 9.4923…
    expect(per100k(0, 100_000)).toBe(0);
  });
  it('divides by the followers and scales to 1 000', () => {
    expect(perThousandFollowers(31_000, 1_100)).toBeCloseTo(28_181.8182, 4); // 31 000 / 1 100 × 1 000
    expect(perThousandFollowers(50, 2_000)).toBe(25);
  });
  it('gives null, never 0 or Infinity, without a value or a positive divisor', () => {
    expect(per100k(null, 100_000)).toBeNull();
    expect(per100k(10, null)).toBeNull();
    expect(per100k(10, 0)).toBeNull();
    expect(perThousandFollowers(10, 0)).toBeNull();
    expect(perThousandFollowers(10, null)).toBeNull();
  });
  it('normalizes each bucket and the period total', () => {
    const raw = { values: [100, null, 300], followers: [1_000, 1_000, 2_000], population: 200_000 };
    expect(normalize(raw, 'views', 'per_100k')).toEqual({ values: [50, null, 150], total: 200 }); // (100 + 300) / 200 000 × 100 000
    // Per bucket over that bucket's followers; the total over the followers at the period's end: 400 / 2 000 × 1 000.
    expect(normalize(raw, 'views', 'per_follower')).toEqual({ values: [100, null, 150], total: 200 });
    expect(normalize(raw, 'views', 'absolute')).toEqual({ values: [100, null, 300], total: 400 });
    // A stock's total is its last value: followers 2 000 of 200 000 residents = 1 000 per 100k.
    expect(normalize({ values: [1_000, 2_000], followers: [], population: 200_000 }, 'followers', 'per_follower')).toEqual({
      values: [500, 1_000],
      total: 1_000,
    });
    // A rate stays as it is, averaged over the buckets.
    expect(normalize({ values: [2, 4], followers: [], population: 100 }, 'engagement_rate', 'per_100k')).toEqual({
      values: [2, 4],
      total: 3,
    });
  });
  it('applies the basis that makes sense for the metric', () => {
    expect(appliedBasis('views', 'per_follower')).toBe('per_follower');
    expect(appliedBasis('followers', 'per_follower')).toBe('per_100k');
    expect(appliedBasis('engagement_rate', 'per_100k')).toBe('absolute');
  });
  it('totals sum flows, keep the last stock, average rates', () => {
    expect(periodTotal([1, null, 2], 'sum')).toBe(3);
    expect(periodTotal([1, 5, null], 'last')).toBe(5);
    expect(periodTotal([1, 2, null], 'mean')).toBe(1.5);
    expect(periodTotal([null, null], 'sum')).toBeNull();
  });
});

describe('reference lines', () => {
  it('takes medians and means over at least three measured branches', () => {
    expect(guardedMedian([15_500, 31_000, 62_000, 23_250, null])).toBe(27_125); // (23 250 + 31 000) / 2
    expect(guardedMedian([1, 2, 3])).toBe(2);
    expect(guardedMedian([1, 2, null])).toBeNull(); // two branches: a median would reveal the other's figure
    expect(guardedMean([3, 6, 9])).toBe(6);
    expect(guardedMean([3, 6])).toBeNull();
  });
  it('works bucket by bucket', () => {
    const s = [
      [1, 10, null],
      [2, 20, 5],
      [3, null, 7],
      [4, 40, null],
    ];
    expect(medianSeries(s, 3)).toEqual([2.5, 20, null]);
    expect(meanSeries(s, 3)).toEqual([2.5, 70 / 3, null]);
  });
});

describe('lines in the chips’ order', () => {
  const res = {
    buckets: ['2026-10-01', '2026-10-02'],
    series: [
      { branch: { id: 1, slug: 'b', name: 'B', nameEn: 'B', federalDistrict: 'central' as const }, values: [1, null] },
      { branch: { id: 2, slug: 'a', name: 'A', nameEn: 'A', federalDistrict: 'ural' as const }, values: [2, 3] },
    ],
    references: [
      { kind: 'national_median' as const, values: [5, 6], total: 11 },
      { kind: 'district_median' as const, district: 'central' as const, values: [7, null], total: 7 },
      { kind: 'district_median' as const, district: 'ural' as const, values: [8, 9], total: 17 },
      { kind: 'top3_average' as const, values: [Number.NaN, 1], total: 1 },
    ],
  };
  it('puts the branches first as picked, then the references, each with its own dash pattern', () => {
    const lines = compareLines(res);
    expect(lines.map((l) => l.key)).toEqual(['b:b', 'b:a', 'r:0', 'r:1', 'r:2', 'r:3']);
    expect(new Set(lines.map((l) => `${l.color}|${l.dash}`)).size).toBe(lines.length);
    expect(lines[1].dash).not.toBe('');
  });
  it('builds one row per bucket with every line, non-finite as null', () => {
    expect(compareLineRows(res)).toEqual([
      { bucket: '2026-10-01', 'b:b': 1, 'b:a': 2, 'r:0': 5, 'r:1': 7, 'r:2': 8, 'r:3': null },
      { bucket: '2026-10-02', 'b:b': null, 'b:a': 3, 'r:0': 6, 'r:1': null, 'r:2': 9, 'r:3': 1 },
    ]);
  });
});
