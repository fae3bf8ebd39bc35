import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { type Viewer } from '../auth/viewer';
import type { BranchRef, RankingDetail } from '../api/schemas';
import type { FederalDistrict } from '../networks';
import type { BranchInput, BranchMetrics } from '../ranking/components';
import { computeRanking, computeRanks, type EngineRobustness } from '../ranking/engine';
import { rankUncertainty, type DataSensitivity } from '../ranking/uncertainty';
import { type ComponentId, type MethodDefinition, rulesOf } from '../ranking/method';
import { EDGE_POST_AGE_DAYS, loadBoundaryCorrections, loadBoundaryCorrectionsOf } from './v2-boundary';
import { addDays, minDay, previousPeriod, todayIn, type Period } from '../ranking/period';
import { countExpectedAccounts, detailVisible, listBranches } from './branches';
import { getLastDataDay, listRollupRows, toDayTotals, type Scope } from './rollup-rows';
import { SNAPSHOT_LOCK } from '../rollups/index';
import { listBreaks } from './breaks';
import { type StoredMethod } from './methods';

// A ranking snapshot (docs/methodology.md, "Snapshots"): the engine run once for a method,
// period and network scope from the rollups, stored with its rows, and read back.

/** Days before a period that a podium-v1 result reads: the growth baseline and a week of flag history. */
const LOOKBACK_DAYS = 8;

/** Days before a period a method's result reads (podium-v2 also carries followers in from its look-back). */
export function lookbackDays(m: MethodDefinition): number {
  return Math.max(LOOKBACK_DAYS, (m.followersLookbackDays ?? 0) + 1);
}

/** Data counts up to the period end, today, or the last day with data, whichever is earliest. */
export function asOfFor(p: Period, today: string, lastDataDay: string | null): string {
  if (!lastDataDay) return addDays(p.from, -1);
  return minDay(p.to, minDay(today, lastDataDay));
}

export interface SnapshotResult {
  medians: Record<ComponentId, number | null>;
  /** Weight sensitivity (the engine's) and data sensitivity (the bootstrap's; null when nothing is ranked). */
  robustness: EngineRobustness & { data: DataSensitivity | null };
  counts: { branches: number; eligible: number };
  lastDataDay: string | null;
}

export interface Snapshot {
  id: number;
  asOf: string;
  computedAt: Date;
  result: SnapshotResult;
}

/** Builds the engine input for [from − lookback, to] from the rollups. */
export async function loadRankingInput(
  db: DB,
  p: { from: string; to: string },
  scope: Scope,
  lookback: number = LOOKBACK_DAYS,
): Promise<BranchInput[]> {
  const [branches, expected, rows] = await Promise.all([
    listBranches(db, { userId: 'system', email: '', name: '', role: 'admin', branchId: null }),
    countExpectedAccounts(db, scope),
    listRollupRows(db, { from: addDays(p.from, -lookback), to: p.to, scope, branchIds: null }),
  ]);
  const byBranch = new Map<number, BranchInput>();
  for (const b of branches) {
    byBranch.set(b.id, {
      id: b.id,
      slug: b.slug,
      name: b.name,
      population: b.population,
      expectedAccounts: expected.get(b.id) ?? 0,
      days: [],
    });
  }
  for (const r of rows) byBranch.get(r.branch_id)?.days.push(toDayTotals(r));
  return [...byBranch.values()];
}

/** The engine input of one window under a method (what getSnapshot computes from; tests and tools use it). */
export async function loadMethodInput(
  db: DB,
  method: MethodDefinition,
  w: { from: string; to: string; asOf: string },
  scope: Scope,
): Promise<BranchInput[]> {
  const branches = await loadRankingInput(db, w, scope, lookbackDays(method));
  if (rulesOf(method) !== 'podium-v2') return branches;
  const end = minDay(w.to, w.asOf);
  const edges = end >= w.from ? await loadBoundaryCorrections(db, { from: w.from, to: end }, scope) : new Map();
  return branches.map((b) => ({ ...b, edges: edges.get(b.id) ?? {} }));
}

/**
 * The materialized ranking of a period, computing and storing it when it is
 * missing or its as-of day moved (a running period). refreshRollups drops
 * snapshots whose inputs changed.
 */
