// Per-day sums of a branch for the bootstrap under podium-v2 (docs/methodology.md,
// "Uncertainty"): what branchMetricsV2 (components-v2.ts) computes over a
// resampled period, from typed arrays instead of relabelled rows. It follows
// branchMetricsV2 step by step — per network sums of snapshot-increase views
// and per-network interactions (reactions included), less the edge
// corrections; followers carried in from the look-back and across gaps; ER by
// views and by followers; website visits from social networks and messengers —
// and adds the per-network figures in the order the engine meets the networks,
// so that the floating-point results are identical, not merely close.
// rankUncertainty checks it against the engine on every run (the period in its
// own order and the first draws) and falls back to the engine's path on any
// difference.

import type { Network } from '../networks';
import type { BranchMetrics } from './components';
import { DEFAULT_FOLLOWERS_LOOKBACK, v2Interactions } from './components-v2';
import { interactionsOf } from './interactions';
import type { MethodDefinition } from './method';
import { diffDays } from './period';
import type { PreparedBranch } from './uncertainty';

/** One network of a branch: its values on each source day offset (NaN: not measured). */
interface NetSums {
  website: boolean;
  /** 1 when the network has a row on the source day (it then counts as "seen" by the engine's byNetwork). */
  has: Uint8Array;
  views: Float64Array;
  inter: Float64Array;
  visits: Float64Array;
  social: Float64Array;
  messenger: Float64Array;
  /** Accounts behind a known follower count on the day (0: none) and its level base (see prepareBranch). */
  fa: Int32Array;
  base: Float64Array;
  inc: Float64Array;
  /** Known follower counts in the look-back [from − 1 − lookback, from − 1], oldest first (offset < 0). */
  pre: { offset: number; fa: number; value: number }[];
  /** Edge corrections (lib/data/v2-boundary.ts): views and interactions taken out of the window's sums. */
  edge: { views: number; inter: number } | null;
}

export interface V2DaySums {
  days: number;
  lookback: number;
  expectedAccounts: number;
  accounts: Float64Array;
  posts: Float64Array;
  nets: NetSums[];
  /** Networks of each source day, in the order of its rows (the engine meets them in this order). */
  dayNets: Int32Array[];
  /** Networks of the rows outside the period (the look-back), in order of first appearance. */
  fixedOrder: number[];
  // Scratch, reused by every resample of this branch.
  levels: Float64Array;
  order: number[];
  seen: Uint8Array;
}

/** Adds x to a nullable sum (the engine's sumNullable, one value at a time); NaN stands for null. */
const add = (s: number | null, x: number): number | null => (Number.isNaN(x) ? s : (s ?? 0) + x);
const nn = (x: number | null | undefined): number => (x === null || x === undefined ? NaN : x);

/** The podium-v2 sums of a prepared branch (prepareBranch) over the period starting `from`. */
export function daySumsV2(p: PreparedBranch, from: string, method: Pick<MethodDefinition, 'followersLookbackDays'>): V2DaySums {
  const D = p.byOffset.length;
  const lookback = method.followersLookbackDays ?? DEFAULT_FOLLOWERS_LOOKBACK;
  const nets: NetSums[] = p.nets.map((name, k) => {
    const e = p.branch.edges?.[name as Network];
    const nan = () => new Float64Array(D).fill(NaN);
    return {
      website: name === 'website',
      has: new Uint8Array(D),
      views: nan(),
      inter: nan(),
      visits: nan(),
      social: nan(),
      messenger: nan(),
      fa: new Int32Array(D),
      base: new Float64Array(D),
      inc: p.inc[k],
      pre: [],
      edge: e ? { views: e.views, inter: interactionsOf(name as Network, e) ?? 0 } : null,
    };
  });
  const s: V2DaySums = {
    days: D,
    lookback,
    expectedAccounts: p.branch.expectedAccounts,
    accounts: new Float64Array(D),
    posts: new Float64Array(D),
    nets,
    dayNets: [],
    fixedOrder: [],
    levels: new Float64Array(nets.length * D),
    order: [],
    seen: new Uint8Array(nets.length),
  };
  for (let d = 0; d < D; d++) {
    const rows = p.byOffset[d];
    s.dayNets.push(Int32Array.from(rows, (x) => x.net));
    for (const { row, net, base } of rows) {
      const n = nets[net];
      n.has[d] = 1;
      s.accounts[d] += row.accounts;
      s.posts[d] += row.posts;
      n.views[d] = nn(row.v2?.views);
      n.inter[d] = nn(v2Interactions(row));
      if (n.website) {
        n.visits[d] = nn(row.visits);
        n.social[d] = nn(row.v2?.socialVisits);
        n.messenger[d] = nn(row.v2?.messengerVisits);
      }
      if (base !== null && row.followersAccounts > 0) {
        n.fa[d] = row.followersAccounts;
        n.base[d] = base;
      }
    }
  }
  const seen = new Set<number>();
  for (const row of p.fixed) {
    const k = p.nets.indexOf(row.network);
    if (!seen.has(k)) {
      seen.add(k);
      s.fixedOrder.push(k);
    }
    const offset = diffDays(from, row.day);
    if (offset < 0 && offset >= -1 - lookback && row.followers !== null && row.followersAccounts > 0)
      nets[k].pre.push({ offset, fa: row.followersAccounts, value: row.followers });
  }
  for (const n of nets) n.pre.sort((a, b) => a.offset - b.offset);
  return s;
}

