import { describe, expect, it } from 'vitest';
import { median, percentChange, percentileRanks, round, sharedRanks, spearman, sumNullable } from '../../../lib/ranking/stats';

describe('median', () => {
  it('handles odd, even, nulls and empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, 5, null])).toBe(5);
    expect(median([])).toBeNull();
    expect(median([null])).toBeNull();
  });
});

describe('percentileRanks', () => {
  it('spreads distinct values from 0 to 100', () => {
    expect(percentileRanks([10, 30, 20])).toEqual([0, 100, 50]);
  });
  it('gives ties their mid-rank at every position', () => {
    expect(percentileRanks([1, 1, 2, 3, 3])).toEqual([12.5, 12.5, 50, 87.5, 87.5]);
    expect(percentileRanks([5, 1, 5, 3])).toEqual([(2.5 / 3) * 100, 0, (2.5 / 3) * 100, (1 / 3) * 100]);
  });
  it('puts all-equal values and a single value at 50', () => {
    expect(percentileRanks([7, 7, 7])).toEqual([50, 50, 50]);
    expect(percentileRanks([42])).toEqual([50]);
  });
  it('keeps nulls null and ranks among the rest', () => {
    expect(percentileRanks([null, 2, 1, null])).toEqual([null, 100, 0, null]);
    expect(percentileRanks([null, null])).toEqual([null, null]);
  });
});

describe('sharedRanks', () => {
  it('gives equal scores the same rank and skips after them', () => {
    expect(sharedRanks([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
    expect(sharedRanks([80, 90, 90, 90])).toEqual([4, 1, 1, 1]);
    expect(sharedRanks([50, 50])).toEqual([1, 1]);
    expect(sharedRanks([null, 3])).toEqual([null, 1]);
  });
});

describe('percentChange', () => {
  it('is null with a zero or missing base', () => {
    expect(percentChange(10, 0)).toBeNull();
    expect(percentChange(null, 5)).toBeNull();
    expect(percentChange(5, null)).toBeNull();
    expect(percentChange(0, 0)).toBeNull();
  });
  it('measures against the magnitude of the base', () => {
    expect(percentChange(150, 100)).toBe(50);
    expect(percentChange(0, 100)).toBe(-100);
    expect(percentChange(-5, -10)).toBe(50);
  });
});

describe('helpers', () => {
  it('rounds half away from zero and sums nullable values', () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(sumNullable([null, 1, 2])).toBe(3);
    expect(sumNullable([null, null])).toBeNull();
  });
});

describe('spearman', () => {
  it('matches 1 − 6Σd²/(n(n²−1)) without ties', () => {
    // d = −1, 1, −1, 1, 0 → Σd² = 4 → 1 − 24/120 = 0.8
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
    expect(spearman([10, 20, 30], [1, 5, 9])).toBe(1);
    expect(spearman([10, 20, 30], [9, 5, 1])).toBe(-1);
  });
  it('gives ties their mid-rank (Pearson on ranks)', () => {
    // y ranks 1, 2, 3.5, 5, 3.5: Σ(dx·dy) = 8, Σdx² = 10, Σdy² = 9.5 → 8 / √95
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 12);
  });
  it('leaves out pairs with a null side and needs three pairs and some spread', () => {
    expect(spearman([1, null, 2, 3], [1, 9, 2, 3])).toBe(1);
    expect(spearman([1, 2], [1, 2])).toBeNull();
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});
