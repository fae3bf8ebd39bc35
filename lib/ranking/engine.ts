import type { ComponentValue, Eligibility, Explanation, Flag, PathToTop, RankingDetail } from './output';
import { branchFlags, branchMetrics, type BranchInput, type BranchMetrics } from './components';
import { branchMetricsV2, v2FlagDays } from './components-v2';
import { growthExcludingBreaks, type BreakDays } from './break-exclusion';
import { COMPONENT_IDS, type ComponentId, type MethodDefinition, methodComponents, methodDefinitionSchema, rulesOf } from './method';
import { minDay } from './period';
import { median, percentileRanks, round } from './stats';

export interface RankingInput {
  from: string;
  to: string;
  /** Data counts up to this day (≤ to for a running period). */
  asOf: string;
  branches: BranchInput[];
  /** Platform breaks; used only when the method sets excludeBreaks. */
  breaks?: readonly BreakDays[];
}

export interface EngineRow {
  branchId: number;
  slug: string;
  name: string;
  eligible: boolean;
  rank: number | null;
  score: number | null;
  previousRank: number | null;
  change: number | null;
  metrics: BranchMetrics;
  detail: RankingDetail;
}

export interface EngineRobustness {
  status: 'stable' | 'contested';
  weightDelta: number;
  topThree: number[];
  challengers: { id: number; scenarios: number }[];
  scenarios: { component: ComponentId; factor: number; topThree: number[] }[];
}

export interface RankingResult {
  rows: EngineRow[];
  medians: Record<ComponentId, number | null>;
  robustness: EngineRobustness;
  eligibleCount: number;
}

const AVERAGE = 50;

export function componentValues(m: BranchMetrics, population: number | null, method: MethodDefinition): Record<ComponentId, number | null> {
  const per100k = (x: number | null) => (x === null || !population ? null : (x * 100_000) / population);
  const v2 = rulesOf(method) === 'podium-v2';
  // The method names its engagement variant; podium-v1 has only "by views".
  const er =
    v2 && method.engagement === 'by_followers' ? (m.engagementByFollowers ?? null) : v2 ? (m.engagementByViews ?? null) : m.engagementRate;
  return {
    views_per_100k: per100k(m.views),
    engagement_rate: er,
    follower_growth: m.growthPct,
    // The cap applies here, inside the score only; the metrics keep the real posts per week.
    activity: m.elapsedDays > 0 ? Math.min(m.postsPerWeek, method.caps.postsPerWeek) : null,
    followers_per_100k: per100k(m.followersEnd),
    visits_per_100k: per100k(m.visits),
    social_visits_per_100k: v2 ? per100k(m.siteFromSocial ?? null) : null,
  };
}

/** Posts a branch needs over `days` days: the monthly minimum pro rata, at least one. */
export function requiredPosts(method: MethodDefinition, days: number): number {
  const perMonth = method.eligibility.minPostsPerMonth;
  if (perMonth <= 0 || days <= 0) return 0;
  return Math.max(1, Math.round((perMonth * days) / 30.4375));
}

function eligibilityOf(
  b: BranchInput,
  m: BranchMetrics,
  values: Record<ComponentId, number | null>,
  method: MethodDefinition,
): Eligibility {
  // Nothing to measure in this scope: the one reason that matters.
  if (b.expectedAccounts === 0 && b.days.length === 0)
    return { eligible: false, reasons: [{ code: 'no_accounts', required: 1, actual: 0 }] };
  const reasons: Eligibility['reasons'] = [];
  if (!b.population) reasons.push({ code: 'no_population', required: null, actual: null });
  const need = requiredPosts(method, m.elapsedDays);
  if (m.posts < need) reasons.push({ code: 'too_few_posts', required: need, actual: m.posts });
  if (m.coverage < method.eligibility.minCoverage)
    reasons.push({ code: 'low_coverage', required: method.eligibility.minCoverage, actual: round(m.coverage, 4) });
  if (!COMPONENT_IDS.some((c) => (method.weights[c] ?? 0) > 0 && values[c] !== null))
    reasons.push({ code: 'no_components', required: null, actual: null });
  return { eligible: reasons.length === 0, reasons };
}

