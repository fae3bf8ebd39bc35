import type { AppLocale } from '@/i18n/config';
import type { SeriesMetric } from '@/lib/api/schemas';
import { formatDayShort, formatMonth, formatRange } from '@/lib/format/date';
import { bucketEnd, maxDay, minDay } from '@/lib/ranking/period';
import { formatCompact, formatNumber, formatPercent } from '@/lib/format/number';
import type { Granularity } from '@/lib/api/schemas';
import type { CompareBasis } from '@/lib/compare/normalize';

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

/** A compared value on its basis: per 100k and per 1,000 followers keep decimals (small numbers), absolute as metricValue. */
export function compareValue(v: number | null | undefined, metric: SeriesMetric, basis: CompareBasis, locale: AppLocale, compact = false): string {
  if (metric === 'engagement_rate' || basis === 'absolute') return metricValue(v, metric, locale, compact);
  if (compact && v !== null && v !== undefined && Math.abs(v) >= 10_000) return formatCompact(v, locale);
  return formatNumber(v, locale, v !== null && v !== undefined && Math.abs(v) < 10 ? 2 : 1);
}
