import type { Network } from '../networks';
import type { Flag } from './output';
import type { MethodDefinition } from './method';
import { addDays, diffDays, eachDay, minDay } from './period';
import { median, sumNullable } from './stats';

/** One rollup row: a branch's totals on one network and day. */
export interface DayTotals {
  day: string;
  network: Network;
  /** Accounts with a daily row (any metric) that day. */
  accounts: number;
  followers: number | null;
  /** Accounts whose followers are in `followers`; a sum over fewer accounts is not comparable. */
  followersAccounts: number;
  /** Summed over accounts: each one's daily views (or reach), else the views of the posts it published that day. */
  views: number | null;
  interactions: number | null;
  posts: number;
  visits: number | null;
  // podium-v2 inputs (lib/rollups: snapshot increases, never lifetime totals; a day the
  // account did not report is missing). Absent on rows that do not carry them.
  v2?: DayTotalsV2;
}

export interface DayTotalsV2 {
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  reactions: number | null;
  /** Website visits whose source Metrica reports as a social network / a messenger. */
  socialVisits: number | null;
  messengerVisits: number | null;
}

/** Snapshot increases to take out of a window: the in-window part of gaps across its edges (lib/data/v2-boundary.ts). */
export interface BoundaryCorrection {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  reactions: number;
}

export interface BranchInput {
  id: number;
  slug: string;
  name: string;
  population: number | null;
  /** Accounts expected to report in the network scope. */
  expectedAccounts: number;
  /** Rollup rows from the day before the period to its end, in scope. */
  days: DayTotals[];
  /** podium-v2: per network, what gaps across the window's edges put inside it (taken out of the sums). */
  edges?: Partial<Record<Network, BoundaryCorrection>>;
}

/** Raw aggregates of a branch over a period (the KPI figures). */
export interface BranchMetrics {
  followersStart: number | null;
  followersEnd: number | null;
  /** Net follower growth, %. */
  growthPct: number | null;
  views: number | null;
  interactions: number | null;
  /** Interactions per view, %. */
  engagementRate: number | null;
  posts: number;
  postsPerWeek: number;
  visits: number | null;
  coverage: number;
  /** Days counted (period start to as-of). */
  elapsedDays: number;
  // podium-v2 only (absent from podium-v1 results, which stay as they were stored):
  /** Interactions per view, % (the per-network interactions of lib/ranking/interactions.ts). */
  engagementByViews?: number | null;
  /** Interactions per day per 100 followers, % (followers: the lowest count measured; docs/methodology.md). */
  engagementByFollowers?: number | null;
  /** Website visits from social networks and from messengers. */
  socialVisits?: number | null;
  messengerVisits?: number | null;
  /** socialVisits + messengerVisits. */
  siteFromSocial?: number | null;
}

export function byNetwork(days: DayTotals[]): Map<Network, DayTotals[]> {
  const m = new Map<Network, DayTotals[]>();
  for (const d of days) {
    const list = m.get(d.network) ?? [];
    list.push(d);
    m.set(d.network, list);
  }
  for (const list of m.values()) list.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return m;
}

/**
 * Followers of one network at the start and end of a window: the first and
 * last day on which the most accounts reported followers, so a day when one
 * account was missing does not look like a loss.
 */
function followerEnds(rows: DayTotals[], from: string, to: string): { start: number | null; end: number | null } {
  const inWin = rows.filter((r) => r.day >= from && r.day <= to && r.followers !== null && r.followersAccounts > 0);
  if (inWin.length === 0) return { start: null, end: null };
  const full = Math.max(...inWin.map((r) => r.followersAccounts));
  const complete = inWin.filter((r) => r.followersAccounts === full);
  return { start: complete[0].followers, end: complete[complete.length - 1].followers };
}

/**
 * Share of expected account-days with data, 0–1 (docs/methodology.md, "Coverage"):
 * reported account-days / (expected accounts × elapsed days). The expected count is
 * at least the most accounts seen on one day, so an account added mid-period counts.
 */
export function accountDayCoverage(inPeriod: readonly DayTotals[], expectedAccounts: number, elapsedDays: number): number {
  const perDay = new Map<string, number>();
  let maxDaily = 0;
  for (const d of inPeriod) {
    const n = (perDay.get(d.day) ?? 0) + d.accounts;
    perDay.set(d.day, n);
    maxDaily = Math.max(maxDaily, n);
  }
  const expected = Math.max(expectedAccounts, maxDaily);
  let reported = 0;
  for (const n of perDay.values()) reported += Math.min(n, expected);
  return Math.min(1, expected > 0 && elapsedDays > 0 ? reported / (expected * elapsedDays) : 0);
}

