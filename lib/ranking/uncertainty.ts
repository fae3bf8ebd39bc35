// How much of a rank is noise: rank intervals from a block bootstrap of the
// period's days (docs/methodology.md, "Uncertainty"). Pure and deterministic:
// the same input, method and settings give the same intervals on every run.

import { createRng } from '../demo/random';
import { daySums, resampledMetrics } from './bootstrap-sums';
import { daySumsV2, resampledMetricsV2 } from './bootstrap-sums-v2';
import type { BranchInput, BranchMetrics, DayTotals } from './components';
import { componentValues, measureBranch, rankField, type RankingInput, type RankingResult } from './engine';
import { COMPONENT_IDS, type ComponentId, type MethodDefinition, rulesOf } from './method';
import { addDays, diffDays, minDay } from './period';

export interface BootstrapSettings {
  /** Resampled periods; 200 puts the 5th and 95th percentiles on the 10th and 190th value. */
  resamples: number;
  /** Longest block of consecutive days (see blockDaysFor). */
  blockDays: number;
  /** PRNG seed (mulberry32, lib/demo/random.ts): a recomputation draws the same days. */
  seed: number;
  /** Central share of the resampled ranks that the rank range covers. */
  level: number;
}

export const BOOTSTRAP: Readonly<BootstrapSettings> = Object.freeze({ resamples: 200, blockDays: 7, seed: 20261130, level: 0.9 });

/**
 * - `clear`: clearly in the top N — even the upper end of the range is ≤ N;
 * - `noise`: within noise of the top N — the range reaches across N;
 * - `outside`: the whole range is below the top N.
 */
export type TopClass = 'clear' | 'noise' | 'outside';

export interface RankInterval {
  branchId: number;
  rank: number;
  /** Best rank of the range (the 5th percentile of the resampled ranks). */
  low: number;
  /** Worst rank of the range (the 95th percentile). */
  high: number;
  top: TopClass;
}

/** Data sensitivity of the top N, beside the weight sensitivity of robustnessOf. */
export interface DataSensitivity {
  /** `stable` when every branch that can reach the top N is clearly in it. */
  status: 'stable' | 'contested';
  resamples: number;
  /** Block length used for this period (shorter than the setting for short periods). */
  blockDays: number;
  seed: number;
  level: number;
  /** Share of resamples whose top N is exactly the published one (0–1). */
  sameTopShare: number;
  /** Branch ids clearly in the top N, by rank. */
  clear: number[];
  /** Branch ids within noise of the top N, by rank. */
  withinNoise: number[];
}

export interface Uncertainty {
  data: DataSensitivity;
  intervals: RankInterval[];
  /** How resampled metrics were computed: per-day sums (checked against the engine) or the engine's rows. */
  path: 'sums' | 'rows';
}

/**
 * Block length for a period of `days` days: a week, so every block carries a
 * whole weekly rhythm (weekday vs weekend posting) and the days after a post
 * that keep collecting its views; but at most a quarter of the period, so a
 * short period still has four or more blocks and the resamples differ (a
 * 7-day block of a 7-day week would only rotate it).
 */
export function blockDaysFor(days: number, max = BOOTSTRAP.blockDays): number {
  return Math.max(1, Math.min(max, Math.floor(days / 4)));
}

/**
 * One circular block-bootstrap draw: `days` source-day offsets, made of blocks
 * of `block` consecutive days that start anywhere and wrap around the period's
 * end (so every day is equally likely to be drawn), cut to the period's length.
 */
export function drawDays(days: number, block: number, next: () => number): Int32Array {
  const out = new Int32Array(days);
  let j = 0;
  while (j < days) {
    const start = Math.floor(next() * days);
    for (let k = 0; k < block && j < days; k++) out[j++] = (start + k) % days;
  }
  return out;
}

/** A branch's rows, split once so each resample only relabels them. */
export interface PreparedBranch {
  branch: BranchInput;
  /** Network names by index (the `net` of the rows below). */
  nets: string[];
  /** Rows outside [from, end] (the look-back): kept as they are. */
  fixed: DayTotals[];
  /** In-period rows by day offset. */
  byOffset: { row: DayTotals; net: number; base: number | null }[][];
  /** Per network, the follower change attributed to each day offset. */
  inc: Float64Array[];
}

/**
 * Followers are a stock, so their days cannot be shuffled like views: the
 * daily *change* is resampled instead. A day's change is its level minus the
 * latest earlier level over the same number of accounts (0 when there is
 * none). Each in-period row keeps `base` = its level minus the changes of the
 * period up to that day; a resampled day's level is the base of the day it
 * copies plus the resampled changes so far. Drawing the days in their own
 * order therefore gives back the original levels exactly.
 */