/** Weighted mean of the percentiles a branch has (weights renormalised over them), two decimals. */
function scoreOf(p: Record<ComponentId, number | null>, weights: Partial<Record<ComponentId, number>>): number | null {
  let num = 0;
  let den = 0;
  for (const c of COMPONENT_IDS) {
    const w = weights[c] ?? 0;
    const v = p[c];
    if (w > 0 && v !== null) {
      num += w * v;
      den += w;
    }
  }
  return den > 0 ? round(num / den, 2) : null;
}

function ranksOf(scores: number[]): number[] {
  const sorted = [...scores].sort((a, b) => b - a);
  // Competition rank = 1 + how many score strictly higher.
  return scores.map((s) => 1 + lowerBoundDesc(sorted, s));
}
function lowerBoundDesc(sortedDesc: number[], s: number): number {
  let lo = 0;
  let hi = sortedDesc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedDesc[mid] > s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Matrix = Record<ComponentId, (number | null)[]>;

function percentileMatrix(values: Matrix): Matrix {
  const out = {} as Matrix;
  for (const c of COMPONENT_IDS) out[c] = percentileRanks(values[c]);
  return out;
}

function scoresFrom(P: Matrix, n: number, weights: Partial<Record<ComponentId, number>>): number[] {
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = {} as Record<ComponentId, number | null>;
    for (const c of COMPONENT_IDS) p[c] = P[c][i];
    scores.push(scoreOf(p, weights) ?? 0);
  }
  return scores;
}

/**
 * A branch's aggregates and component values over the input's period: the one
 * path from daily inputs to values, shared by the ranking and its bootstrap
 * (lib/ranking/uncertainty.ts), so the two cannot drift apart.
 */
export function measureBranch(
  b: BranchInput,
  input: Pick<RankingInput, 'from' | 'to' | 'asOf' | 'breaks'>,
  method: MethodDefinition,
): { metrics: BranchMetrics; values: Record<ComponentId, number | null> } {
  let metrics =
    rulesOf(method) === 'podium-v2'
      ? branchMetricsV2(b, input.from, input.to, input.asOf, method)
      : branchMetrics(b, input.from, input.to, input.asOf);
  if (method.excludeBreaks && input.breaks && input.breaks.length > 0)
    metrics = { ...metrics, growthPct: growthExcludingBreaks(b.days, input.from, minDay(input.to, input.asOf), input.breaks) };
  return { metrics, values: componentValues(metrics, b.population, method) };
}

/**
 * Scores and competition ranks of a field of branches from their component
 * values (percentiles among the field, weighted mean, ranks on the rounded
 * score) — the same steps computeRanking takes, for the bootstrap.
 */
export function rankField(
  field: readonly Record<ComponentId, number | null>[],
  weights: Partial<Record<ComponentId, number>>,
): { scores: number[]; ranks: number[] } {
  const values = {} as Matrix;
  for (const c of COMPONENT_IDS) values[c] = field.map((v) => v[c]);
  const scores = scoresFrom(percentileMatrix(values), field.length, weights);
  return { scores, ranks: ranksOf(scores) };
}

function topSet(scores: number[], topN: number): number[] {
  const ranks = ranksOf(scores);
  return ranks.map((r, i) => (r <= topN ? i : -1)).filter((i) => i >= 0);
}

/** A value a little above v (4 significant digits), for "more than the next branch". */
function justAbove(v: number): number {
  const step = v === 0 ? 0.001 : 10 ** (Math.floor(Math.log10(Math.abs(v))) - 3);
  return round(v + step, 10);
}

