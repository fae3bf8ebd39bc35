import type { AppLocale } from '@/i18n/config';

// Number formatting per locale. Every function returns a string that is safe to
// put on screen: a value that is null, NaN or infinite becomes an em dash.

export const DASH = '—';

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: AppLocale, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', opts);
    cache.set(key, f);
  }
  return f;
}

/** U+2212, the typographic minus: Intl writes a hyphen-minus for negative numbers. */
export const MINUS = '\u2212';

function minus(text: string): string {
  return text.replace(/-/g, MINUS);
}

export function isNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** "1 234,5" (ru) / "1,234.5" (en); `digits` = maximum fraction digits (default 1). */
export function formatNumber(value: number | null | undefined, locale: AppLocale, digits = 1): string {
  if (!isNumber(value)) return DASH;
  return minus(nf(locale, { maximumFractionDigits: digits }).format(normZero(value)));
}

/** Fixed fraction digits ("72,40"). */
export function formatFixed(value: number | null | undefined, locale: AppLocale, digits: number): string {
  if (!isNumber(value)) return DASH;
  return minus(nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(normZero(value)));
}

/** "12,3 тыс." / "12.3K"; small numbers stay exact. */
export function formatCompact(value: number | null | undefined, locale: AppLocale): string {
  if (!isNumber(value)) return DASH;
  if (Math.abs(value) < 10_000) return formatNumber(value, locale, Math.abs(value) < 100 ? 1 : 0);
  return minus(nf(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value));
}

/** A percentage given in percent units (12.34 → "12,3 %" / "12.3%"), one decimal. */
export function formatPercent(value: number | null | undefined, locale: AppLocale, digits = 1): string {
  if (!isNumber(value)) return DASH;
  return minus(
    nf(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(normZero(value) / 100),
  );
}

/** A share 0–1 as a percentage ("87 %"), no decimals unless asked. */
export function formatShare(value: number | null | undefined, locale: AppLocale, digits = 0): string {
  if (!isNumber(value)) return DASH;
  return formatPercent(value * 100, locale, digits);
}

/** A ratio such as "2,1×" / "2.1×". */
export function formatRatio(value: number | null | undefined, locale: AppLocale): string {
  if (!isNumber(value)) return DASH;
  return `${formatNumber(value, locale, value >= 10 ? 0 : 1)}×`;
}

// -0 would print as "-0".
function normZero(v: number): number {
  return Object.is(v, -0) ? 0 : v;
}
