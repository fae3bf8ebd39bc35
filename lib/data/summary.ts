import type { DB } from '../../db/client';
import type { Viewer } from '../auth/viewer';
import type { BranchSummary, Kpi, SummaryQuery } from '../api/schemas';
import type { BranchMetrics } from '../ranking/components';
import { previousPeriod } from '../ranking/period';
import { percentChange, round } from '../ranking/stats';
import { getBranchBySlug } from './branches';
import { getSnapshot, listSnapshotRows } from './ranking-snapshot';
import { methodRef } from './methods';
import { resolveRanking } from './rankings';

function kpis(cur: BranchMetrics | null, prev: BranchMetrics | null): Kpi[] {
  const pick: [Kpi['metric'], (m: BranchMetrics) => number | null][] = [
    ['followers', (m) => m.followersEnd],
    ['follower_growth', (m) => m.growthPct],
    ['views', (m) => m.views],
    ['interactions', (m) => m.interactions],
    ['engagement_rate', (m) => m.engagementRate],
    ['posts', (m) => m.posts],
    ['visits', (m) => m.visits],
  ];
  // podium-v2 metrics carry the second engagement variant, real posts per week and visits from social.
  if ((cur ?? prev)?.engagementByFollowers !== undefined) {
    pick.push(
      ['engagement_by_followers', (m) => m.engagementByFollowers ?? null],
      ['posts_per_week', (m) => m.postsPerWeek],
      ['social_visits', (m) => m.siteFromSocial ?? null],
    );
  }
  return pick.map(([metric, f]) => {
    const value = cur ? f(cur) : null;
    const previous = prev ? f(prev) : null;
    const pct = percentChange(value, previous);
    return {
      metric,
      value: value === null ? null : round(value, 4),
      previous: previous === null ? null : round(previous, 4),
      changePct: pct === null ? null : round(pct, 2),
      changeAbs: value === null || previous === null ? null : round(value - previous, 4),
    };
  });
}

/** GET /api/branches/:slug/summary: KPIs with change, rank, explanation; undefined when not visible. */
export async function getBranchSummary(
  db: DB,
  viewer: Viewer,
  slug: string,
  input: SummaryQuery,
  opts: { today?: string } = {},
): Promise<BranchSummary | undefined> {
  const branch = await getBranchBySlug(db, viewer, slug);
  if (!branch) return undefined;
  const { method, period, snapshot } = await resolveRanking(db, input, opts);
  const prev = previousPeriod(period);
  const prevSnap = await getSnapshot(db, method, prev, input.network, opts);
  const [row] = await listSnapshotRows(db, viewer, snapshot.id, { branchId: branch.id });
  const [prevRow] = await listSnapshotRows(db, viewer, prevSnap.id, { branchId: branch.id });
  const tz = method.definition.timeZone;
  const dto = (p: typeof period) => ({ kind: p.kind, from: p.from, to: p.to, days: p.days, label: p.label, timeZone: tz });
  return {
    branch: {
      id: branch.id,
      slug: branch.slug,
      name: branch.name,
      nameEn: branch.nameEn,
      federalDistrict: branch.federalDistrict,
      regionCode: branch.regionCode,
      population: branch.population,
    },
    period: dto(period),
    previousPeriod: dto(prev),
    network: input.network,
    method: methodRef(method.definition),
    kpis: kpis(row?.metrics ?? null, prevRow?.metrics ?? null),
    rank: {
      eligible: row?.eligible ?? false,
      rank: row?.rank ?? null,
      previousRank: row?.previousRank ?? null,
      change: row?.change ?? null,
      score: row?.score ?? null,
      of: snapshot.result.counts.eligible,
    },
    detail: row?.detail ?? {
      components: [],
      flags: [],
      coverage: 0,
      eligibility: { eligible: false, reasons: [{ code: 'no_accounts', required: 1, actual: 0 }] },
      explanation: null,
      pathToTop: null,
    },
    freshness: {
      lastDataDay: snapshot.result.lastDataDay,
      computedAt: new Date(snapshot.computedAt).toISOString(),
      asOf: snapshot.asOf,
    },
  };
}

export interface RankHistoryPoint {
  label: string;
  from: string;
  to: string;
  eligible: boolean;
  rank: number | null;
  score: number | null;
  /** Ranked branches in that period. */
  of: number;
}

/**
 * Rank of one branch over the last `count` calendar periods ending with the one
 * containing `date` (default: the latest complete one), oldest first; undefined
 * when the branch is not visible. Each period is a materialized ranking, so the
 * first call may compute a few.
 */
export async function listRankHistory(
  db: DB,
  viewer: Viewer,
  slug: string,
  input: {
    period: 'week' | 'month' | 'quarter' | 'year';
    date?: string;
    count?: number;
    network?: SummaryQuery['network'];
    method?: string;
  },
  opts: { today?: string } = {},
): Promise<RankHistoryPoint[] | undefined> {
  const branch = await getBranchBySlug(db, viewer, slug);
  if (!branch) return undefined;
  const network = input.network ?? 'all';
  const first = await resolveRanking(db, { period: input.period, date: input.date, network, method: input.method }, opts);
  const periods = [first.period];
  const count = Math.min(Math.max(input.count ?? 12, 1), 60);
  while (periods.length < count) periods.unshift(previousPeriod(periods[0]));
  const out: RankHistoryPoint[] = [];
  for (const p of periods) {
    const snap = await getSnapshot(db, first.method, p, network, opts);
    const [row] = await listSnapshotRows(db, viewer, snap.id, { branchId: branch.id });
    out.push({
      label: p.label,
      from: p.from,
      to: p.to,
      eligible: row?.eligible ?? false,
      rank: row?.rank ?? null,
      score: row?.score ?? null,
      of: snap.result.counts.eligible,
    });
  }
  return out;
}
