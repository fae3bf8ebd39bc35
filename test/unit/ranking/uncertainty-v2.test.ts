import { describe, expect, it } from 'vitest';
import type { BranchInput, DayTotals } from '../../../lib/ranking/components';
import { branchMetricsV2 } from '../../../lib/ranking/components-v2';
import { daySumsV2, resampledMetricsV2 } from '../../../lib/ranking/bootstrap-sums-v2';
import { computeRanking, computeRanks } from '../../../lib/ranking/engine';
import { PODIUM_V1, PODIUM_V2 } from '../../../lib/ranking/method';
import { addDays, diffDays, eachDay } from '../../../lib/ranking/period';
import {
  BOOTSTRAP,
  blockDaysFor,
  drawDays,
  MAX_ROWS_PATH_DAYS,
  prepareBranch,
  rankUncertainty,
  resampleBranch,
} from '../../../lib/ranking/uncertainty';
import { createRng } from '../../../lib/demo/random';

// The podium-v2 per-day sums (lib/ranking/bootstrap-sums-v2.ts) against the engine's own path
// (branchMetricsV2 on relabelled rows), on periods of a month, a quarter and a year.

const Q3 = { from: '2026-07-01', to: '2026-09-30', asOf: '2026-09-30' };
const OCT = { from: '2026-10-01', to: '2026-10-31', asOf: '2026-10-31' };

type Rng = ReturnType<typeof createRng>;
const maybe = (rng: Rng, p: number, v: () => number): number | null => (rng.chance(p) ? null : v());

/**
 * A random branch with everything podium-v2 reads: several networks, missing account-days,
 * fractional (gap-spread) views, reactions on Telegram, days where one of two accounts
 * reports followers, a network seen only in the look-back, website visits from social
 * networks and messengers (some not given), and edge corrections.
 */
function randomBranch(id: number, rng: Rng, w: { from: string; to: string }): BranchInput {
  const rows: DayTotals[] = [];
  const networks = ['vk', 'ok', 'telegram', 'website'] as const;
  for (const day of eachDay(addDays(w.from, -15), w.to)) {
    for (const network of networks) {
      // A long outage on OK in the middle of the period (the carry-over stops after 14 days).
      if (network === 'ok' && diffDays(w.from, day) >= 20 && diffDays(w.from, day) < 40) continue;
      if (rng.chance(0.08)) continue;
      if (network === 'website') {
        rows.push({
          day,
          network,
          accounts: 1,
          followers: null,
          followersAccounts: 0,
          views: null,
          interactions: null,
          posts: 0,
          visits: maybe(rng, 0.1, () => rng.int(0, 400)),
          v2: {
            views: null,
            likes: null,
            comments: null,
            shares: null,
            reactions: null,
            socialVisits: maybe(rng, 0.15, () => rng.int(0, 60)),
            messengerVisits: maybe(rng, 0.3, () => rng.int(0, 20)),
          },
        });
        continue;
      }
      const accounts = rng.chance(0.1) ? 1 : 2;
      const n = diffDays(w.from, day);
      rows.push({
        day,
        network,
        accounts,
        followers: rng.chance(0.05) ? null : 1000 * accounts + rng.int(0, 50) + n * 3,
        followersAccounts: accounts,
        views: maybe(rng, 0.1, () => rng.int(0, 9000)),
        interactions: maybe(rng, 0.1, () => rng.int(0, 300)),
        posts: rng.int(0, 3),
        visits: null,
        v2: {
          // Gap-spread increases are fractions (an increase of 1000 over three days: 333.33… a day).
          views: maybe(rng, 0.1, () => rng.int(0, 9000) / 3),
          likes: network === 'telegram' ? null : maybe(rng, 0.1, () => rng.int(0, 200)),
          comments: maybe(rng, 0.2, () => rng.int(0, 40) / 7),
          shares: maybe(rng, 0.2, () => rng.int(0, 30)),
          reactions: network === 'telegram' ? maybe(rng, 0.1, () => rng.int(0, 300) / 3) : null,
          socialVisits: null,
          messengerVisits: null,
        },
      });
    }
  }
  rows.push({
    day: addDays(w.from, -3),
    network: 'youtube',
    accounts: 1,
    followers: 500,
    followersAccounts: 1,
    views: 10,
    interactions: 1,
    posts: 0,
    visits: null,
  });
  // Rows come from the database in no particular order.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  const edges = rng.chance(0.5)
    ? {
        vk: { views: rng.int(0, 5000) / 3, likes: rng.int(0, 50), comments: 1, shares: 0, reactions: 0 },
        telegram: { views: 100, likes: 0, comments: 0, shares: 0, reactions: rng.int(0, 99) },
      }
    : {};
  return { id, slug: `r${id}`, name: `R${id}`, population: 100_000 + id * 1000, expectedAccounts: 7, days: rows, edges };
}

