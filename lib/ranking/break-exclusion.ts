import type { Network } from '../networks';
import type { DayTotals } from './components';
import { addDays } from './period';

// Growth without platform breaks (docs/methodology.md "Platform breaks"): when
// a method sets `excludeBreaks`, follower growth leaves out the days inside a
// break of the network they belong to. Pure; the engine calls it from
// measureBranch only when the method asks for it.

/** What the engine needs of a break (lib/breaks/model.ts PlatformBreak). */
export interface BreakDays {
  /** null: every network. */
  network: Network | null;
  from: string;
  /** null: open-ended. */
  to: string | null;
}

function inBreak(breaks: readonly BreakDays[], network: Network, day: string): boolean {
  return breaks.some((b) => (b.network === null || b.network === network) && day >= b.from && (b.to === null || day <= b.to));
}

/**
 * Net follower growth, %, over [from, end] with the day before `from` as the
 * baseline, leaving out break days. Per network (the website has no
 * followers), the days on which the most accounts reported followers are the
 * measurements; the change between two consecutive measurements counts unless
 * a day after the first up to and including the second lies in a break of that
 * network. Growth is the counted changes over the first measurement, summed
 * across networks that have at least two measurements; null when none has.
 */
export function growthExcludingBreaks(days: readonly DayTotals[], from: string, end: string, breaks: readonly BreakDays[]): number | null {
  const start = addDays(from, -1);
  const byNet = new Map<Network, DayTotals[]>();
  for (const d of days) {
    if (d.network === 'website' || d.day < start || d.day > end || d.followers === null || d.followersAccounts <= 0) continue;
    byNet.set(d.network, [...(byNet.get(d.network) ?? []), d]);
  }
  let base: number | null = null;
  let change = 0;
  for (const [net, rows] of byNet) {
    const full = Math.max(...rows.map((r) => r.followersAccounts));
    const measured = rows.filter((r) => r.followersAccounts === full).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    if (measured.length < 2) continue;
    base = (base ?? 0) + (measured[0]!.followers as number);
    for (let i = 1; i < measured.length; i++) {
      const prev = measured[i - 1]!;
      const cur = measured[i]!;
      let touched = false;
      for (let d = addDays(prev.day, 1); d <= cur.day && !touched; d = addDays(d, 1)) touched = inBreak(breaks, net, d);
      if (!touched) change += (cur.followers as number) - (prev.followers as number);
    }
  }
  return base !== null && base > 0 ? (change / base) * 100 : null;
}
