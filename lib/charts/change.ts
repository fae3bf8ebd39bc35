// Percent change that never yields NaN or Infinity.

/**
 * (current − previous) / previous × 100. Null when either side is missing or
 * not finite, or when previous is 0 and current is not (growth from nothing
 * has no percentage); 0 → 0 is 0 %.
 */
export function percentChange(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (typeof current !== 'number' || typeof previous !== 'number') return null;
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (previous === 0) return current === 0 ? 0 : null;
  return ((current - previous) / Math.abs(previous)) * 100;
}

export type Direction = 'up' | 'down' | 'flat' | 'none';

/** The direction of a change, with a dead band so "+0.0 %" reads as flat. */
export function direction(change: number | null | undefined, epsilon = 0.05): Direction {
  if (typeof change !== 'number' || !Number.isFinite(change)) return 'none';
  if (change > epsilon) return 'up';
  if (change < -epsilon) return 'down';
  return 'flat';
}

/** Sum of the known values; null when none is known. */
export function sumKnown(values: readonly (number | null | undefined)[]): number | null {
  let s: number | null = null;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) s = (s ?? 0) + v;
  return s;
}
