import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { detailScope, type Viewer } from '../auth/viewer';
import type {
  BranchRef,
  PeriodDto,
  RankingDetail,
  RankingFigures,
  RankingResponse,
  RankingRow,
  RankingsQuery,
} from '../api/schemas';
import type { FederalDistrict } from '../networks';
import type { BranchInput, BranchMetrics } from '../ranking/components';
import { computeRanking, computeRanks, type EngineRobustness } from '../ranking/engine';
import { rankUncertainty, type DataSensitivity } from '../ranking/uncertainty';
import { COMPONENT_IDS, type ComponentId, type MethodDefinition, methodComponents, methodLabel, parseMethod, rulesOf, DEFAULT_METHOD } from '../ranking/method';
import { EDGE_POST_AGE_DAYS, loadBoundaryCorrections, loadBoundaryCorrectionsOf } from './v2-boundary';
import { addDays, minDay, periodContaining, previousPeriod, resolvePeriod, todayIn, type Period, type PeriodRequest } from '../ranking/period';
import { countExpectedAccounts, detailVisible, listBranches } from './branches';
import { defaultPeriod, nearestRankedPeriod, daysWithData } from './rankable';
import { getFirstDataDay, getLastDataDay, listRollupRows, toDayTotals, type Scope } from './rollup-rows';
import { SNAPSHOT_LOCK } from '../rollups/index';
import { listBreaks } from './breaks';
import { round } from '../ranking/stats';

/** Days before a period that a podium-v1 result reads: the growth baseline and a week of flag history. */
const LOOKBACK_DAYS = 8;

/** Days before a period a method's result reads (podium-v2 also carries followers in from its look-back). */
export function lookbackDays(m: MethodDefinition): number {
  return Math.max(LOOKBACK_DAYS, (m.followersLookbackDays ?? 0) + 1);
}

export interface StoredMethod {
  id: number;
  definition: MethodDefinition;
}

/** A published method version by label ("podium-v1"), or the method in effect (chosen by an admin). */
export async function getMethod(db: DB, label?: string): Promise<StoredMethod | undefined> {
  let q = db.selectFrom('ranking_method').select(['id', 'key', 'version', 'definition']);
  if (label) {
    const m = label.match(/^(.+)-v(\d+)$/);
    if (!m) return undefined;
    q = q.where('key', '=', m[1]).where('version', '=', Number(m[2]));
  } else {
    const chosen = await db.selectFrom('ranking_method_choice').select('method_id').executeTakeFirst();
    q = chosen
      ? q.where('id', '=', chosen.method_id)
      : q.where('key', '=', DEFAULT_METHOD.key).orderBy('version', 'desc').limit(1);
  }
  const row = await q.executeTakeFirst();
  if (!row) return label ? undefined : ensureDefaultMethod(db);
  // Published versions never change, so a parsed definition can be kept by id.
  let definition = parsedMethods.get(row.id);
  if (!definition) {
    definition = parseMethod(row.definition);
    parsedMethods.set(row.id, definition);
  }
  return { id: row.id, definition };
}

const parsedMethods = new Map<number, MethodDefinition>();

/** The method in effect (or a named version) with its publication date, for the methodology page. */
export async function getMethodWithDate(db: DB, label?: string): Promise<StoredMethod & { publishedAt: Date | null }> {
  const m = (await getMethod(db, label)) ?? (await ensureDefaultMethod(db));
  const row = await db.selectFrom('ranking_method').select('published_at').where('id', '=', m.id).executeTakeFirst();
  return { ...m, publishedAt: row?.published_at ?? null };
}

/** Stores the built-in default method if no version of it exists yet (the migration normally did). */
export async function ensureDefaultMethod(db: DB): Promise<StoredMethod> {
  await insertMethod(db, DEFAULT_METHOD, 'Default method (docs/methodology.md)');
  const row = await db
    .selectFrom('ranking_method')
    .select(['id', 'definition'])
    .where('key', '=', DEFAULT_METHOD.key)
    .where('version', '=', DEFAULT_METHOD.version)
    .executeTakeFirstOrThrow();
  return { id: row.id, definition: parseMethod(row.definition) };
}

/** Publishes a method version; an existing (key, version) is never overwritten. */
export async function insertMethod(db: DB, def: MethodDefinition, notes: string | null = null, by: string | null = null): Promise<void> {
  const valid = parseMethod(def);
  await db
    .insertInto('ranking_method')
    .values({ key: valid.key, version: valid.version, definition: JSON.stringify(valid), notes, published_by: by })
    .onConflict((oc) => oc.columns(['key', 'version']).doNothing())
    .execute();
}

