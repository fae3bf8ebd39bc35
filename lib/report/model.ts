import type { Explanation, RankingResponse, RankingRow } from '../api/schemas';
import type { MethodDefinition } from '../ranking/method';

// What the meeting report shows, computed once from a ranking: pure, no I/O.

type ExplanationItem = Explanation['lifts'][number];

export interface MainReason {
  /** 'lifts' for a branch at or above the median rank, 'holdsBack' below it. */
  kind: 'lifts' | 'holdsBack';
  item: ExplanationItem;
}

export interface ReportModel {
  ranking: RankingResponse;
  /** Ranked rows in rank order. */
  ranked: RankingRow[];
  unranked: RankingRow[];
  /** Up to three, in rank order. */
  top: RankingRow[];
  up: RankingRow[];
  down: RankingRow[];
  flagged: RankingRow[];
  /** Rows with detail, for the key numbers table (ranked first, then not ranked). */
  withDetail: RankingRow[];
  method: MethodDefinition | null;
}

/**
 * The one-line reason of a row. Above the median rank it names the strongest
 * lift; below it, what holds the branch back most — the strongest component of
 * a branch ranked 68th does not explain its place.
 */
export function mainReason(row: RankingRow, rankedCount: number): MainReason | null {
  const e = row.detail?.explanation;
  if (!e || row.rank === null) return null;
  const belowMedian = row.rank > Math.ceil(rankedCount / 2);
  if (belowMedian && e.holdsBack[0]) return { kind: 'holdsBack', item: e.holdsBack[0] };
  if (!belowMedian && e.lifts[0]) return { kind: 'lifts', item: e.lifts[0] };
  return e.headline ? { kind: belowMedian ? 'holdsBack' : 'lifts', item: e.headline } : null;
}

export function buildReportModel(ranking: RankingResponse, method: MethodDefinition | null): ReportModel {
  const ranked = ranking.rows.filter((r) => r.eligible && r.rank !== null);
  const unranked = ranking.rows.filter((r) => !r.eligible);
  const movers = ranked.filter((r) => r.change !== null && r.change !== 0);
  return {
    ranking,
    ranked,
    unranked,
    top: ranked.slice(0, 3),
    up: movers
      .filter((r) => r.change! > 0)
      .sort((a, b) => b.change! - a.change! || a.rank! - b.rank!)
      .slice(0, 5),
    down: movers
      .filter((r) => r.change! < 0)
      .sort((a, b) => a.change! - b.change! || a.rank! - b.rank!)
      .slice(0, 5),
    flagged: ranking.rows.filter((r) => (r.detail?.flags.length ?? 0) > 0),
    withDetail: ranking.rows.filter((r) => r.detail),
    method,
  };
}
