import type { DB } from '../../db/client';
import { canSeeBranchDetail, detailScope, type Viewer } from '../auth/viewer';
import type { RankingsQuery } from '../api/schemas';
import { METRIC_TOTAL, MIN_REFERENCE_BRANCHES, per100k, periodTotal } from '../compare/normalize';
import { REGIONS } from '../demo/regions';
import { quartiles, SCORE_TIERS, type DistrictView, type MapMetric } from '../districts/schema';
import { FEDERAL_DISTRICTS } from '../networks';
import { buckets } from '../ranking/period';
import { bucketSeries, chartDays, chartReadFrom } from '../ranking/series';
import { median, round } from '../ranking/stats';
import { listBranches } from './branches';
import { listRankings } from './rankings';
import { listRollupRows, toDayTotals } from './rollup-rows';

// The districts page (docs/ui.md, "Districts"; access in docs/access.md):
// scores and ranks are public inside Podium and shown for every branch; a
// figure per 100k residents is detail, so a coordinator gets it for their own
// branch only, and a district's figure only when it is over at least three
// measured branches.

const r2 = (v: number | null) => (v === null ? null : round(v, 2));

export async function getDistrictView(
  db: DB,
  viewer: Viewer,
  input: Pick<RankingsQuery, 'period' | 'date' | 'from' | 'to' | 'network'> & { metric: MapMetric },
): Promise<DistrictView> {
  const ranking = await listRankings(db, viewer, {
    period: input.period,
    date: input.date,
    from: input.from,
    to: input.to,
    network: input.network,
  });
  const { from, to } = ranking.period;
  const branches = await listBranches(db, viewer);
  const row = new Map(ranking.rows.map((r) => [r.branch.id, r]));
  // Raw figures of every branch (the tiers' breaks and the district totals are aggregates over all of them).
  const raw = new Map<number, number | null>();
  if (input.metric !== 'score') {
    const starts = buckets(from, to, 'month');
    const rows = await listRollupRows(db, { from: chartReadFrom(from), to, scope: input.network, branchIds: null });
    const byBranch = new Map<number, ReturnType<typeof toDayTotals>[]>();
    for (const r of rows) {
      let list = byBranch.get(r.branch_id);
      if (!list) byBranch.set(r.branch_id, (list = []));
      list.push(toDayTotals(r));
    }
    for (const b of branches) {
      const days = chartDays(byBranch.get(b.id) ?? [], from, to);
      raw.set(b.id, periodTotal(bucketSeries(days, starts, 'month', input.metric).total, METRIC_TOTAL[input.metric]));
    }
  }
  const valueOf = (b: (typeof branches)[number]) =>
    input.metric === 'score' ? (row.get(b.id)?.score ?? null) : per100k(raw.get(b.id) ?? null, b.population);
  const all = new Map(branches.map((b) => [b.id, valueOf(b)]));
  const scoped = detailScope(viewer) !== null;
  const visible = (id: number) => input.metric === 'score' || canSeeBranchDetail(viewer, id);
  const byRegion = new Map(branches.map((b) => [b.regionCode, b]));
  const regions = REGIONS.map((r) => {
    const b = byRegion.get(r.code);
    return {
      code: r.code,
      district: b?.federalDistrict ?? r.district,
      name: r.name,
      nameEn: r.nameEn,
      branch: b ? { slug: b.slug, name: b.name, nameEn: b.nameEn } : null,
      rank: b ? (row.get(b.id)?.rank ?? null) : null,
      value: b && visible(b.id) ? r2(all.get(b.id) ?? null) : null,
      hidden: b ? !visible(b.id) : false,
    };
  });
  const districts = FEDERAL_DISTRICTS.map((d) => {
    const members = branches.filter((b) => b.federalDistrict === d);
    const measured = members.filter((b) => all.get(b.id) !== null && all.get(b.id) !== undefined);
    let value: number | null;
    if (input.metric === 'score') value = median(members.map((b) => row.get(b.id)?.score ?? null));
    else {
      const withPop = measured.filter((b) => b.population !== null && b.population > 0);
      const residents = withPop.reduce((a, b) => a + (b.population ?? 0), 0);
      value = withPop.length
        ? per100k(
            withPop.reduce((a, b) => a + (raw.get(b.id) ?? 0), 0),
            residents,
          )
        : null;
      // A coordinator never gets a district figure that is one or two other branches' own.
      if (scoped && withPop.length < MIN_REFERENCE_BRANCHES) value = null;
    }
    const ranked = [...members].sort(
      (a, b) => (row.get(a.id)?.rank ?? Infinity) - (row.get(b.id)?.rank ?? Infinity) || a.name.localeCompare(b.name, 'ru'),
    );
    let place = 0;
    return {
      district: d,
      branchCount: members.length,
      value: r2(value),
      branches: ranked.map((b) => {
        const rr = row.get(b.id);
        const rank = rr?.rank ?? null;
        return {
          slug: b.slug,
          name: b.name,
          nameEn: b.nameEn,
          rank,
          districtRank: rank === null ? null : ++place,
          score: rr?.score ?? null,
          value: visible(b.id) ? r2(all.get(b.id) ?? null) : null,
          hidden: !visible(b.id),
        };
      }),
    };
  }).sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  const thresholds = input.metric === 'score' ? SCORE_TIERS : quartiles([...all.values()]);
  return {
    period: ranking.period,
    network: input.network,
    metric: input.metric,
    thresholds: thresholds ? (thresholds.map((x) => round(x, 2)) as [number, number, number]) : null,
    regions,
    districts,
  };
}
