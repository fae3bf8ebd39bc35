import type { AppLocale } from '../../i18n/config';
import { DASH, formatFixed, isNumber } from './number';

// One format per table column (docs/ui.md, "Language and formats"): a column of
// counts is written in full in every row (never "20 тыс." next to "2 301"), a
// column of decimals has the same number of fraction digits in every row
// (never "5" next to "5,6"). Compact numbers belong to chart ticks and KPI
// cards only (lib/format/axis.ts, components/ui/num.tsx; their shared unit:
// ./compact-along.ts, re-exported here).

export { compactFormatter } from './compact-along';

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
