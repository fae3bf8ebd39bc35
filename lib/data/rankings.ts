import type { DB } from '../../db/client';
import { generationOf, registerReadStatement } from '../../db/change-feed';
import { poolOf, preparedRows } from '../../db/prepared';
import { detailScope, type Viewer } from '../auth/viewer';
import type { BranchRef, PeriodDto, RankingFigures, RankingResponse, RankingRow, RankingsQuery } from '../api/schemas';
import type { FederalDistrict } from '../networks';
import type { BranchMetrics } from '../ranking/components';
import { COMPONENT_IDS, type ComponentId, DEFAULT_METHOD } from '../ranking/method';
import { previousPeriod, resolvePeriod, todayIn, type Period, type PeriodRequest } from '../ranking/period';
import { listBranches } from './branches';
import { defaultPeriod, nearestRankedPeriod, daysWithData } from './rankable';
import { getFirstDataDay, getLastDataDay, type Scope } from './rollup-rows';
import { round } from '../ranking/stats';
import { getMethod, parsedDefinition, UnknownMethodError, methodRef, type StoredMethod } from './methods';
import { asOfFor, getSnapshot, listSnapshotRows, type Snapshot, type SnapshotResult } from './ranking-snapshot';

// GET /api/rankings: a snapshot turned into the response a viewer may see, cached per
// snapshot and detail scope (docs/methodology.md; docs/access.md).

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
      ? await defaultPeriod(
          input.period,
          today,
          async (p) => (await getSnapshot(db, method, p, input.network, { today })).result.counts.eligible,
        )
      : resolvePeriod(input, today);
  const snapshot = await getSnapshot(db, method, period, input.network, { today });
  return { method, period, previous: previousPeriod(period), snapshot };
}

function periodDto(p: Period, timeZone: string): PeriodDto {
  return { kind: p.kind, from: p.from, to: p.to, days: p.days, label: p.label, timeZone };
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
  opts: { today?: string; /** false: always ask PostgreSQL (the benchmark's side-by-side series). */ memo?: boolean } = {},
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

/** The hot path's one round trip ($1 version or null for the method in effect, $2 key, $3 scope, $4–$5 period). */
const RANKING_LOOKUP = `
    with m as (
      select id, definition from ranking_method
      where case when $1::int is null
        then id = coalesce((select method_id from ranking_method_choice),
                           (select id from ranking_method where key = $2 order by version desc limit 1))
        else key = $2 and version = $1::int end
      limit 1
    )
    select m.id as method_id, m.definition, (select max(day)::text from rollup_branch_day) as last_day,
      s.id, s.as_of::text as as_of, s.computed_at, s.result
    from m left join ranking_snapshot s
      on s.method_id = m.id and s.scope = $3 and s.period_from = $4 and s.period_to = $5`;

const LOOKUP_NAME = 'podium-ranking-lookup';
registerReadStatement(LOOKUP_NAME);

// What the lookup found, per request shape, while nothing it reads has changed:
// valid at the pool's change generation it was read at (db/change-feed.ts), and
// for MEMO_MAX_AGE_MS at most, so that a listening connection that went deaf
// without closing cannot keep an answer for long (docs/operations.md).
interface MemoEntry {
  gen: number;
  at: number;
  resolved: ResolvedRanking;
}
const memos = new WeakMap<DB, Map<string, MemoEntry>>();
const MEMO_MAX = 500;
const MEMO_MAX_AGE_MS = 5_000;

/**
 * The hot path: method, last data day and an up-to-date snapshot in one round
 * trip, or none while nothing the lookup reads has changed. Null when anything
 * needs the full path (no snapshot yet, a stale one, a method in another time zone).
 */
async function findFreshSnapshot(
  db: DB,
  input: PeriodRequest & { network: Scope; method?: string },
  opts: { today?: string; memo?: boolean },
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
  // The generation is read before the lookup: a change while it runs makes its answer unusable.
  const gen = opts.memo === false ? null : generationOf(poolOf(db));
  let memo = memos.get(db);
  const memoKey = `${today}|${key}|${version ?? ''}|${input.network}|${input.period}|${input.date ? 'date' : ''}|${period.from}|${period.to}`;
  if (gen !== null) {
    const hit = memo?.get(memoKey);
    if (hit && hit.gen === gen && Date.now() - hit.at < MEMO_MAX_AGE_MS) return hit.resolved;
  }
  const resolved = await lookupFreshSnapshot(db, input, period, today, key, version);
  if (gen !== null && resolved) {
    if (!memo) memos.set(db, (memo = new Map()));
    if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value as string);
    memo.set(memoKey, { gen, at: Date.now(), resolved });
  }
  return resolved;
}

async function lookupFreshSnapshot(
  db: DB,
  input: PeriodRequest & { network: Scope; method?: string },
  period: Period,
  today: string,
  key: string,
  version: number | null,
): Promise<ResolvedRanking | null> {
  const rows = await preparedRows<{
    method_id: number;
    definition: unknown;
    last_day: string | null;
    id: number | null;
    as_of: string | null;
    computed_at: Date | null;
    result: unknown;
  }>(db, LOOKUP_NAME, RANKING_LOOKUP, [version, key, input.network, period.from, period.to]);
  const row = rows[0];
  if (!row || row.id === null || row.as_of === null || row.computed_at === null) return null;
  const definition = parsedDefinition(row.method_id, row.definition);
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
  const [rows, branches] = await Promise.all([listSnapshotRows(db, viewer, snapshot.id, { district }), listBranches(db, viewer)]);
  const refs = new Map<number, BranchRef>(
    branches.map((b) => [b.id, { id: b.id, slug: b.slug, name: b.name, nameEn: b.nameEn, federalDistrict: b.federalDistrict }]),
  );
  const ref = (id: number): BranchRef =>
    refs.get(id) ?? { id, slug: `branch-${id}`, name: `#${id}`, nameEn: `#${id}`, federalDistrict: 'central' };
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
  const alternative = await nearestRankedPeriod(
    period,
    { firstDataDay, today },
    async (p) => (await getSnapshot(db, method, p, scope, { today })).result.counts.eligible,
  );
  return {
    firstDataDay,
    daysWithData: daysWithData(period, firstDataDay, lastDataDay),
    minCoverage: method.definition.eligibility.minCoverage,
    alternative: alternative && periodDto(alternative, tz),
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

const serialized = new WeakMap<RankingResponse, Uint8Array<ArrayBuffer>>();
const utf8 = new TextEncoder();

/**
 * The UTF-8 JSON of a ranking response, encoded once per cached response. Handing the
 * socket a string made Node encode its ≈150 kB (Cyrillic names make it a two-byte string)
 * on every request, a large part of a warm ranking's cost (docs/benchmarks.md).
 */
export function rankingJson(r: RankingResponse): Uint8Array<ArrayBuffer> {
  let s = serialized.get(r);
  if (s === undefined) {
    s = utf8.encode(JSON.stringify(r));
    serialized.set(r, s);
  }
  return s;
}
