import type { AppLocale } from '@/i18n/config';
import { dm, MONTHS, ymdOf } from './day';
import { DASH } from './number';

// A day without its year and a month (chart axes, notifications), apart from
// ./day.ts so the ranking page's browser code, which draws no chart, does not
// carry them (docs/benchmarks.md, first-load JavaScript). ./date.ts re-exports them.

/** "26 нояб." / "26 Nov" — for chart axes. */
export function formatDayShort(day: string | null | undefined, locale: AppLocale): string {
  const p = ymdOf(day);
  return p ? dm(p, locale) : DASH;
}

/** "нояб. 2026" / "Nov 2026". */
export function formatMonth(day: string | null | undefined, locale: AppLocale): string {
  const p = ymdOf(day);
  return p ? `${MONTHS[locale].alone[p.m]} ${p.y}` : DASH;
}
