import type { Network } from '../networks';
import type { MethodDefinition } from './method';
import { accountDayCoverage, byNetwork, type BranchInput, type BranchMetrics, type DayTotals } from './components';
import { interactionsOf } from './interactions';
import { addDays, diffDays, minDay } from './period';
import { sumNullable } from './stats';

// podium-v2's aggregation of a branch over a period (docs/methodology.md "podium-v2").
// Pure; the rules, each chosen so that missing data can only lower a figure:
// - flows (views, interactions, posts, visits) are sums over the days an account
//   reported; a day it did not report adds nothing and lowers coverage;
// - followers (a stock) are carried from the last measurement, up to the
//   look-back, into the window and across gaps inside it;
// - engagement by followers divides by the lowest follower count measured, so a
//   missing day can only raise that denominator.

/** Default look-back for carried followers when a v2 method names none. */
export const DEFAULT_FOLLOWERS_LOOKBACK = 14;

/**
 * Follower counts of one network, measured and carried, on each day of [from, to].
 * A day is a measurement when as many accounts reported followers as ever did in
 * [from − lookback, to] (so a day with one account missing does not read as a loss);
 * any other day carries the last measurement at most `lookback` days old, else null.
 */
export function carriedFollowers(
  rows: readonly DayTotals[],
  from: string,
  to: string,
  lookback: number,
): { days: Map<string, number | null>; measured: Map<string, number> } {
  const start = addDays(from, -lookback);
  const inRange = rows.filter((r) => r.day >= start && r.day <= to && r.followers !== null && r.followersAccounts > 0);
  const full = inRange.reduce((m, r) => Math.max(m, r.followersAccounts), 0);
  const measured = new Map<string, number>();
  for (const r of inRange) if (r.followersAccounts === full) measured.set(r.day, r.followers as number);
  const days = new Map<string, number | null>();
  let last: { day: string; value: number } | null = null;
  for (let d = start; d <= to; d = addDays(d, 1)) {
    const m = measured.get(d);
    if (m !== undefined) last = { day: d, value: m };
    if (d < from) continue;
    days.set(d, last && diffDays(last.day, d) <= lookback ? last.value : null);
  }
  return { days, measured };
}

const lookbackOf = (m: Pick<MethodDefinition, 'followersLookbackDays'>) => m.followersLookbackDays ?? DEFAULT_FOLLOWERS_LOOKBACK;

/** Interactions of one rollup day under the per-network table; null when none of its counters was measured. */
export function v2Interactions(d: DayTotals): number | null {
  if (!d.v2) return null;
  return interactionsOf(d.network, { likes: d.v2.likes, comments: d.v2.comments, shares: d.v2.shares, reactions: d.v2.reactions });
}

/** podium-v2 aggregates of a branch over [from, asOf] (the day before `from` is the growth baseline). */
export function branchMetricsV2(
  b: BranchInput,
  from: string,
  to: string,
  asOf: string,
  method: Pick<MethodDefinition, 'followersLookbackDays'>,
): BranchMetrics {
  const lookback = lookbackOf(method);
  const end = minDay(to, asOf);
  const elapsedDays = end < from ? 0 : diffDays(from, end) + 1;
  const inPeriod = b.days.filter((d) => d.day >= from && d.day <= end);

  let fStart: number | null = null;
  let fEnd: number | null = null;
  let gStart: number | null = null;
  let gEnd: number | null = null;
  // ER by followers: interactions of networks with a follower count, over the lowest count measured.
  let erNum: number | null = null;
  let erDen: number | null = null;
  if (elapsedDays > 0) {
    for (const [net, rows] of byNetwork(b.days) as Map<Network, DayTotals[]>) {
      if (net === 'website') continue;
      const base = addDays(from, -1);
      const { days, measured } = carriedFollowers(rows, base, end, lookback);
      const s = days.get(base) ?? null;
      const e = days.get(end) ?? null;
      if (e !== null) fEnd = (fEnd ?? 0) + e;
      if (s !== null) fStart = (fStart ?? 0) + s;
      if (s !== null && e !== null) {
        gStart = (gStart ?? 0) + s;
        gEnd = (gEnd ?? 0) + e;
      }
      if (measured.size > 0) {
        const low = Math.min(...measured.values());
        const e = b.edges?.[net];
        let inter = sumNullable(rows.filter((r) => r.day >= from && r.day <= end).map(v2Interactions));
        if (e && inter !== null) inter = Math.max(0, inter - (interactionsOf(net, e) ?? 0));
        if (inter !== null && low > 0) {
          erNum = (erNum ?? 0) + inter;
          erDen = (erDen ?? 0) + low;
        }
      }
    }
  }

  // Per network: the window's sums, less what snapshot gaps across its edges put inside it.
  const sums = new Map<Network, { views: number | null; inter: number | null }>();
  for (const [net, rows] of byNetwork(inPeriod) as Map<Network, DayTotals[]>) {
    const e = b.edges?.[net];
    let v = sumNullable(rows.map((d) => d.v2?.views ?? null));
    let i = sumNullable(rows.map(v2Interactions));
    if (e && v !== null) v = Math.max(0, v - e.views);
    if (e && i !== null) i = Math.max(0, i - (interactionsOf(net, e) ?? 0));
    sums.set(net, { views: v, inter: i });
  }
  const views = sumNullable([...sums.values()].map((x) => x.views));
  const interactions = sumNullable([...sums.values()].map((x) => x.inter));
  // ER by views: over the networks that report both in the period (a network with views and no
  // interaction counter at all — a website, or a collector without one — would only dilute it).
  const both = [...sums.values()].filter((x) => x.views !== null && x.inter !== null);
  const erViews = sumNullable(both.map((x) => x.views));
  const erInter = sumNullable(both.map((x) => x.inter));
  const posts = inPeriod.reduce((s, d) => s + d.posts, 0);
  const site = inPeriod.filter((d) => d.network === 'website');
  const visits = sumNullable(site.map((d) => d.visits));
  const socialVisits = sumNullable(site.map((d) => d.v2?.socialVisits ?? null));
  const messengerVisits = sumNullable(site.map((d) => d.v2?.messengerVisits ?? null));
  const siteFromSocial = socialVisits === null && messengerVisits === null ? null : (socialVisits ?? 0) + (messengerVisits ?? 0);

  // Coverage as in podium-v1.
  const coverage = accountDayCoverage(inPeriod, b.expectedAccounts, elapsedDays);

  const weeks = elapsedDays / 7;
  return {
    followersStart: fStart,
    followersEnd: fEnd,
    growthPct: gStart !== null && gEnd !== null && gStart > 0 ? ((gEnd - gStart) / gStart) * 100 : null,
    views,
    interactions,
    engagementRate: erViews !== null && erViews > 0 && erInter !== null ? (erInter / erViews) * 100 : null,
    posts,
    postsPerWeek: weeks > 0 ? posts / weeks : 0,
    visits,
    coverage,
    elapsedDays,
    engagementByViews: erViews !== null && erViews > 0 && erInter !== null ? (erInter / erViews) * 100 : null,
    engagementByFollowers: erNum !== null && erDen !== null && erDen > 0 ? (erNum / elapsedDays / erDen) * 100 : null,
    socialVisits,
    messengerVisits,
    siteFromSocial,
  };
}

/** The days a v2 ranking's flags read: v2 views in place of v1's (so a gap is a gap, not a spike). */
export function v2FlagDays(days: readonly DayTotals[]): DayTotals[] {
  return days.map((d) => ({ ...d, views: d.v2 ? d.v2.views : d.views, interactions: v2Interactions(d) }));
}
