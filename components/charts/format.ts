import type { AppLocale } from '@/i18n/config';
import type { SeriesMetric } from '@/lib/api/schemas';
import { formatDayShort, formatMonth, formatRange } from '@/lib/format/date';
import { bucketEnd, maxDay, minDay } from '@/lib/ranking/period';
import { formatCompact, formatNumber, formatPercent } from '@/lib/format/number';
import type { Granularity } from '@/lib/api/schemas';

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
