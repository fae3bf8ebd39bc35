import type { RankingDetail } from '@/lib/api/schemas';

// Apart from lib/charts/series.ts so the ranking table does not bring the charts' shaping into the browser.
export interface Segment {
  id: string;
  /** Points of the score. */
  points: number;
  /** Share of the bar width, 0–1 of the full 100-point scale. */
  width: number;
}

/** Segments of the thin stacked bar: each component's contribution to the 0–100 score. */
export function contributionSegments(components: RankingDetail['components']): Segment[] {
  return components
    .filter((c) => typeof c.contribution === 'number' && Number.isFinite(c.contribution) && c.contribution > 0)
    .map((c) => ({ id: c.id, points: c.contribution!, width: Math.min(1, c.contribution! / 100) }));
}