function pathToTop(i: number, values: Matrix, P: Matrix, n: number, method: MethodDefinition): PathToTop | null {
  const options: PathToTop[] = [];
  for (const c of COMPONENT_IDS) {
    const w = method.weights[c] ?? 0;
    const cur = values[c][i];
    if (!(w > 0) || cur === null) continue;
    const higher = [...new Set(values[c].filter((v, j): v is number => j !== i && v !== null && v > cur))].sort((a, b) => a - b);
    const trials: number[] = [];
    higher.forEach((v, k) => {
      trials.push(v);
      const up = justAbove(v);
      if (k + 1 >= higher.length || up < higher[k + 1]) trials.push(up);
    });
    const rankWith = (target: number): number => {
      const col = [...values[c]];
      col[i] = target;
      const P2 = { ...P, [c]: percentileRanks(col) };
      const scores = scoresFrom(P2, n, method.weights);
      return ranksOf(scores)[i];
    };
    // Rank only improves as the value grows, so binary-search the smallest target that enters.
    let lo = 0;
    let hi = trials.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rankWith(trials[mid]) <= method.topN) hi = mid;
      else lo = mid + 1;
    }
    if (lo < trials.length) {
      // Round up to 4 decimals so the stated target still gets in.
      const target = Math.ceil(trials[lo] * 1e4 - 1e-9) / 1e4;
      options.push({
        component: c,
        current: round(cur, 4),
        target,
        changePct: cur !== 0 ? round(((target - cur) / Math.abs(cur)) * 100, 2) : null,
        rank: rankWith(target),
      });
    }
  }
  options.sort((a, b) => (a.changePct ?? Infinity) - (b.changePct ?? Infinity));
  return options[0] ?? null;
}

function explanationOf(components: ComponentValue[]): Explanation {
  const items = components
    .filter((c) => c.percentile !== null && c.weight > 0)
    .map((c) => ({
      component: c.id,
      value: c.value,
      median: c.median,
      ratio: c.value !== null && c.median !== null && c.value > 0 && c.median > 0 ? round(c.value / c.median, 2) : null,
      percentile: c.percentile,
      impact: round(c.weight * ((c.percentile ?? AVERAGE) - AVERAGE), 2),
    }));
  const lifts = items.filter((x) => x.impact > 0).sort((a, b) => b.impact - a.impact);
  const holdsBack = items.filter((x) => x.impact < 0).sort((a, b) => a.impact - b.impact);
  const headline = lifts[0] ?? [...items].sort((a, b) => b.impact - a.impact)[0] ?? null;
  return { lifts, holdsBack, headline };
}