export async function getSnapshot(
  db: DB,
  method: StoredMethod,
  period: Period,
  scope: Scope,
  opts: { today?: string; keepCustom?: number } = {},
): Promise<Snapshot> {
  const today = opts.today ?? todayIn(method.definition.timeZone);
  const lastDataDay = await getLastDataDay(db);
  const asOf = asOfFor(period, today, lastDataDay);
  const find = (h: DB) =>
    h
      .selectFrom('ranking_snapshot')
      .select(['id', sql<string>`as_of::text`.as('as_of'), 'computed_at', 'result'])
      .where('method_id', '=', method.id)
      .where('scope', '=', scope)
      .where('period_from', '=', period.from)
      .where('period_to', '=', period.to)
      .executeTakeFirst();
  const toSnap = (r: { id: number; as_of: string; computed_at: Date; result: unknown }): Snapshot => ({
    id: r.id,
    asOf: r.as_of,
    computedAt: r.computed_at,
    result: r.result as SnapshotResult,
  });
  const existing = await find(db);
  if (existing && existing.as_of === asOf) return toSnap(existing);

  return db.transaction().execute(async (trx) => {
    // Rollups must not change under a build without the build being dropped (see refreshRollups).
    await sql`select pg_advisory_xact_lock_shared(${SNAPSHOT_LOCK})`.execute(trx);
    // One builder per snapshot key; others wait and then read its result.
    await sql`select pg_advisory_xact_lock(hashtext(${`ranking:${method.id}:${scope}:${period.from}:${period.to}`}))`.execute(trx);
    const again = await find(trx);
    if (again && again.as_of === asOf) return toSnap(again);
    if (again) await trx.deleteFrom('ranking_snapshot').where('id', '=', again.id).execute();

    const prev = previousPeriod(period);
    const prevAsOf = asOfFor(prev, today, lastDataDay);
    const lookback = lookbackDays(method.definition);
    const all = await loadRankingInput(trx, { from: prev.from, to: period.to }, scope, lookback);
    const v2 = rulesOf(method.definition) === 'podium-v2';
    // podium-v2 takes out what snapshot gaps across each window's edges put inside it (lib/data/v2-boundary.ts);
    // both windows in one statement, so the edge they share is looked up once.
    const windows = [
      { from: prev.from, to: minDay(prev.to, prevAsOf) },
      { from: period.from, to: minDay(period.to, asOf) },
    ];
    const withData = v2 ? windows.filter((w) => w.to >= w.from) : [];
    const corrections = await loadBoundaryCorrectionsOf(trx, withData, scope);
    const slice = (p: Period, w: { from: string; to: string }): BranchInput[] => {
      const i = withData.indexOf(w);
      const edges = i >= 0 ? corrections[i] : null;
      return all.map((b) => ({
        ...b,
        days: b.days.filter((d) => d.day >= addDays(p.from, -lookback) && d.day <= p.to),
        ...(edges ? { edges: edges.get(b.id) ?? {} } : {}),
      }));
    };
    // Platform breaks matter only to a method that leaves them out of growth (docs/methodology.md "Platform breaks").
    const breaks = method.definition.excludeBreaks ? await listBreaks(trx) : undefined;
    // Of the previous period only its ranks are used (the rank change): no detail, path or robustness.
    const prevRanks = computeRanks(
      { from: prev.from, to: prev.to, asOf: prevAsOf, branches: slice(prev, windows[0]), breaks },
      method.definition,
    );
    const input = { from: period.from, to: period.to, asOf, branches: slice(period, windows[1]), breaks };
    const res = computeRanking(input, method.definition, prevRanks);
    const uncertainty = rankUncertainty(input, method.definition, res);
    const ranges = new Map(uncertainty?.intervals.map((x) => [x.branchId, x]) ?? []);

    const result: SnapshotResult = {
      medians: res.medians,
      robustness: { ...res.robustness, data: uncertainty?.data ?? null },
      counts: { branches: res.rows.length, eligible: res.eligibleCount },
      lastDataDay,
    };
    const header = await trx
      .insertInto('ranking_snapshot')
      .values({
        method_id: method.id,
        scope,
        period_kind: period.kind,
        period_from: period.from,
        period_to: period.to,
        as_of: asOf,
        // podium-v2 also reads snapshots of posts published up to EDGE_POST_AGE_DAYS before an edge;
        // a change to a post's snapshots always marks its publication day (lib/rollups), so reaching
        // back that far makes such a change drop this ranking.
        inputs_from: addDays(prev.from, -(v2 ? Math.max(lookback, EDGE_POST_AGE_DAYS + 1) : lookback)),
        inputs_to: period.to,
        result: JSON.stringify(result),
      })
      .returning(['id', 'computed_at'])
      .executeTakeFirstOrThrow();
    if (res.rows.length) {
      await trx
        .insertInto('ranking_snapshot_row')
        .values(
          res.rows.map((r) => ({
            snapshot_id: header.id,
            branch_id: r.branchId,
            eligible: r.eligible,
            rank: r.rank,
            score: r.score,
            previous_rank: r.previousRank,
            change: r.change,
            rank_low: ranges.get(r.branchId)?.low ?? null,
            rank_high: ranges.get(r.branchId)?.high ?? null,
            metrics: JSON.stringify(r.metrics),
            detail: JSON.stringify(r.detail),
          })),
        )
        .execute();
    }
    if (period.kind === 'custom') await pruneCustomSnapshots(trx, opts.keepCustom ?? CUSTOM_SNAPSHOTS_KEPT);
    return { id: header.id, asOf, computedAt: header.computed_at, result };
  });
}

