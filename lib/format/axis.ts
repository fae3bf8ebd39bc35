import type { AppLocale } from '../../i18n/config';
import { formatFixed, formatNumber, formatPercent } from './number';
import { UNITS } from './units';

// Value axes with round steps and one unit for all their ticks (docs/ui.md, "Charts"):
// steps are 1, 2 or 5 × 10^n, and an axis that reaches ten thousand shows every tick in
// thousands (or millions), so "8 000" never stands next to "16 тыс.".

/** The smallest step of the form 1, 2 or 5 × 10^n that is at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw * (1 - 1e-9)) return m * pow;
  return 10 * pow;
}

/**
 * Ticks from 0 (or below, for negative data) to at least `max`, about `target` of them,
 * with a round step; `integer` keeps steps whole (counts).
 */
export function niceTicks(min: number, max: number, target = 5, integer = false): number[] {
  const lo = Math.min(0, Number.isFinite(min) ? min : 0);
  const hi = Math.max(0, Number.isFinite(max) ? max : 0);
  if (hi === lo) return [0, integer ? 1 : 1];
  let step = niceStep((hi - lo) / Math.max(1, target - 1));
  if (integer) step = Math.max(1, Math.round(step));
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = first; v < hi + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** A formatter for the ticks of one axis: one unit and one number of decimals for all of them ("0,5", "1,0", "1,5"). */
export function axisFormatter(ticks: number[], locale: AppLocale, kind: 'count' | 'percent' = 'count'): (v: number) => string {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  const top = Math.max(...ticks.map(Math.abs), 0);
  if (kind === 'percent') {
    const digits = Math.max(0, Math.min(2, -Math.floor(Math.log10(step))));
    return (v) => formatPercent(v, locale, digits);
  }
  const [div, word] = top >= 1e6 ? [1e6, UNITS[locale].million] : top >= 1e4 ? [1e3, UNITS[locale].thousand] : [1, ''];
  const digits = Math.max(0, -Math.floor(Math.log10(step / div) + 1e-9));
  return (v) => {
    if (v === 0) return formatNumber(0, locale, 0);
    const n = formatFixed(v / div, locale, digits);
    return word ? `${n}${UNITS[locale].sep}${word}` : n;
  };
}
