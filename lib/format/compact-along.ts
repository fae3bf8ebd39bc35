import type { AppLocale } from '../../i18n/config';
import { UNITS } from './units';
import { DASH, formatFixed, isNumber } from './number';

// Apart from ./column.ts (which re-exports it) so the figure component carries
// only this in the browser (docs/benchmarks.md, first-load JavaScript).

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