/** Custom ranges materialized and kept; older ones are computed again when asked for. */
export const CUSTOM_SNAPSHOTS_KEPT = 200;

/**
 * Every custom range anyone asks for is materialized; without a bound the
 * table would grow with each new pair of dates. The newest `keep` stay; older
 * ones go unless computed in the last 10 minutes (a request may be reading them).
 */
async function pruneCustomSnapshots(db: DB, keep: number): Promise<void> {
  await sql`
    delete from ranking_snapshot
    where id in (
      select id from ranking_snapshot where period_kind = 'custom'
      order by computed_at desc, id desc offset ${keep}
      -- Rows another transaction is deleting (a refresh dropping stale rankings) are left to it.
      for update skip locked
    ) and computed_at < now() - interval '10 minutes'
  `.execute(db);
}

export interface SnapshotRow {
  branch: BranchRef;
  eligible: boolean;
  rank: number | null;
  score: number | null;
  previousRank: number | null;
  change: number | null;
  /** 90 % rank range from the bootstrap; null when not ranked or not visible to the viewer. */
  rankRange: { low: number; high: number } | null;
  metrics: BranchMetrics | null;
  detail: RankingDetail | null;
}

/** Rows of a snapshot; detail, metrics and change only for branches the viewer may see in full. */
export async function listSnapshotRows(
  db: DB,
  viewer: Viewer,
  snapshotId: number,
  filter: { district?: FederalDistrict; branchId?: number } = {},
): Promise<SnapshotRow[]> {
  const visible = detailVisible(viewer, 'r.branch_id');
  let q = db
    .selectFrom('ranking_snapshot_row as r')
    .innerJoin('branch as b', 'b.id', 'r.branch_id')
    .select([
      'b.id',
      'b.slug',
      'b.name',
      'b.name_en',
      'b.federal_district',
      'r.eligible',
      'r.rank',
      'r.score',
      sql<number | null>`case when ${visible} then r.previous_rank end`.as('previous_rank'),
      sql<number | null>`case when ${visible} then r.change end`.as('change'),
      sql<number | null>`case when ${visible} then r.rank_low end`.as('rank_low'),
      sql<number | null>`case when ${visible} then r.rank_high end`.as('rank_high'),
      sql<BranchMetrics | null>`case when ${visible} then r.metrics end`.as('metrics'),
      sql<RankingDetail | null>`case when ${visible} then r.detail end`.as('detail'),
    ])
    .where('r.snapshot_id', '=', snapshotId)
    .where('b.archived_at', 'is', null);
  if (filter.district) q = q.where('b.federal_district', '=', filter.district);
  if (filter.branchId !== undefined) q = q.where('r.branch_id', '=', filter.branchId);
  const rows = await q.orderBy(sql`r.eligible desc, r.rank asc nulls last, b.name asc`).execute();
  return rows.map((r) => ({
    branch: { id: r.id, slug: r.slug, name: r.name, nameEn: r.name_en, federalDistrict: r.federal_district },
    eligible: r.eligible,
    rank: r.rank,
    score: r.score,
    previousRank: r.previous_rank,
    change: r.change,
    rankRange: r.rank_low !== null && r.rank_high !== null ? { low: r.rank_low, high: r.rank_high } : null,
    metrics: r.metrics,
    detail: r.detail,
  }));
}