/** Aggregates a branch's rollup rows over [from, asOf] (the day before `from` serves as the growth baseline). */
export function branchMetrics(b: BranchInput, from: string, to: string, asOf: string): BranchMetrics {
  const end = minDay(to, asOf);
  const elapsedDays = end < from ? 0 : diffDays(from, end) + 1;
  const inPeriod = b.days.filter((d) => d.day >= from && d.day <= end);
  const nets = byNetwork(b.days);
  let fStart: number | null = null;
  let fEnd: number | null = null;
  let gStart: number | null = null;
  let gEnd: number | null = null;
  for (const [net, rows] of nets) {
    if (net === 'website') continue;
    const e = followerEnds(rows, addDays(from, -1), end);
    if (e.end !== null) fEnd = (fEnd ?? 0) + e.end;
    if (e.start !== null) fStart = (fStart ?? 0) + e.start;
    if (e.start !== null && e.end !== null) {
      gStart = (gStart ?? 0) + e.start;
      gEnd = (gEnd ?? 0) + e.end;
    }
  }
  const views = sumNullable(inPeriod.map((d) => d.views));
  const interactions = sumNullable(inPeriod.map((d) => d.interactions));
  const posts = inPeriod.reduce((s, d) => s + d.posts, 0);
  const visits = sumNullable(inPeriod.filter((d) => d.network === 'website').map((d) => d.visits));

  const coverage = accountDayCoverage(inPeriod, b.expectedAccounts, elapsedDays);

  const weeks = elapsedDays / 7;
  return {
    followersStart: fStart,
    followersEnd: fEnd,
    growthPct: gStart !== null && gEnd !== null && gStart > 0 ? ((gEnd - gStart) / gStart) * 100 : null,
    views,
    interactions,
    engagementRate: views !== null && views > 0 && interactions !== null ? (interactions / views) * 100 : null,
    posts,
    postsPerWeek: weeks > 0 ? posts / weeks : 0,
    visits,
    coverage,
    elapsedDays,
  };
}

/** Flags over [from, asOf]: follower jumps without matching views, sudden drops to zero, data gaps. */
export function branchFlags(b: BranchInput, from: string, to: string, asOf: string, m: MethodDefinition): Flag[] {
  const end = minDay(to, asOf);
  if (end < from) return [];
  const flags: Flag[] = [];
  const f = m.flags;
  for (const [net, rowsAll] of byNetwork(b.days)) {
    // A week of history before the period feeds the baselines.
    const rows = rowsAll.filter((r) => r.day <= end);
    const inPeriod = rows.filter((r) => r.day >= from);
    const medViews = median(inPeriod.map((r) => r.views));
    const byDay = new Map(rows.map((r) => [r.day, r]));

    for (const r of inPeriod) {
      const prev = byDay.get(addDays(r.day, -1));
      if (
        prev &&
        prev.followers !== null &&
        r.followers !== null &&
        prev.followersAccounts === r.followersAccounts &&
        r.followersAccounts > 0
      ) {
        const gain = r.followers - prev.followers;
        const matched = r.views !== null && medViews !== null && r.views >= f.viewsMatchFactor * Math.max(medViews, 1);
        if (gain >= Math.max(f.followerJumpMin, f.followerJumpShare * prev.followers) && !matched) {
          flags.push({ kind: 'follower_jump', network: net, day: r.day, until: r.day, value: gain });
        }
      }
    }

    for (const metric of ['followers', 'views'] as const) {
      let open: Flag | null = null;
      for (const r of inPeriod) {
        const v = r[metric];
        if (v === 0) {
          if (open && open.until === addDays(r.day, -1)) {
            open.until = r.day;
            continue;
          }
          const base = median(rows.filter((x) => x.day < r.day && x.day >= addDays(r.day, -7)).map((x) => x[metric]));
          if (base !== null && base >= f.dropToZeroMinBaseline) {
            open = { kind: 'drop_to_zero', network: net, day: r.day, until: r.day, value: base };
            flags.push(open);
          } else open = null;
        }
      }
    }

    // Gaps: runs of days without a row for a network the branch reports on
    // (in the period or the week before it, so a network that stopped on the
    // first day still shows).
    let run: string[] = [];
    const flush = () => {
      if (run.length >= f.gapMinDays)
        flags.push({ kind: 'data_gap', network: net, day: run[0], until: run[run.length - 1], value: run.length });
      run = [];
    };
    for (const d of eachDay(from, end)) {
      const r = byDay.get(d);
      if (!r || r.accounts === 0) run.push(d);
      else flush();
    }
    flush();
  }
  return flags.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.kind < b.kind ? -1 : 1));
}
