import type { CompareResponse, SeriesMetric, SeriesResponse } from '@/lib/api/schemas';
import type { Network } from '@/lib/networks';
import { percentChange } from './change';

export interface TrendRow {
  bucket: string;
  /** The bucket of the previous period drawn at this position. */
  previousBucket: string | null;
  value: number | null;
  previous: number | null;
  change: number | null;
  /** Per network values, keyed by network. */
  networks: Partial<Record<Network, number | null>>;
}

/**
 * Rows for the trend chart: the current points with the previous period laid
 * over them index by index (bucket i of the previous period under bucket i of
 * this one), and the per-network breakdown. Missing positions stay null.
 */
export function alignPrevious(
  points: readonly { bucket: string; value: number | null }[],
  previous: readonly { bucket: string; value: number | null }[],
): { bucket: string; previousBucket: string | null; value: number | null; previous: number | null; change: number | null }[] {
  return points.map((p, i) => {
    const prev = previous[i];
    const value = finite(p.value);
    const pv = prev ? finite(prev.value) : null;
    return { bucket: p.bucket, previousBucket: prev?.bucket ?? null, value, previous: pv, change: percentChange(value, pv) };
  });
}

export function trendRows(series: SeriesResponse): TrendRow[] {
  const s = series.metric === 'followers' ? carryStock(series) : series;
  return alignPrevious(s.points, s.previous.points).map((row, i) => {
    const networks: Partial<Record<Network, number | null>> = {};
    for (const n of s.byNetwork) networks[n.network] = finite(n.values[i]);
    return { ...row, networks };
  });
}

/**
 * A stock (followers) summed over networks drops whenever one network misses
 * a day. Carry each network's last known value forward (never backward, never
 * past the last bucket with any data) and rebuild the total from the networks,
 * so a missing reading does not look like lost followers. Buckets before any
 * network has data stay null.
 */
export function carryStock(series: SeriesResponse): SeriesResponse {
  if (series.byNetwork.length === 0) return series;
  const n = series.points.length;
  // Up to the last bucket where any network has data: trailing empty buckets stay empty.
  let lastKnown = -1;
  for (const net of series.byNetwork) for (let i = 0; i < n; i++) if (finite(net.values[i]) !== null) lastKnown = Math.max(lastKnown, i);
  const byNetwork = series.byNetwork.map((net) => {
    const values = net.values.map((v) => finite(v));
    let carry: number | null = null;
    const filled = values.map((v, i) => {
      if (v !== null) carry = v;
      return v ?? (i <= lastKnown ? carry : null);
    });
    return { network: net.network, values: filled };
  });
  const points = series.points.map((p, i) => {
    const parts = byNetwork.map((b) => b.values[i] ?? null);
    const known = parts.filter((v): v is number => v !== null);
    // Keep the API's total when it is at least as complete (it may include accounts without a network split).
    const rebuilt = known.length ? known.reduce((a, b) => a + b, 0) : null;
    const original = finite(p.value);
    return { bucket: p.bucket, value: original !== null && rebuilt !== null ? Math.max(original, rebuilt) : (rebuilt ?? original) };
  });
  return { ...series, byNetwork, points };
}

/** How a period's buckets combine into one figure: flows add up, stocks take the last value, rates average. */
export const METRIC_AGGREGATION: Record<SeriesMetric, 'sum' | 'last' | 'mean'> = {
  views: 'sum',
  interactions: 'sum',
  likes: 'sum',
  comments: 'sum',
  shares: 'sum',
  posts: 'sum',
  visits: 'sum',
  followers: 'last',
  engagement_rate: 'mean',
  social_visits: 'sum',
};

function aggregate(values: readonly (number | null)[], mode: 'sum' | 'last' | 'mean'): number | null {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return null;
  if (mode === 'last') return xs[xs.length - 1]!;
  const sum = xs.reduce((a, b) => a + b, 0);
  return mode === 'sum' ? sum : sum / xs.length;
}

/** The current and previous figures of rows shown side by side, and their change. */
export function periodTotals(rows: readonly { value: number | null; previous: number | null }[], mode: 'sum' | 'last' | 'mean') {
  const current = aggregate(
    rows.map((r) => r.value),
    mode,
  );
  const previous = aggregate(
    rows.map((r) => r.previous),
    mode,
  );
  return { current, previous, change: percentChange(current, previous) };
}

/**
 * The trend panel's figures: this period from its rows, the previous period
 * from all of its points — a previous period longer than this one (31 March
 * under a 30-day April) still counts whole, as it does in the KPI cards.
 */
export function trendTotals(
  rows: readonly { value: number | null }[],
  previous: readonly { value: number | null }[],
  mode: 'sum' | 'last' | 'mean',
) {
  const current = aggregate(
    rows.map((r) => finite(r.value)),
    mode,
  );
  const prev = aggregate(
    previous.map((p) => finite(p.value)),
    mode,
  );
  return { current, previous: prev, change: percentChange(current, prev) };
}

export interface CompareRow {
  bucket: string;
  [slug: string]: number | null | string;
}

/** One row per bucket with one column per branch slug. */
export function compareRows(res: CompareResponse): CompareRow[] {
  return res.buckets.map((bucket, i) => {
    const row: CompareRow = { bucket };
    for (const s of res.series) row[s.branch.slug] = finite(s.values[i]);
    return row;
  });
}

/** Values of a sparkline with nulls kept (gaps), plus its min and max. */
export function sparkline(values: readonly (number | null | undefined)[]): {
  values: (number | null)[];
  min: number | null;
  max: number | null;
} {
  const vs = values.map((v) => finite(v));
  const known = vs.filter((v): v is number => v !== null);
  return { values: vs, min: known.length ? Math.min(...known) : null, max: known.length ? Math.max(...known) : null };
}

/** Rank history rows for a step chart; null where the branch was not ranked. */
export function rankSteps(history: readonly { period: string; rank: number | null }[]): { period: string; rank: number | null }[] {
  return history.map((h) => ({ period: h.period, rank: typeof h.rank === 'number' && h.rank > 0 ? h.rank : null }));
}

function finite(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
