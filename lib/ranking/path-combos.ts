import type { ComponentId } from './method';
import { COMPONENT_IDS } from './method';
import { rankField } from './engine';
import { round } from './stats';

// The playbook's steps (docs/methodology.md, "Path to the top three"): the
// smallest raise that brings a branch into the top N, for one component and
// for two components raised together by the same relative amount ("+X % of
// each"). Pure: the field of component values and the method's weights in,
// steps out. Rank only improves as a branch's values grow (its percentiles
// rise, everyone else's fall or stay), so the smallest raise is found by
// binary search over the raises at which a percentile changes.

export interface ComboChange {
  component: ComponentId;
  current: number;
  target: number;
}

export interface ComboStep {
  changes: ComboChange[];
  /** The relative raise of each component, % (the same for every one). */
  raisePct: number;
  /** The rank the branch would reach. */
  rank: number;
}

/** A value a little above v (4 significant digits), as the ranking's own path to the top uses. */
function justAbove(v: number): number {
  const step = v === 0 ? 0.001 : 10 ** (Math.floor(Math.log10(Math.abs(v))) - 3);
  return round(v + step, 10);
}

/**
 * @param field component values of every ranked branch (the branch itself at index i)
 * @param caps upper bounds a component's value cannot pass (activity: the method's posts-per-week cap)
 */
export function combinationsToTop(
  field: readonly Record<ComponentId, number | null>[],
  i: number,
  weights: Partial<Record<ComponentId, number>>,
  topN: number,
  caps: Partial<Record<ComponentId, number>> = {},
): ComboStep[] {
  const own = field[i];
  // Components that count and can be raised relatively (a value of 0 has no "+X %").
  const usable = COMPONENT_IDS.filter((c) => (weights[c] ?? 0) > 0 && own[c] !== null && (own[c] as number) > 0);
  const valueAt = (c: ComponentId, k: number) => {
    const v = round((own[c] as number) * (1 + k), 10);
    return caps[c] !== undefined ? Math.min(v, caps[c]!) : v;
  };
  const rankWith = (values: Partial<Record<ComponentId, number>>) => {
    const f = field.map((row, j) => (j === i ? { ...row, ...values } : row));
    return rankField(f, weights).ranks[i];
  };
  const search = (set: ComponentId[]): ComboStep | null => {
    // The raises at which some other branch's value is met or just passed, in any of the set.
    const ks = new Set<number>();
    for (const c of set) {
      const cur = own[c] as number;
      for (let j = 0; j < field.length; j++) {
        const v = field[j][c];
        if (j === i || v === null || v <= cur) continue;
        if (caps[c] !== undefined && v > caps[c]!) continue;
        ks.add(v / cur - 1);
        ks.add(justAbove(v) / cur - 1);
      }
    }
    const trials = [...ks].sort((a, b) => a - b);
    const at = (k: number) => Object.fromEntries(set.map((c) => [c, valueAt(c, k)])) as Partial<Record<ComponentId, number>>;
    let lo = 0;
    let hi = trials.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rankWith(at(trials[mid])) <= topN) hi = mid;
      else lo = mid + 1;
    }
    if (lo >= trials.length) return null;
    const k = trials[lo];
    // Round each target up to 4 decimals so the stated values still get in.
    const targets = Object.fromEntries(set.map((c) => [c, Math.ceil(valueAt(c, k) * 1e4 - 1e-9) / 1e4])) as Partial<
      Record<ComponentId, number>
    >;
    return {
      changes: set.map((c) => ({ component: c, current: round(own[c] as number, 4), target: targets[c]! })),
      raisePct: round(k * 100, 2),
      rank: rankWith(targets),
    };
  };
  if (rankWith({}) <= topN) return [];
  const singles = usable.map((c) => search([c])).filter((s): s is ComboStep => s !== null);
  const pairs: ComboStep[] = [];
  for (let a = 0; a < usable.length; a++)
    for (let b = a + 1; b < usable.length; b++) {
      const s = search([usable[a], usable[b]]);
      if (s) pairs.push(s);
    }
  const byRaise = (x: ComboStep, y: ComboStep) => x.raisePct - y.raisePct || x.changes.length - y.changes.length;
  singles.sort(byRaise);
  pairs.sort(byRaise);
  // The easiest single change, then the two easiest pairs that ask for less of each.
  const best = singles[0];
  const easierPairs = pairs.filter((p) => !best || p.raisePct < best.raisePct).slice(0, best ? 2 : 3);
  return [...(best ? [best] : []), ...easierPairs].sort(byRaise).slice(0, 3);
}
