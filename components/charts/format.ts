import type { AppLocale } from '@/i18n/config';
import type { SeriesMetric } from '@/lib/api/schemas';
import { formatDayShort, formatMonth } from '@/lib/format/date';
import { formatCompact, formatNumber, formatPercent } from '@/lib/format/number';
import type { Granularity } from '@/lib/api/schemas';

/** Axis tick for a bucket start. */
export function bucketTick(bucket: string, g: Granularity, locale: AppLocale): string {
  return g === 'month' ? formatMonth(bucket, locale) : formatDayShort(bucket, locale);
}

/** A value of a metric for tooltips (exact) and axes (compact). */
export function metricValue(v: number | null | undefined, metric: SeriesMetric, locale: AppLocale, compact = false): string {
  if (metric === 'engagement_rate') return formatPercent(v, locale);
  return compact ? formatCompact(v, locale) : formatNumber(v, locale, 0);
}