export function prepareBranch(b: BranchInput, from: string, end: string, days: number): PreparedBranch {
  const nets = new Map<string, number>();
  const netOf = (n: string) => {
    let i = nets.get(n);
    if (i === undefined) nets.set(n, (i = nets.size));
    return i;
  };
  const sorted = [...b.days].sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0));
  for (const r of sorted) netOf(r.network);
  const inc = Array.from({ length: nets.size }, () => new Float64Array(days));
  const last = Array.from({ length: nets.size }, () => new Map<number, number>());
  const fixed: DayTotals[] = [];
  const byOffset: PreparedBranch['byOffset'] = Array.from({ length: days }, () => []);
  const cum = new Float64Array(nets.size);
  let offset = -1;
  let offsetDay = '';
  for (const r of sorted) {
    const net = netOf(r.network);
    const known = r.followers !== null;
    if (r.day < from || r.day > end) {
      fixed.push(r);
      if (known && r.day < from) last[net].set(r.followersAccounts, r.followers as number);
      continue;
    }
    if (r.day !== offsetDay) {
      offset = diffDays(from, r.day);
      offsetDay = r.day;
    }
    if (known) {
      const prev = last[net].get(r.followersAccounts);
      const change = prev === undefined ? 0 : (r.followers as number) - prev;
      inc[net][offset] += change;
      cum[net] += change;
      last[net].set(r.followersAccounts, r.followers as number);
    }
    byOffset[offset].push({ row: r, net, base: known ? (r.followers as number) - cum[net] : null });
  }
  return { branch: b, nets: [...nets.keys()], fixed, byOffset, inc };
}

/** The branch as it would look had its period been the drawn days (`order[j]` = source offset of day j). */
export function resampleBranch(p: PreparedBranch, order: Int32Array, labels: readonly string[]): BranchInput {
  const days: DayTotals[] = p.fixed.slice();
  const cum = new Float64Array(p.inc.length);
  for (let j = 0; j < order.length; j++) {
    const src = order[j];
    for (let n = 0; n < cum.length; n++) cum[n] += p.inc[n][src];
    for (const { row, net, base } of p.byOffset[src]) {
      days.push({ ...row, day: labels[j], followers: base === null ? null : base + cum[net] });
    }
  }
  return { ...p.branch, days };
}

type Measured = { metrics: BranchMetrics; values: Record<ComponentId, number | null> };

function sameMeasure(a: Measured, b: Measured): boolean {
  const ka = Object.keys(a.metrics) as (keyof BranchMetrics)[];
  if (ka.length !== Object.keys(b.metrics).length) return false;
  return ka.every((k) => a.metrics[k] === b.metrics[k]) && COMPONENT_IDS.every((c) => a.values[c] === b.values[c]);
}

/**
 * Longest period bootstrapped on the engine's rows (the path a run takes when the per-day
 * sums do not reproduce its metrics — a method whose aggregation neither bootstrap-sums.ts
 * nor bootstrap-sums-v2.ts follows): its cost grows with the days × the look-back walk,
 * ≈1.2 s for a month of 83 branches but ≈3.5 s for a quarter, which would stall the first
 * request. Longer periods on that path get no ranges (null; docs/methodology.md, "Uncertainty").
 */
export const MAX_ROWS_PATH_DAYS = 31;

/** Resamples whose fast sums are checked against the engine's own path, besides the period in its own order. */
const CHECKED_DRAWS = 3;

/** The q-quantile of sorted integers, by the inverse of the empirical distribution (no interpolation). */
function quantileSorted(sorted: Int32Array, q: number): number {
  const k = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[k - 1];
}

/**
 * Rank intervals of the ranked branches of `result` (computeRanking's output
 * for `input`). Each resample draws the period's days once for all branches
 * (a day's national news hits everyone at once), recomputes every branch's
 * components from its resampled daily rows through measureBranch and the
 * scores and ranks through rankField — the engine's own functions — among the
 * branches the published ranking ranks. Null when nothing is ranked.
 *
 * Speed: the metrics of a resampled branch come from per-day sums
 * (bootstrap-sums.ts) while they equal measureBranch's on the period itself
 * and on the first draws; any difference switches the run to measureBranch.
 */