function byRankThenSlug(a: EngineRow, b: EngineRow): number {
  if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
  if (a.rank !== b.rank) return (a.rank ?? Infinity) - (b.rank ?? Infinity);
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/**
 * Ranks branches for one period with one method. Pure: the same input and
 * method give the same output whatever the order of `branches`.
 * `previousRanks` (branch id → rank in the previous period) feeds the rank change.
 */
export function computeRanking(
  input: RankingInput,
  methodRaw: MethodDefinition,
  previousRanks: ReadonlyMap<number, number | null> = new Map(),
): RankingResult {
  const method = methodDefinitionSchema.parse(methodRaw);
  const branches = [...input.branches].sort((a, b) => a.id - b.id);
  const v2 = rulesOf(method) === 'podium-v2';
  // The components the method weighs (podium-v1: the first six, exactly as stored before v2 existed).
  const own = methodComponents(method);
  const prepared = branches.map((b) => {
    const { metrics, values } = measureBranch(b, input, method);
    const eligibility = eligibilityOf(b, metrics, values, method);
    const flags: Flag[] = branchFlags(v2 ? { ...b, days: v2FlagDays(b.days) } : b, input.from, input.to, input.asOf, method);
    return { b, metrics, values, eligibility, flags };
  });
  const elig = prepared.filter((x) => x.eligibility.eligible);
  const n = elig.length;
  const values = {} as Matrix;
  const medians = {} as Record<ComponentId, number | null>;
  for (const c of COMPONENT_IDS) values[c] = elig.map((x) => x.values[c]);
  for (const c of own) {
    const md = median(values[c]);
    medians[c] = md === null ? null : round(md, 4);
  }
  const P = percentileMatrix(values);
  const scores = scoresFrom(P, n, method.weights);
  const ranks = ranksOf(scores);

  const rows: EngineRow[] = prepared.map((x) => {
    const i = elig.indexOf(x);
    const ranked = i >= 0;
    let den = 0;
    if (ranked) for (const c of own) if ((method.weights[c] ?? 0) > 0 && P[c][i] !== null) den += method.weights[c] ?? 0;
    const components: ComponentValue[] = own.map((c) => {
      const p = ranked ? P[c][i] : null;
      const share = ranked && p !== null && den > 0 ? (method.weights[c] ?? 0) / den : 0;
      return {
        id: c,
        value: x.values[c] === null ? null : round(x.values[c] as number, 4),
        median: medians[c],
        percentile: p === null ? null : round(p, 2),
        weight: round(share, 4),
        contribution: p === null ? null : round(share * p, 2),
      };
    });
    const rank = ranked ? ranks[i] : null;
    const prev = previousRanks.get(x.b.id) ?? null;
    return {
      branchId: x.b.id,
      slug: x.b.slug,
      name: x.b.name,
      eligible: ranked,
      rank,
      score: ranked ? scores[i] : null,
      previousRank: prev,
      change: rank !== null && prev !== null ? prev - rank : null,
      metrics: x.metrics,
      detail: {
        components,
        flags: x.flags,
        coverage: round(x.metrics.coverage, 4),
        eligibility: x.eligibility,
        explanation: ranked ? explanationOf(components) : null,
        pathToTop: ranked && rank !== null && rank > method.topN ? pathToTop(i, values, P, n, method) : null,
      },
    };
  });
  rows.sort(byRankThenSlug);

  return {
    rows,
    medians,
    robustness: robustnessOf(
      elig.map((x) => x.b.id),
      P,
      scores,
      method,
    ),
    eligibleCount: n,
  };
}

/**
 * Only the ranks of a period (branch id → rank, null when not ranked): the steps of
 * computeRanking that decide a rank — measure, eligibility, percentiles among the eligible,
 * rounded score, competition rank (rankField) — without flags, detail, path to the top or
 * robustness. A period's ranking needs no more of the period before it (the rank change), so
 * a cold ranking computes the previous period with this (docs/benchmarks.md, podium-v2 cold month).
 */
export function computeRanks(input: RankingInput, methodRaw: MethodDefinition): Map<number, number | null> {
  const method = methodDefinitionSchema.parse(methodRaw);
  const measured = [...input.branches]
    .sort((a, b) => a.id - b.id)
    .map((b) => {
      const { metrics, values } = measureBranch(b, input, method);
      return { id: b.id, values, eligible: eligibilityOf(b, metrics, values, method).eligible };
    });
  const elig = measured.filter((x) => x.eligible);
  const { ranks } = rankField(
    elig.map((x) => x.values),
    method.weights,
  );
  const out = new Map<number, number | null>(measured.map((x) => [x.id, null]));
  elig.forEach((x, i) => out.set(x.id, ranks[i]));
  return out;
}

/** Moves each weight by ±delta in turn; the top N is contested if any such move changes it. */
export function robustnessOf(ids: number[], P: Matrix, scores: number[], method: MethodDefinition): EngineRobustness {
  const n = ids.length;
  const delta = method.robustness.weightDelta;
  const base = topSet(scores, method.topN);
  const baseIds = new Set(base.map((i) => ids[i]));
  const scenarios: EngineRobustness['scenarios'] = [];
  const entrants = new Map<number, number>();
  for (const c of COMPONENT_IDS) {
    const wc = method.weights[c] ?? 0;
    if (!(wc > 0) || delta === 0) continue;
    for (const factor of [1 - delta, 1 + delta]) {
      const w = { ...method.weights, [c]: wc * factor };
      const top = topSet(scoresFrom(P, n, w), method.topN).map((i) => ids[i]);
      const same = top.length === baseIds.size && top.every((id) => baseIds.has(id));
      if (!same) {
        scenarios.push({ component: c, factor: round(factor, 4), topThree: top });
        for (const id of top) if (!baseIds.has(id)) entrants.set(id, (entrants.get(id) ?? 0) + 1);
      }
    }
  }
  const order = (a: number, b: number) => scores[ids.indexOf(b)] - scores[ids.indexOf(a)] || a - b;
  return {
    status: scenarios.length ? 'contested' : 'stable',
    weightDelta: delta,
    topThree: [...baseIds].sort(order),
    challengers: [...entrants.entries()].sort((a, b) => order(a[0], b[0])).map(([id, k]) => ({ id, scenarios: k })),
    scenarios,
  };
}
