import type { DB } from '../../db/client';
import type { Viewer } from '../auth/viewer';
import { badRequest } from '../api/errors';
import {
  MAX_RANGE_DAYS,
  type CompareQuery,
  type CompareResponse,
  type SeriesMetric,
  type SeriesQuery,
  type SeriesResponse,
} from '../api/schemas';
import { DEFAULT_METHOD } from '../ranking/method';
import {
  addDays,
  addMonths,
  bucketEnd,
  bucketStart,
  buckets,
  comparisonBuckets,
  daysInclusive,
  todayIn,
  type Granularity,
} from '../ranking/period';
import { bucketSeries, chartDays, chartReadFrom } from '../ranking/series';
import { round } from '../ranking/stats';
import { getBranchBySlug, getBranchesBySlugs, type BranchRecord } from './branches';
import { getLastDataDay, listRollupRows, toDayTotals, type Scope } from './rollup-rows';

/**
 * The requested window widened to whole buckets; without from/to, a window
 * ending at the latest data. `days` is the window before widening: the days
 * the figures are about.
 */
export async function resolveWindow(
  db: DB,
  input: { from?: string; to?: string; granularity: Granularity },
): Promise<{ from: string; to: string; starts: string[]; days: { from: string; to: string } }> {
  const g = input.granularity;
  let to = input.to;
  if (!to) to = (await getLastDataDay(db)) ?? todayIn(DEFAULT_METHOD.timeZone);
  let from = input.from;
  if (!from)
    from = bucketStart(g === 'day' ? addDays(to, -89) : g === 'week' ? addDays(to, -7 * 25) : addMonths(bucketStart(to, 'month'), -11), g);
  if (from > to) from = to;
  const days = { from, to };
  from = bucketStart(from, g);
  to = bucketEnd(to, g);
  // With only one end given the other is a default, so the range is checked here too.
  if (daysInclusive(from, to) > MAX_RANGE_DAYS + 62)
    throw badRequest(`Invalid parameter "from": the range is longer than ${MAX_RANGE_DAYS} days`);
  return { from, to, starts: buckets(from, to, g), days };
}

const roundAll = (v: (number | null)[]) => v.map((x) => (x === null ? null : round(x, 4)));

async function seriesFor(
  db: DB,
  branches: BranchRecord[],
  scope: Scope,
  from: string,
  to: string,
  starts: string[],
  g: Granularity,
  metric: SeriesQuery['metric'],
) {
  const rows = await listRollupRows(db, { from: chartReadFrom(from), to, scope, branchIds: branches.map((b) => b.id) });
  return branches.map((b) =>
    bucketSeries(chartDays(rows.filter((r) => r.branch_id === b.id).map(toDayTotals), from, to), starts, g, metric),
  );
}

const ref = (b: BranchRecord) => ({ id: b.id, slug: b.slug, name: b.name, nameEn: b.nameEn, federalDistrict: b.federalDistrict });

/**
 * GET /api/branches/:slug/series: one metric of one branch, plus the period it
 * is compared with — the same previous period as the KPI cards (see
 * comparisonBuckets) — aligned bucket by bucket; undefined when not visible.
 * Each side counts only its own days, so a bucket that reaches outside its
 * period (a week across a quarter's start) holds only the days inside it and
 * the figures add up to the KPI cards' totals.
 */
export async function getBranchSeries(db: DB, viewer: Viewer, slug: string, input: SeriesQuery): Promise<SeriesResponse | undefined> {
  const branch = await getBranchBySlug(db, viewer, slug);
  if (!branch) return undefined;
  const g = input.granularity;
  const { days } = await resolveWindow(db, input);
  const { current, previous } = comparisonBuckets(days.from, days.to, g);
  // One read covers both windows (and the followers look-back before each); each side is then cut
  // to its own days, with podium-v2's measures and followers carried in (lib/ranking/series.ts).
  const all = (
    await listRollupRows(db, { from: chartReadFrom(previous.from), to: current.to, scope: input.network, branchIds: [branch.id] })
  ).map(toDayTotals);
  const within = (w: { from: string; to: string }) => chartDays(all, w.from, w.to);
  const cur = bucketSeries(within(current), current.starts, g, input.metric);
  const prev = bucketSeries(within(previous), previous.starts, g, input.metric);
  const curTotal = roundAll(cur.total);
  const prevTotal = roundAll(prev.total);
  const channels =
    input.metric === 'social_visits' ? await siteChannels(db, branch.id, current.from, current.to, input.network) : undefined;
  return {
    branch: ref(branch),
    metric: input.metric,
    granularity: g,
    network: input.network,
    from: current.from,
    to: current.to,
    points: current.starts.map((bucket, i) => ({ bucket, value: curTotal[i] })),
    previous: { from: previous.from, to: previous.to, points: previous.starts.map((bucket, i) => ({ bucket, value: prevTotal[i] })) },
    byNetwork: cur.byNetwork.map((s) => ({ network: s.network, values: roundAll(s.values) })),
    ...(channels ? { channels } : {}),
  };
}

/** Website visits from social networks and messengers by Metrica's network/messenger id, largest first. */
async function siteChannels(db: DB, branchId: number, from: string, to: string, scope: SeriesQuery['network']) {
  if (scope !== 'all' && scope !== 'website') return [];
  const rows = await db
    .selectFrom('site_source_day')
    .select(['source', 'channel', (eb) => eb.fn.sum<string>('visits').as('visits')])
    .where('branch_id', '=', branchId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['source', 'channel'])
    .orderBy('visits', 'desc')
    .orderBy('channel')
    .execute();
  return rows.map((r) => ({ source: r.source, channel: r.channel, visits: Number(r.visits) }));
}

export interface BranchTable {
  branch: ReturnType<typeof ref>;
  granularity: Granularity;
  network: Scope;
  from: string;
  to: string;
  buckets: string[];
  /** Per metric, one value per bucket. */
  values: Record<SeriesMetric, (number | null)[]>;
}

/** Every metric of one branch on the same buckets, from one read of its rollups; undefined when not visible. */
export async function getBranchTable(
  db: DB,
  viewer: Viewer,
  slug: string,
  input: { from?: string; to?: string; granularity: Granularity; network: Scope },
  metrics: readonly SeriesMetric[],
): Promise<BranchTable | undefined> {
  const branch = await getBranchBySlug(db, viewer, slug);
  if (!branch) return undefined;
  const g = input.granularity;
  const { from, to, starts } = await resolveWindow(db, input);
  const days = chartDays(
    (await listRollupRows(db, { from: chartReadFrom(from), to, scope: input.network, branchIds: [branch.id] })).map(toDayTotals),
    from,
    to,
  );
  const values = Object.fromEntries(metrics.map((m) => [m, roundAll(bucketSeries(days, starts, g, m).total)])) as BranchTable['values'];
  return { branch: ref(branch), granularity: g, network: input.network, from, to, buckets: starts, values };
}

/** GET /api/compare: one metric of 2–6 branches on shared buckets; undefined when any is not visible. */
export async function getComparison(db: DB, viewer: Viewer, input: CompareQuery): Promise<CompareResponse | undefined> {
  const branches = await getBranchesBySlugs(db, viewer, input.branches);
  if (!branches) return undefined;
  const g = input.granularity;
  const { from, to, starts } = await resolveWindow(db, input);
  const series = await seriesFor(db, branches, input.network, from, to, starts, g, input.metric);
  return {
    metric: input.metric,
    granularity: g,
    network: input.network,
    from,
    to,
    buckets: starts,
    series: branches.map((b, i) => ({ branch: ref(b), values: roundAll(series[i].total) })),
  };
}