export function rankUncertainty(
  input: RankingInput,
  method: MethodDefinition,
  result: Pick<RankingResult, 'rows'>,
  settings: BootstrapSettings = BOOTSTRAP,
  /** fast: false forces the engine's rows (tests compare the paths); maxRowsDays raises MAX_ROWS_PATH_DAYS for them. */
  opts: { fast?: boolean; maxRowsDays?: number } = {},
): Uncertainty | null {
  const end = minDay(input.to, input.asOf);
  const days = end < input.from ? 0 : diffDays(input.from, end) + 1;
  const ranked = result.rows.filter((r) => r.eligible && r.rank !== null).sort((a, b) => a.branchId - b.branchId);
  if (days === 0 || ranked.length === 0 || settings.resamples < 1) return null;

  const byId = new Map(input.branches.map((b) => [b.id, b]));
  const prepared = ranked.map((r) => prepareBranch(byId.get(r.branchId)!, input.from, end, days));
  const labels = Array.from({ length: days }, (_, j) => addDays(input.from, j));
  const block = blockDaysFor(days, settings.blockDays);
  const rng = createRng(settings.seed);
  const n = ranked.length;
  const B = settings.resamples;
  const topN = method.topN;
  // ranks[i * B + s]: branch i's rank in resample s.
  const ranks = new Int32Array(n * B);
  const baseTop = ranked.map((r) => (r.rank as number) <= topN);
  let sameTop = 0;
  const field: Record<ComponentId, number | null>[] = new Array(n);
  // Each method's rules have their own per-day sums (podium-v1: bootstrap-sums.ts, podium-v2: bootstrap-sums-v2.ts).
  const v2 = rulesOf(method) === 'podium-v2';
  const sums = prepared.map((p) => (v2 ? daySumsV2(p, input.from, method) : daySums(p, input.from)));
  const exact = (i: number, order: Int32Array): Measured => measureBranch(resampleBranch(prepared[i], order, labels), input, method);
  const quick = (i: number, order: Int32Array): Measured => {
    const s = sums[i];
    const metrics = 'lookback' in s ? resampledMetricsV2(s, order) : resampledMetrics(s, order);
    return { metrics, values: componentValues(metrics, prepared[i].branch.population, method) };
  };
  const own = Int32Array.from({ length: days }, (_, j) => j);
  let fast = opts.fast !== false && prepared.every((_, i) => sameMeasure(quick(i, own), exact(i, own)));
  if (!fast && days > (opts.maxRowsDays ?? MAX_ROWS_PATH_DAYS)) return null;
  for (let s = 0; s < B; s++) {
    const order = drawDays(days, block, rng.next);
    for (let i = 0; i < n; i++) {
      if (!fast) {
        field[i] = exact(i, order).values;
        continue;
      }
      const q = quick(i, order);
      if (s < CHECKED_DRAWS) {
        const e = exact(i, order);
        if (!sameMeasure(q, e)) fast = false;
        field[i] = e.values;
      } else field[i] = q.values;
    }
    // A divergence found on a long period: the rows path would be too slow to finish it.
    if (!fast && days > (opts.maxRowsDays ?? MAX_ROWS_PATH_DAYS)) return null;
    const r = rankField(field, method.weights).ranks;
    let same = true;
    for (let i = 0; i < n; i++) {
      ranks[i * B + s] = r[i];
      if (r[i] <= topN !== baseTop[i]) same = false;
    }
    if (same) sameTop++;
  }

  const tail = (1 - settings.level) / 2;
  const intervals: RankInterval[] = ranked.map((row, i) => {
    const sorted = ranks.slice(i * B, (i + 1) * B).sort();
    const rank = row.rank as number;
    // The range always holds the published rank, so "2 (3–5)" cannot be printed.
    const low = Math.min(rank, quantileSorted(sorted, tail));
    const high = Math.max(rank, quantileSorted(sorted, 1 - tail));
    const top: TopClass = high <= topN ? 'clear' : low <= topN ? 'noise' : 'outside';
    return { branchId: row.branchId, rank, low, high, top };
  });
  intervals.sort((a, b) => a.rank - b.rank || a.branchId - b.branchId);
  const clear = intervals.filter((x) => x.top === 'clear').map((x) => x.branchId);
  const withinNoise = intervals.filter((x) => x.top === 'noise').map((x) => x.branchId);
  return {
    data: {
      status: withinNoise.length === 0 ? 'stable' : 'contested',
      resamples: B,
      blockDays: block,
      seed: settings.seed,
      level: settings.level,
      sameTopShare: Math.round((sameTop / B) * 1e4) / 1e4,
      clear,
      withinNoise,
    },
    intervals,
    path: fast ? 'sums' : 'rows',
  };
}
