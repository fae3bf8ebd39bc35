import type { SeriesMetric } from '../api/schemas';
import { median } from '../ranking/stats';

// Fair comparison (docs/ui.md, "Compare"): a branch's figures divided by its
// population or by its audience, so Moscow's 13 M residents do not flatten
// every other line. Pure; null is "not measured" and never becomes 0.

import type { CompareBasis } from './basis';

export { COMPARE_BASES, type CompareBasis } from './basis';

/** Residents per "per 100k residents" unit. */
export const RESIDENTS_UNIT = 100_000;
/** Followers per "per 1,000 followers" unit (one follower's share is too small to read). */
export const FOLLOWERS_UNIT = 1_000;
/** A reference line (a median or an average) is drawn only from at least this many branches, so it never is one branch's figure. */
export const MIN_REFERENCE_BRANCHES = 3;

/** How a metric's bucket values combine over a period. */
export const METRIC_TOTAL: Record<SeriesMetric, 'sum' | 'last' | 'mean'> = {
  views: 'sum',
  interactions: 'sum',
  likes: 'sum',
  comments: 'sum',
  shares: 'sum',
  posts: 'sum',
  visits: 'sum',
  social_visits: 'sum',
  followers: 'last',
  engagement_rate: 'mean',
};

/**
 * The basis actually applied: a rate (engagement, %) is already comparable and
 * stays as it is; followers per follower would be a constant, so followers fall
 * back to per 100k residents.
 */
export function appliedBasis(metric: SeriesMetric, basis: CompareBasis): CompareBasis {
  if (metric === 'engagement_rate') return 'absolute';
  if (metric === 'followers' && basis === 'per_follower') return 'per_100k';
  return basis;
}

/** value ÷ population × 100 000; null without a value or a positive population. */
export function per100k(value: number | null, population: number | null): number | null {
  if (value === null || population === null || !(population > 0)) return null;
  return (value / population) * RESIDENTS_UNIT;
}

/** value ÷ followers × 1 000; null without a value or a positive follower count. */
export function perThousandFollowers(value: number | null, followers: number | null): number | null {
  if (value === null || followers === null || !(followers > 0)) return null;
  return (value / followers) * FOLLOWERS_UNIT;
}

/** A period total of bucket values: the sum of flows, the last stock, the mean of a rate; null when none is measured. */
export function periodTotal(values: readonly (number | null)[], mode: 'sum' | 'last' | 'mean'): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return null;
  if (mode === 'last') return xs[xs.length - 1];
  const sum = xs.reduce((a, b) => a + b, 0);
  return mode === 'sum' ? sum : sum / xs.length;
}

export interface RawSeries {
  /** The metric per bucket. */
  values: (number | null)[];
  /** Followers per bucket (the stock at the bucket's last reading). */
  followers: (number | null)[];
  population: number | null;
}

/**
 * One branch's series and period total on a basis. Per 100k: every value over
 * the same population. Per 1,000 followers: each bucket over that bucket's
 * followers, the total over the followers at the end of the period.
 */
export function normalize(raw: RawSeries, metric: SeriesMetric, basis: CompareBasis): { values: (number | null)[]; total: number | null } {
  const b = appliedBasis(metric, basis);
  const total = periodTotal(raw.values, METRIC_TOTAL[metric]);
  if (b === 'per_100k') return { values: raw.values.map((v) => per100k(v, raw.population)), total: per100k(total, raw.population) };
  if (b === 'per_follower') {
    return {
      values: raw.values.map((v, i) => perThousandFollowers(v, raw.followers[i] ?? null)),
      total: perThousandFollowers(total, periodTotal(raw.followers, 'last')),
    };
  }
  return { values: [...raw.values], total };
}

/** Median across series, bucket by bucket; null where fewer than MIN_REFERENCE_BRANCHES have a value. */
export function medianSeries(series: readonly (readonly (number | null)[])[], buckets: number): (number | null)[] {
  return Array.from({ length: buckets }, (_, i) => guardedMedian(series.map((s) => s[i] ?? null)));
}

/** Median of values; null where fewer than MIN_REFERENCE_BRANCHES are measured. */
export function guardedMedian(values: readonly (number | null)[]): number | null {
  return measured(values) >= MIN_REFERENCE_BRANCHES ? median(values) : null;
}

/** Mean of values; null where fewer than MIN_REFERENCE_BRANCHES are measured. */
export function guardedMean(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return xs.length >= MIN_REFERENCE_BRANCHES ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** Mean across series, bucket by bucket (the top-three average). */
export function meanSeries(series: readonly (readonly (number | null)[])[], buckets: number): (number | null)[] {
  return Array.from({ length: buckets }, (_, i) => guardedMean(series.map((s) => s[i] ?? null)));
}

function measured(values: readonly (number | null)[]): number {
  return values.filter((v) => v !== null && Number.isFinite(v)).length;
}
