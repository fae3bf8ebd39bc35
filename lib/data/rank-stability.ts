import type { DB } from '../../db/client';
import type { Viewer } from '../auth/viewer';
import { methodLabel } from '../ranking/method';
import { previousPeriod, type Period } from '../ranking/period';
import { median, round, spearman } from '../ranking/stats';
import { getSnapshot, listSnapshotRows } from './ranking-snapshot';
import { resolveRanking } from './rankings';
import type { Scope } from './rollup-rows';

/** One month compared with the month before it. */
export interface StabilityPair {
  /** Month labels, e.g. "2026-09" → "2026-10". */
  previous: string;
  current: string;
  /** Branches ranked in both months. */
  branches: number;
  /** Spearman's correlation of the two months' scores over those branches; null with fewer than three. */
  spearman: number | null;
  /** Median of |rank change| over those branches, places; null when there are none. */
  medianShift: number | null;
  /** Largest |rank change|, places. */
  maxShift: number | null;
}

export interface RankStability {
  method: string;
  months: number;
  pairs: StabilityPair[];
}

/**
 * Month-to-month stability of the ranking for the current data: for each of
 * the last `months` calendar months (ending with the latest complete one, as
 * the ranking page opens) and the month before it, the Spearman correlation
 * of the scores of the branches ranked in both. Reads the materialized
 * monthly rankings (building missing ones, as the branch page's rank history
 * does). Only ranks and scores are read — what every signed-in viewer sees of
 * every branch — and only aggregates are returned.
 */
export async function getRankStability(
  db: DB,
  viewer: Viewer,
  opts: { months?: number; network?: Scope; today?: string } = {},
): Promise<RankStability> {
  const network = opts.network ?? 'all';
  const count = Math.min(Math.max(opts.months ?? 12, 2), 36);
  const first = await resolveRanking(db, { period: 'month', network }, { today: opts.today });
  const periods: Period[] = [first.period];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0]));
  const scores: Map<number, { rank: number; score: number }>[] = [];
  for (const p of periods) {
    const snap = await getSnapshot(db, first.method, p, network, { today: opts.today });
    const rows = await listSnapshotRows(db, viewer, snap.id);
    scores.push(
      new Map(rows.filter((r) => r.rank !== null && r.score !== null).map((r) => [r.branch.id, { rank: r.rank!, score: r.score! }])),
    );
  }
  const pairs: StabilityPair[] = [];
  for (let i = 1; i < periods.length; i++) {
    const a = scores[i - 1];
    const b = scores[i];
    const both = [...a.keys()].filter((id) => b.has(id)).sort((x, y) => x - y);
    const shifts = both.map((id) => Math.abs(a.get(id)!.rank - b.get(id)!.rank));
    const rho = spearman(
      both.map((id) => a.get(id)!.score),
      both.map((id) => b.get(id)!.score),
    );
    pairs.push({
      previous: periods[i - 1].label,
      current: periods[i].label,
      branches: both.length,
      spearman: rho === null ? null : round(rho, 3),
      medianShift: median(shifts),
      maxShift: shifts.length ? Math.max(...shifts) : null,
    });
  }
  return { method: methodLabel(first.method.definition), months: count, pairs };
}
