import type { AppLocale } from '@/i18n/config';
import type { SeriesMetric } from '@/lib/api/schemas';
import { formatRange } from '@/lib/format/day';
import { formatDayShort, formatMonth } from '@/lib/format/day-axis';
import { bucketEnd, maxDay, minDay } from '@/lib/ranking/period';
import { formatCompact, formatFixed, formatNumber, formatPercent } from '@/lib/format/number';
import type { Granularity } from '@/lib/api/schemas';
import type { CompareBasis } from '@/lib/compare/normalize';
import { axisFormatter, niceTicks } from '@/lib/format/axis';

/** Axis tick for a bucket start. */
export function bucketTick(bucket: string, g: Granularity, locale: AppLocale): string {
  return g === 'month' ? formatMonth(bucket, locale) : formatDayShort(bucket, locale);
}

/** The days of a bucket inside a period, for tooltips: "12 окт. 2026", "1–4 окт. 2026" (a week cut by the period's start). */
export function bucketSpan(bucket: string, g: Granularity, within: { from: string; to: string }, locale: AppLocale): string {
  return formatRange(maxDay(bucket, within.from), minDay(bucketEnd(bucket, g), within.to), locale);
}

/** A value of a metric for tooltips (exact) and axes (compact). */
export function metricValue(v: number | null | undefined, metric: SeriesMetric, locale: AppLocale, compact = false): string {
  if (metric === 'engagement_rate') return formatPercent(v, locale);
  return compact ? formatCompact(v, locale) : formatNumber(v, locale, 0);
}

/**
 * A compared value on its basis: absolute as metricValue; per 100k and per 1,000 followers
 * with `digits` fraction digits, the same for every value shown together (a table column,
 * one tooltip: `columnDigits` in lib/format/column.ts), so "5,00" stands beside "5,60".
 */
export function compareValue(
  v: number | null | undefined,
  metric: SeriesMetric,
  basis: CompareBasis,
  locale: AppLocale,
  digits: number,
): string {
  if (metric === 'engagement_rate' || basis === 'absolute') return metricValue(v, metric, locale);
  return formatFixed(v, locale, digits);
}

/**
 * Props for a value axis (recharts YAxis): round ticks from zero past the largest value,
 * all in one unit (lib/format/axis.ts). Null values (not measured) are left out.
 */
export function valueAxis(
  values: (number | null | undefined)[],
  metric: SeriesMetric,
  locale: AppLocale,
  /** Whole steps for counts; a per-100k or per-follower basis may step by fractions. */
  integer = metric !== 'engagement_rate',
): { ticks: number[]; domain: [number, number]; tickFormatter: (v: number) => string; interval: 0 } {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const ticks = niceTicks(Math.min(0, ...present), Math.max(0, ...present), 5, integer);
  return {
    ticks,
    domain: [ticks[0]!, ticks[ticks.length - 1]!],
    tickFormatter: axisFormatter(ticks, locale, metric === 'engagement_rate' ? 'percent' : 'count'),
    interval: 0,
  };
}