const method = PODIUM_V2;

describe('podium-v2 per-day sums (the fast path)', () => {
  const YEAR = { from: '2026-01-01', to: '2026-12-31', asOf: '2026-12-31' };
  const periods: [string, typeof OCT][] = [
    ['a month', OCT],
    ['a quarter', Q3],
    ['a year', YEAR],
  ];
  for (const [name, w] of periods) {
    it(`give exactly the metrics the engine computes from the resampled rows, draw by draw (${name})`, () => {
      const rng = createRng(name.length * 17);
      const D = diffDays(w.from, w.to) + 1;
      const labels = eachDay(w.from, w.to);
      for (let k = 0; k < (D > 100 ? 3 : 10); k++) {
        const b = randomBranch(k, rng, w);
        const p = prepareBranch(b, w.from, w.to, D);
        const sums = daySumsV2(p, w.from, method);
        const own = Int32Array.from({ length: D }, (_, j) => j);
        const draws = [own, ...Array.from({ length: 8 }, () => drawDays(D, blockDaysFor(D), rng.next))];
        for (const order of draws) {
          expect(resampledMetricsV2(sums, order)).toEqual(branchMetricsV2(resampleBranch(p, order, labels), w.from, w.to, w.asOf, method));
        }
      }
    });
  }

  it('carry the followers of the look-back in, and not for longer than the look-back', () => {
    // Followers measured only before the period (1000 on 20 Sep): carried to the end of a 14-day
    // window starting 1 Oct only while the end is within 14 days of 20 Sep (it is not: null).
    const row = (day: string, f: number | null, views: number | null): DayTotals => ({
      day,
      network: 'vk',
      accounts: 1,
      followers: f,
      followersAccounts: f === null ? 0 : 1,
      views: null,
      interactions: null,
      posts: 1,
      visits: null,
      v2: { views, likes: 5, comments: null, shares: null, reactions: null, socialVisits: null, messengerVisits: null },
    });
    const w = { from: '2026-10-01', to: '2026-10-14', asOf: '2026-10-14' };
    const days = [row('2026-09-20', 1000, null), ...eachDay(w.from, w.to).map((d) => row(d, null, 100))];
    const b: BranchInput = { id: 1, slug: 'a', name: 'A', population: 100_000, expectedAccounts: 1, days };
    const p = prepareBranch(b, w.from, w.to, 14);
    const m = resampledMetricsV2(
      daySumsV2(p, w.from, method),
      Int32Array.from({ length: 14 }, (_, j) => j),
    );
    expect(m).toMatchObject({ followersStart: 1000, followersEnd: null, growthPct: null, views: 1400, interactions: 70 });
    // ER by followers: 70 interactions / 14 days / 1000 followers = 0.5 %.
    expect(m.engagementByFollowers).toBeCloseTo(0.5, 12);
  });
});

