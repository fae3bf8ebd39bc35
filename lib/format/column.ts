import type { AppLocale } from '../../i18n/config';
import { UNITS } from './units';
import { DASH, formatFixed, isNumber } from './number';

// One format per table column (docs/ui.md, "Language and formats"): a column of
// counts is written in full in every row (never "20 тыс." next to "2 301"), a
// column of decimals has the same number of fraction digits in every row
// (never "5" next to "5,6"). Compact numbers belong to chart ticks and KPI
// cards only (lib/format/axis.ts, components/ui/num.tsx).

/**
 * Fraction digits for a whole column, from its largest magnitude: below 10 two
 * digits, below 100 one, otherwise none — so small per-100k or per-follower
 * figures keep their meaning and every row of the column agrees.
 */
export function columnDigits(values: readonly (number | null | undefined)[], most = 2): number {
  const top = Math.max(0, ...values.filter(isNumber).map(Math.abs));
  const digits = top < 10 ? 2 : top < 100 ? 1 : 0;
  return Math.min(digits, most);
}

/** A formatter for every cell of one column: fixed `digits` (or the column's own, from `values`). */
export function columnFormatter(
  values: readonly (number | null | undefined)[],
  locale: AppLocale,
  digits: number = columnDigits(values),
): (v: number | null | undefined) => string {
  return (v) => (isNumber(v) ? formatFixed(v, locale, digits) : DASH);
}

/** A count in a table: in full, no fraction ("20 000", "2 301"). */
export function formatCount(value: number | null | undefined, locale: AppLocale): string {
  return isNumber(value) ? formatFixed(Math.round(value), locale, 0) : DASH;
}

/**
 * Compact figures shown side by side (this period beside the previous one) in one unit,
 * chosen by the largest, as on a chart axis (lib/format/axis.ts): "20 тыс." beside
 * "9,8 тыс.", never beside "9 800".
 */
export function compactFormatter(
  values: readonly (number | null | undefined)[],
  locale: AppLocale,
): (v: number | null | undefined) => string {
  const top = Math.max(0, ...values.filter(isNumber).map(Math.abs));
  const u = UNITS[locale];
  const [div, word] = top >= 1e6 ? [1e6, u.million] : top >= 1e4 ? [1e3, u.thousand] : [1, ''];
  const digits = div === 1 ? (top < 100 ? 1 : 0) : top / div < 100 ? 1 : 0;
  return (v) => (isNumber(v) ? (word ? `${formatFixed(v / div, locale, digits)}${u.sep}${word}` : formatFixed(v, locale, digits)) : DASH);
}
