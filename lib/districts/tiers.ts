// The districts page's measures and colour tiers (docs/ui.md, "Districts"). Pure and
// zod-free, so the map's client components can use them.

/** What the map colours and the league sorts by: the score, or a figure per 100k residents. */
export const MAP_METRICS = ['score', 'views', 'followers', 'interactions', 'posts'] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

/** The colour tier 0–3 of a value under three breaks; null for no value. */
export function tierOf(value: number | null, thresholds: readonly [number, number, number] | null): number | null {
  if (value === null || thresholds === null || !Number.isFinite(value)) return null;
  return value < thresholds[0] ? 0 : value < thresholds[1] ? 1 : value < thresholds[2] ? 2 : 3;
}

/** Quartile breaks (25th, 50th, 75th percentile, linear interpolation) of the measured values; null under 4 values. */
export function quartiles(values: readonly (number | null)[]): [number, number, number] | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length < 4) return null;
  const q = (p: number) => {
    const pos = (v.length - 1) * p;
    const lo = Math.floor(pos);
    return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (pos - lo);
  };
  return [q(0.25), q(0.5), q(0.75)];
}

export const SCORE_TIERS: [number, number, number] = [25, 50, 75];