describe('rank ranges under podium-v2 for every period length', () => {
  const field = (w: { from: string; to: string }, seed: number) => {
    const rng = createRng(seed);
    return Array.from({ length: 10 }, (_, i) => randomBranch(i + 1, rng, w));
  };

  it('give a quarter the same ranges as the engine path, on the fast path', () => {
    const input = { ...Q3, branches: field(Q3, 3) };
    const result = computeRanking(input, method);
    expect(result.eligibleCount).toBeGreaterThan(3);
    const fast = rankUncertainty(input, method, result)!;
    const rows = rankUncertainty(input, method, result, BOOTSTRAP, { fast: false, maxRowsDays: 92 })!;
    expect(fast.path).toBe('sums');
    expect(rows.path).toBe('rows');
    expect(fast.intervals).toEqual(rows.intervals);
    expect(fast.data).toEqual(rows.data);
    expect(fast.data.resamples).toBeGreaterThanOrEqual(200);
    expect(fast.intervals.some((x) => x.high > x.low)).toBe(true);
  });

  it('give a month the same ranges as the engine path', () => {
    const input = { ...OCT, branches: field(OCT, 4) };
    const result = computeRanking(input, method);
    const fast = rankUncertainty(input, method, result)!;
    const rows = rankUncertainty(input, method, result, BOOTSTRAP, { fast: false })!;
    expect(fast.path).toBe('sums');
    expect(fast.intervals).toEqual(rows.intervals);
  });

  it('are the same on every recomputation, whatever the order of branches and rows', () => {
    const branches = field(Q3, 5);
    const a = rankUncertainty({ ...Q3, branches }, method, computeRanking({ ...Q3, branches }, method))!;
    const shuffled = [...branches].reverse().map((b) => ({ ...b, days: [...b.days].reverse() }));
    const b = rankUncertainty({ ...Q3, branches: shuffled }, method, computeRanking({ ...Q3, branches: shuffled }, method))!;
    expect(b.intervals).toEqual(a.intervals);
    expect(b.data).toEqual(a.data);
  });

  it('are given for a quarter and a year, where the engine rows alone give none', () => {
    expect(MAX_ROWS_PATH_DAYS).toBeLessThan(92);
    const year = { from: '2026-01-01', to: '2026-12-31', asOf: '2026-12-31' };
    for (const w of [Q3, year]) {
      const input = { ...w, branches: field(w, 6) };
      const result = computeRanking(input, method);
      expect(rankUncertainty(input, method, result, BOOTSTRAP, { fast: false })).toBeNull();
      const u = rankUncertainty(input, method, result)!;
      expect(u.path).toBe('sums');
      expect(u.intervals.map((x) => x.branchId).sort((x, y) => x - y)).toEqual(
        result.rows
          .filter((r) => r.rank !== null)
          .map((r) => r.branchId)
          .sort((x, y) => x - y),
      );
    }
  });
});

describe('computeRanks (the previous period of a cold ranking)', () => {
  for (const m of [PODIUM_V1, PODIUM_V2]) {
    it(`gives exactly computeRanking's ranks, unranked branches included (${m.key}-v${m.version})`, () => {
      for (const [seed, w] of [
        [3, OCT],
        [5, Q3],
      ] as const) {
        const rng = createRng(seed);
        const branches = Array.from({ length: 40 }, (_, i) => randomBranch(i + 1, rng, w));
        // Never ranked: no population, no data at all; and two branches with the same data (a shared rank).
        branches.push({ ...branches[0], id: 41, slug: 'r41', population: null });
        branches.push({ id: 42, slug: 'r42', name: 'R42', population: 100_000, expectedAccounts: 3, days: [] });
        branches.push({ ...branches[1], id: 43, slug: 'r43' });
        const input = { ...w, branches: [...branches].reverse() };
        const full = computeRanking(input, m);
        const expected = new Map(full.rows.map((r) => [r.branchId, r.rank]));
        expect([...expected.values()].filter((r) => r === null).length).toBeGreaterThanOrEqual(2);
        expect(computeRanks(input, m)).toEqual(expected);
      }
    });
  }
});
