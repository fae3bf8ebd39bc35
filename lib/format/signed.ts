import type { AppLocale } from '@/i18n/config';
import { DASH, formatFixed, formatNumber, formatPercent, isNumber, MINUS } from './number';

// Signed changes (▲/▼ figures, trend tooltips, notifications): apart from
// ./number.ts so the ranking page's browser code, which shows none, does not
// carry them (docs/benchmarks.md, first-load JavaScript).

/** A signed percent change: "+12,3 %", "−4,0 %", "0,0 %". */
export function formatChangePct(value: number | null | undefined, locale: AppLocale): string {
  if (!isNumber(value)) return DASH;
  const body = formatPercent(Math.abs(value), locale);
  const rounded = Math.round(Math.abs(value) * 10);
  if (rounded === 0) return body;
  return `${value > 0 ? '+' : MINUS}${body}`;
}

/** A signed number: "+1 234", "−12". */
export function formatSigned(value: number | null | undefined, locale: AppLocale, digits = 1): string {
  if (!isNumber(value)) return DASH;
  const body = formatNumber(Math.abs(value), locale, digits);
  if (body === formatNumber(0, locale, digits)) return body;
  return `${value > 0 ? '+' : MINUS}${body}`;
}

/** A signed number with fixed fraction digits, for a table column: "+1,20", "−0,05", "0,00". */
export function formatSignedFixed(value: number | null | undefined, locale: AppLocale, digits: number): string {
  if (!isNumber(value)) return DASH;
  const body = formatFixed(Math.abs(value), locale, digits);
  if (body === formatFixed(0, locale, digits)) return body;
  return `${value > 0 ? '+' : MINUS}${body}`;
}

/** A signed change in percentage points: "+1,2 п. п." / "+1.2 pp". */
export function formatPointsChange(value: number | null | undefined, locale: AppLocale): string {
  if (!isNumber(value)) return DASH;
  return `${formatSigned(value, locale, 1)}\u00a0${locale === 'ru' ? 'п.\u00a0п.' : 'pp'}`;
}