/** branchMetricsV2 of the resampled branch whose day j copies source day order[j]. */
export function resampledMetricsV2(s: V2DaySums, order: Int32Array): BranchMetrics {
  const D = s.days;
  const K = s.nets.length;
  const { levels, seen } = s;
  // The networks of the period's rows in the order the engine's byNetwork meets them.
  const inOrder = s.order;
  inOrder.length = 0;
  seen.fill(0);
  for (let j = 0; j < D && inOrder.length < K; j++) {
    for (const k of s.dayNets[order[j]]) {
      if (!seen[k]) {
        seen[k] = 1;
        inOrder.push(k);
      }
    }
  }

  let posts = 0;
  let maxDaily = 0;
  for (let j = 0; j < D; j++) {
    const d = order[j];
    posts += s.posts[d];
    if (s.accounts[d] > maxDaily) maxDaily = s.accounts[d];
  }
  const expected = Math.max(s.expectedAccounts, maxDaily);
  let reported = 0;
  for (let j = 0; j < D; j++) reported += Math.min(s.accounts[order[j]], expected);
  const coverage = expected > 0 && D > 0 ? reported / (expected * D) : 0;

  // Per network: the window's sums (views, interactions, site visits) and the resampled follower levels.
  const netViews: (number | null)[] = new Array(K).fill(null);
  const netInter: (number | null)[] = new Array(K).fill(null);
  let visits: number | null = null;
  let social: number | null = null;
  let messenger: number | null = null;
  for (let k = 0; k < K; k++) {
    const n = s.nets[k];
    let v: number | null = null;
    let i: number | null = null;
    let cum = 0;
    const L = k * D;
    for (let j = 0; j < D; j++) {
      const d = order[j];
      cum += n.inc[d];
      levels[L + j] = n.base[d] + cum;
      if (!n.has[d]) continue;
      if (n.website) {
        visits = add(visits, n.visits[d]);
        social = add(social, n.social[d]);
        messenger = add(messenger, n.messenger[d]);
      }
      v = add(v, n.views[d]);
      i = add(i, n.inter[d]);
    }
    if (n.edge && v !== null) v = Math.max(0, v - n.edge.views);
    if (n.edge && i !== null) i = Math.max(0, i - n.edge.inter);
    netViews[k] = v;
    netInter[k] = i;
  }

  // Followers and ER by followers, network by network in the order of the branch's rows.
  let fStart: number | null = null;
  let fEnd: number | null = null;
  let gStart: number | null = null;
  let gEnd: number | null = null;
  let erNum: number | null = null;
  let erDen: number | null = null;
  const lb = s.lookback;
  const follow = (k: number) => {
    const n = s.nets[k];
    if (n.website) return;
    const L = k * D;
    let full = 0;
    for (const x of n.pre) if (x.fa > full) full = x.fa;
    for (let j = 0; j < D; j++) if (n.fa[order[j]] > full) full = n.fa[order[j]];
    if (full <= 0) return;
    let count = 0;
    let low = Infinity;
    let start: number | null = null;
    let lastOffset = 0;
    let lastValue: number | null = null;
    for (const x of n.pre) {
      if (x.fa !== full) continue;
      count++;
      if (x.value < low) low = x.value;
      lastOffset = x.offset;
      lastValue = x.value;
    }
    start = lastValue;
    for (let j = 0; j < D; j++) {
      if (n.fa[order[j]] !== full) continue;
      const level = levels[L + j];
      count++;
      if (level < low) low = level;
      lastOffset = j;
      lastValue = level;
    }
    // Carried to the last day only from a measurement at most `lookback` days old.
    const end = lastValue !== null && D - 1 - lastOffset <= lb ? lastValue : null;
    if (end !== null) fEnd = (fEnd ?? 0) + end;
    if (start !== null) fStart = (fStart ?? 0) + start;
    if (start !== null && end !== null) {
      gStart = (gStart ?? 0) + start;
      gEnd = (gEnd ?? 0) + end;
    }
    const inter = netInter[k];
    if (count > 0 && inter !== null && low > 0) {
      erNum = (erNum ?? 0) + inter;
      erDen = (erDen ?? 0) + low;
    }
  };
  seen.fill(0);
  for (const k of s.fixedOrder) {
    seen[k] = 1;
    follow(k);
  }
  for (const k of inOrder) if (!seen[k]) follow(k);

  let views: number | null = null;
  let interactions: number | null = null;
  let erViews: number | null = null;
  let erInter: number | null = null;
  for (const k of inOrder) {
    const v = netViews[k];
    const i = netInter[k];
    if (v !== null) views = (views ?? 0) + v;
    if (i !== null) interactions = (interactions ?? 0) + i;
    if (v !== null && i !== null) {
      erViews = (erViews ?? 0) + v;
      erInter = (erInter ?? 0) + i;
    }
  }
  const erByViews = erViews !== null && erViews > 0 && erInter !== null ? (erInter / erViews) * 100 : null;
  const weeks = D / 7;
  return {
    followersStart: fStart,
    followersEnd: fEnd,
    growthPct: gStart !== null && gEnd !== null && gStart > 0 ? ((gEnd - gStart) / gStart) * 100 : null,
    views,
    interactions,
    engagementRate: erByViews,
    posts,
    postsPerWeek: weeks > 0 ? posts / weeks : 0,
    visits,
    coverage: Math.min(1, coverage),
    elapsedDays: D,
    engagementByViews: erByViews,
    engagementByFollowers: erNum !== null && erDen !== null && erDen > 0 ? (erNum / D / erDen) * 100 : null,
    socialVisits: social,
    messengerVisits: messenger,
    siteFromSocial: social === null && messenger === null ? null : (social ?? 0) + (messenger ?? 0),
  };
}
