import type { DB } from '../../db/client';
import type { Viewer } from '../auth/viewer';
import type { CompareResponse, CompareViewQuery } from '../api/schemas';
import { appliedBasis, guardedMean, guardedMedian, meanSeries, medianSeries, normalize, type RawSeries } from '../compare/normalize';
import { buckets } from '../ranking/period';
import { bucketSeries, chartDays, chartReadFrom } from '../ranking/series';
import { round } from '../ranking/stats';
import { getBranchesBySlugs, listBranches, type BranchRecord } from './branches';
import { listRankings } from './rankings';
import { listRollupRows, toDayTotals } from './rollup-rows';
import { resolveWindow } from './series';

// GET /api/compare (docs/ui.md, "Compare"). The viewer gets the series of the
// branches they asked for — each of which they may read, or the whole answer is
// undefined (the same 404 as an unknown branch, docs/access.md) — and reference
// lines that are medians or averages over at least three branches: never
// another branch's own series.

const r4 = (v: number | null) => (v === null ? null : round(v, 4));

/** The comparison of 1–6 branches with the national and district medians and the top three's average; undefined when any branch is not visible. */
export async function getCompareView(db: DB, viewer: Viewer, input: CompareViewQuery): Promise<CompareResponse | undefined> {
  const compared = await getBranchesBySlugs(db, viewer, input.branches);
  if (!compared) return undefined;
  const g = input.granularity;
  let window: { from: string; to: string };
  let period: CompareResponse['period'];
  let topThree: number[] = [];
  if (input.period) {
    // The same period (and top three) as the ranking page shows for these filters.
    const ranking = await listRankings(db, viewer, {
      period: input.period,
      date: input.date,
      from: input.from,
      to: input.to,
      network: input.network,
    });
    period = ranking.period;
    window = { from: ranking.period.from, to: ranking.period.to };
    topThree = ranking.rows.filter((r) => r.rank !== null && r.rank <= 3).map((r) => r.branch.id);
  } else {
    window = (await resolveWindow(db, input)).days;
  }
  const starts = buckets(window.from, window.to, g);
  // Every current branch is read for the medians; only aggregates of them leave this function.
  const all = await listBranches(db, viewer);
  const rows = await listRollupRows(db, { from: chartReadFrom(window.from), to: window.to, scope: input.network, branchIds: null });
  const byBranch = new Map<number, ReturnType<typeof toDayTotals>[]>();
  for (const r of rows) {
    let list = byBranch.get(r.branch_id);
    if (!list) byBranch.set(r.branch_id, (list = []));
    list.push(toDayTotals(r));
  }
  const rawOf = (b: BranchRecord): RawSeries => {
    const days = chartDays(byBranch.get(b.id) ?? [], window.from, window.to);
    return {
      values: bucketSeries(days, starts, g, input.metric).total,
      followers: input.basis === 'per_follower' ? bucketSeries(days, starts, g, 'followers').total : [],
      population: b.population,
    };
  };
  const norm = new Map(all.map((b) => [b.id, normalize(rawOf(b), input.metric, input.basis)]));
  const n = starts.length;
  const group = (ids: number[]) => ids.map((id) => norm.get(id)).filter((x) => x !== undefined);
  const reference = (
    kind: 'national_median' | 'district_median' | 'top3_average',
    members: ReturnType<typeof group>,
    district?: BranchRecord['federalDistrict'],
  ) => ({
    kind,
    ...(district ? { district } : {}),
    values: (kind === 'top3_average' ? meanSeries : medianSeries)(
      members.map((m) => m.values),
      n,
    ).map(r4),
    total: r4((kind === 'top3_average' ? guardedMean : guardedMedian)(members.map((m) => m.total))),
  });
  const districts = [...new Set(compared.map((b) => b.federalDistrict))];
  const references = [
    reference('national_median', group(all.map((b) => b.id))),
    ...districts.map((d) => reference('district_median', group(all.filter((b) => b.federalDistrict === d).map((b) => b.id)), d)),
    ...(input.period ? [reference('top3_average', group(topThree))] : []),
  ];
  return {
    metric: input.metric,
    granularity: g,
    network: input.network,
    from: window.from,
    to: window.to,
    buckets: starts,
    basis: appliedBasis(input.metric, input.basis),
    ...(period ? { period } : {}),
    series: compared.map((b) => {
      const v = norm.get(b.id) ?? normalize(rawOf(b), input.metric, input.basis);
      return {
        branch: { id: b.id, slug: b.slug, name: b.name, nameEn: b.nameEn, federalDistrict: b.federalDistrict },
        values: v.values.map(r4),
        total: r4(v.total),
      };
    }),
    references,
  };
}