/** Data counts up to the period end, today, or the last day with data, whichever is earliest. */
export function asOfFor(p: Period, today: string, lastDataDay: string | null): string {
  if (!lastDataDay) return addDays(p.from, -1);
  return minDay(p.to, minDay(today, lastDataDay));
}

function periodDto(p: Period, timeZone: string): PeriodDto {
  return { kind: p.kind, from: p.from, to: p.to, days: p.days, label: p.label, timeZone };
}

interface SnapshotResult {
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
    byBranch.set(b.id, { id: b.id, slug: b.slug, name: b.name, population: b.population, expectedAccounts: expected.get(b.id) ?? 0, days: [] });
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
    const windows = [{ from: prev.from, to: minDay(prev.to, prevAsOf) }, { from: period.from, to: minDay(period.to, asOf) }];
    const withData = v2 ? windows.filter((w) => w.to >= w.from) : [];
    const corrections = await loadBoundaryCorrectionsOf(trx, withData, scope);
    const slice = (p: Period, w: { from: string; to: string }): BranchInput[] => {
      const i = withData.indexOf(w);
      const edges = i >= 0 ? corrections[i] : null;
      return all.map((b) => ({ ...b, days: b.days.filter((d) => d.day >= addDays(p.from, -lookback) && d.day <= p.to), ...(edges ? { edges: edges.get(b.id) ?? {} } : {}) }));
    };
    // Platform breaks matter only to a method that leaves them out of growth (docs/methodology.md "Platform breaks").
    const breaks = method.definition.excludeBreaks ? await listBreaks(trx) : undefined;
    // Of the previous period only its ranks are used (the rank change): no detail, path or robustness.
    const prevRanks = computeRanks({ from: prev.from, to: prev.to, asOf: prevAsOf, branches: slice(prev, windows[0]), breaks }, method.definition);
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

export class UnknownMethodError extends Error {}

export interface ResolvedRanking {
  method: StoredMethod;
  period: Period;
  previous: Period;
  snapshot: Snapshot;
}

/** Resolves method and period of a request and makes sure its snapshot exists. */
export async function resolveRanking(
  db: DB,
  input: PeriodRequest & { network: Scope; method?: string },
  opts: { today?: string } = {},
): Promise<ResolvedRanking> {
  const method = await getMethod(db, input.method);
  if (!method) throw new UnknownMethodError(`unknown method version: ${input.method}`);
  const today = opts.today ?? todayIn(method.definition.timeZone);
  // Without a date, a kind opens the latest period anyone is ranked in (see defaultPeriod).
  const period =
    input.period !== 'custom' && !input.date
      ? await defaultPeriod(input.period, today, async (p) => (await getSnapshot(db, method, p, input.network, { today })).result.counts.eligible)
      : resolvePeriod(input, today);
  const snapshot = await getSnapshot(db, method, period, input.network, { today });
  return { method, period, previous: previousPeriod(period), snapshot };
}

// Snapshot rows never change once written (a change of inputs deletes the
// snapshot, and ids are never reused), so a response built from one can be
// reused while that snapshot exists. Keyed by the viewer's detail scope.
const responseCache = new Map<string, RankingResponse>();
const RESPONSE_CACHE_MAX = 200;

/** GET /api/rankings: the ranking of a period, scoped to what the viewer may see. */
export async function listRankings(
  db: DB,
  viewer: Viewer,
  input: RankingsQuery,
  opts: { today?: string } = {},
): Promise<RankingResponse> {
  const { method, period, previous, snapshot } = (await findFreshSnapshot(db, input, opts)) ?? (await resolveRanking(db, input, opts));
  const district = input.district ? input.district : undefined;
  const scopeKey = detailScope(viewer)?.join(',') ?? '*';
  const key = `${snapshot.id}|${snapshot.asOf}|${scopeKey}|${district ?? ''}|${input.network}`;
  if (db !== cachedDb) {
    cachedDb = db;
    responseCache.clear();
  }
  const hit = responseCache.get(key);
  if (hit) return hit;
  const response = await buildRankingResponse(db, viewer, input, { method, period, previous, snapshot }, district, opts.today);
  if (responseCache.size >= RESPONSE_CACHE_MAX) responseCache.delete(responseCache.keys().next().value as string);
  responseCache.set(key, response);
  return response;
}

/**
 * The hot path: method, last data day and an up-to-date snapshot in one round
 * trip. Null when anything needs the full path (no snapshot yet, a stale one,
 * a method in another time zone).
 */
async function findFreshSnapshot(
  db: DB,
  input: PeriodRequest & { network: Scope; method?: string },
  opts: { today?: string },
): Promise<ResolvedRanking | null> {
  const today = opts.today ?? todayIn(DEFAULT_METHOD.timeZone);
  const period = resolvePeriod(input, today);
  let key = DEFAULT_METHOD.key;
  let version: number | null = null;
  if (input.method) {
    const m = input.method.match(/^(.+)-v(\d+)$/);
    if (!m) return null;
    key = m[1];
    version = Number(m[2]);
  }
  const r = await sql<{
    method_id: number;
    definition: unknown;
    last_day: string | null;
    id: number | null;
    as_of: string | null;
    computed_at: Date | null;
    result: unknown;
  }>`
    with m as (
      select id, definition from ranking_method
      where case when ${version}::int is null
        then id = coalesce((select method_id from ranking_method_choice),
                           (select id from ranking_method where key = ${key} order by version desc limit 1))
        else key = ${key} and version = ${version}::int end
      limit 1
    )
    select m.id as method_id, m.definition, (select max(day)::text from rollup_branch_day) as last_day,
      s.id, s.as_of::text as as_of, s.computed_at, s.result
    from m left join ranking_snapshot s
      on s.method_id = m.id and s.scope = ${input.network} and s.period_from = ${period.from} and s.period_to = ${period.to}
  `.execute(db);
  const row = r.rows[0];
  if (!row || row.id === null || row.as_of === null || row.computed_at === null) return null;
  let definition = parsedMethods.get(row.method_id);
  if (!definition) {
    definition = parseMethod(row.definition);
    parsedMethods.set(row.method_id, definition);
  }
  if (definition.timeZone !== DEFAULT_METHOD.timeZone) return null;
  if (row.as_of !== asOfFor(period, today, row.last_day)) return null;
  // A default period nobody is ranked in may give way to the running one: the full path decides.
  if (!input.date && input.period !== 'custom' && (row.result as SnapshotResult).counts.eligible === 0) return null;
  return {
    method: { id: row.method_id, definition },
    period,
    previous: previousPeriod(period),
    snapshot: { id: row.id, asOf: row.as_of, computedAt: row.computed_at, result: row.result as SnapshotResult },
  };
}

// The cache belongs to one database handle (tests use several).
let cachedDb: DB | null = null;

async function buildRankingResponse(
  db: DB,
  viewer: Viewer,
  input: RankingsQuery,
  { method, period, previous, snapshot }: ResolvedRanking,
  district: FederalDistrict | undefined,
  today?: string,
): Promise<RankingResponse> {
  const [rows, branches] = await Promise.all([
    listSnapshotRows(db, viewer, snapshot.id, { district }),
    listBranches(db, viewer),
  ]);
  const refs = new Map<number, BranchRef>(
    branches.map((b) => [b.id, { id: b.id, slug: b.slug, name: b.name, nameEn: b.nameEn, federalDistrict: b.federalDistrict }]),
  );
  const ref = (id: number): BranchRef => refs.get(id) ?? { id, slug: `branch-${id}`, name: `#${id}`, nameEn: `#${id}`, federalDistrict: 'central' };
  const rb = snapshot.result.robustness;
  const tz = method.definition.timeZone;
  const outRows: RankingRow[] = rows.map((r) => ({
    branch: r.branch,
    eligible: r.eligible,
    rank: r.rank,
    score: r.score,
    previousRank: r.previousRank,
    change: r.change,
    rankRange: r.rankRange,
    detail: r.detail,
    figures: figuresOf(r.metrics),
  }));
  const medians = {} as Record<ComponentId, number | null>;
  for (const c of COMPONENT_IDS) medians[c] = snapshot.result.medians[c] ?? null;
  const unranked = snapshot.result.counts.eligible === 0 ? await whyUnranked(db, method, period, input.network, today) : undefined;
  return {
    period: periodDto(period, tz),
    previousPeriod: periodDto(previous, tz),
    network: input.network,
    district: district ?? null,
    method: methodRef(method.definition),
    rows: outRows,
    robustness: {
      status: rb.status,
      weightDelta: rb.weightDelta,
      topThree: rb.topThree.map(ref),
      challengers: rb.challengers.map((c) => ({ ...ref(c.id), scenarios: c.scenarios })),
      scenarios: rb.scenarios.map((s) => ({ component: s.component, factor: s.factor, topThree: s.topThree.map((id) => ref(id).slug) })),
      data: rb.data ? { ...rb.data, clear: rb.data.clear.map(ref), withinNoise: rb.data.withinNoise.map(ref) } : null,
    },
    medians,
    counts: snapshot.result.counts,
    freshness: {
      lastDataDay: snapshot.result.lastDataDay,
      computedAt: new Date(snapshot.computedAt).toISOString(),
      asOf: snapshot.asOf,
    },
    ...(unranked && { unranked }),
  };
}

/** Why nobody is ranked in a period (how much of it has data, the coverage rule) and the nearest period where someone is. */
async function whyUnranked(
  db: DB,
  method: StoredMethod,
  period: Period,
  scope: Scope,
  todayOverride?: string,
): Promise<NonNullable<RankingResponse['unranked']>> {
  const tz = method.definition.timeZone;
  const today = todayOverride ?? todayIn(tz);
  const [firstDataDay, lastDataDay] = await Promise.all([getFirstDataDay(db), getLastDataDay(db)]);
  const alternative = await nearestRankedPeriod(period, { firstDataDay, today }, async (p) => (await getSnapshot(db, method, p, scope, { today })).result.counts.eligible);
  return {
    firstDataDay,
    daysWithData: daysWithData(period, firstDataDay, lastDataDay),
    minCoverage: method.definition.eligibility.minCoverage,
    alternative: alternative && periodDto(alternative, tz),
  };
}

/** How a response names its method (and the engagement variant the score uses). */
export function methodRef(m: MethodDefinition): RankingResponse['method'] {
  return {
    key: m.key,
    version: m.version,
    label: methodLabel(m),
    engagement: m.engagement ?? 'by_views',
    components: methodComponents(m),
    activityCap: m.caps.postsPerWeek,
  };
}

/** The figures of a row (null when the viewer may not see its metrics). */
export function figuresOf(m: BranchMetrics | null): RankingFigures | null {
  if (!m) return null;
  const r4 = (x: number | null | undefined) => (x === null || x === undefined ? null : round(x, 4));
  return {
    posts: m.posts,
    postsPerWeek: round(m.postsPerWeek, 2),
    engagementByViews: r4(m.engagementByViews),
    engagementByFollowers: r4(m.engagementByFollowers),
    socialVisits: m.socialVisits ?? null,
    messengerVisits: m.messengerVisits ?? null,
  };
}

const serialized = new WeakMap<RankingResponse, string>();

/** JSON of a ranking response; a cached response is serialized once. */
export function rankingJson(r: RankingResponse): string {
  let s = serialized.get(r);
  if (s === undefined) {
    s = JSON.stringify(r);
    serialized.set(r, s);
  }
  return s;
}

/**
 * Materializes the rankings people open first, so that no common period's first view waits
 * for a computation (docs/operations.md, "Rankings after a refresh"): for the week, month,
 * quarter and year, the running period, the latest complete one and the one before it — what
 * the period buttons open (see defaultPeriod) and one step back from it — under the method
 * in effect, all networks. Run after every rollup refresh that rebuilt anything (a refresh
 * drops the rankings whose inputs changed) and after the seed. Safe to run at any time: a
 * ranking still current costs one lookup. Returns the periods warmed.
 */
export async function warmRankings(db: DB, opts: { today?: string } = {}): Promise<Period[]> {
  const method = await getMethod(db);
  if (!method) return [];
  const today = opts.today ?? todayIn(method.definition.timeZone);
  const warmed: Period[] = [];
  for (const kind of ['week', 'month', 'quarter', 'year'] as const) {
    const running = periodContaining(kind, today);
    const complete = previousPeriod(running);
    for (const p of [complete, running, previousPeriod(complete)]) {
      await getSnapshot(db, method, p, 'all', { today });
      warmed.push(p);
    }
  }
  return warmed;
}

/**
 * After a rollup refresh: warms the common periods again when the refresh rebuilt anything.
 * A failure to warm is reported, never thrown: the rankings are then computed on first view.
 */
export async function warmAfterRefresh(
  db: DB,
  refreshed: { branchDays: number },
  log?: (err: unknown) => void,
): Promise<number> {
  if (refreshed.branchDays === 0) return 0;
  try {
    return (await warmRankings(db)).length;
  } catch (err) {
    log?.(err);
    return 0;
  }
}
