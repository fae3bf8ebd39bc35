import { describe, expect, it } from 'vitest';
import { branchMetrics, type BranchInput, type DayTotals } from '../../../lib/ranking/components';
import { daySums, resampledMetrics } from '../../../lib/ranking/bootstrap-sums';
import { computeRanking } from '../../../lib/ranking/engine';
import { COMPONENT_IDS, type ComponentId, type MethodDefinition, PODIUM_V1 } from '../../../lib/ranking/method';
import { eachDay } from '../../../lib/ranking/period';
import { BOOTSTRAP, blockDaysFor, drawDays, prepareBranch, rankUncertainty, resampleBranch } from '../../../lib/ranking/uncertainty';
import { createRng } from '../../../lib/demo/random';
import { branch, OCT, type Spec } from './fixture';

const viewsOnly: MethodDefinition = {
  ...PODIUM_V1,
  version: 99,
  weights: Object.fromEntries(COMPONENT_IDS.map((id) => [id, id === 'views_per_100k' ? 1 : 0])) as Record<ComponentId, number>,
};

const days = eachDay(OCT.from, OCT.to);
/** Views that swing ±swing around `mean` on odd/even days of October (31 days: 16 odd, 15 even). */
const swinging = (id: number, mean: number, swing: number): Spec => ({
  id,
  viewsPerDay: mean,
  patch: Object.fromEntries(days.map((d) => [d, { views: mean + (Number(d.slice(8)) % 2 ? swing : -swing) }])),
});

// Hand-checkable field: 1 and 2 lead every single day; 3 and 4 swap places
// day by day (3 is ahead by 1000 views on the 16 odd days, behind by 1000 on
// the 15 even ones, so it leads October by 1000 in all); 5 and 6 trail every day.
const FIELD: Spec[] = [
  { id: 1, viewsPerDay: 5000 },
  { id: 2, viewsPerDay: 3000 },
  swinging(3, 2000, 500),
  swinging(4, 2000, -500),
  { id: 5, viewsPerDay: 1000 },
  { id: 6, viewsPerDay: 500 },
];

const run = (specs: Spec[], method = viewsOnly, settings = BOOTSTRAP) => {
  const input = { ...OCT, branches: specs.map(branch) };
  const result = computeRanking(input, method);
  return { result, unc: rankUncertainty(input, method, result, settings)! };
};

describe('blockDaysFor / drawDays', () => {
  it('uses weeks, but keeps at least four blocks in a short period', () => {
    expect([1, 7, 14, 27, 28, 31, 92, 365].map((d) => blockDaysFor(d))).toEqual([1, 1, 3, 6, 7, 7, 7, 7]);
  });
  it('draws whole blocks that wrap around the end, cut to the period length', () => {
    const starts = [0.9, 0.0, 0.5];
    let k = 0;
    const order = drawDays(10, 4, () => starts[k++]);
    // Starts 9, 0, 5: 9 0 1 2 | 0 1 2 3 | 5 6
    expect([...order]).toEqual([9, 0, 1, 2, 0, 1, 2, 3, 5, 6]);
  });
});

describe('resampleBranch', () => {
  it('gives back the original branch when the days are drawn in their own order', () => {
    const b = branch({ id: 1, followersStart: 1000, followersEnd: 1400, missing: ['2026-10-09', '2026-10-10'], visitsPerDay: 30 });
    // A second network that reported on one day only.
    b.days.push({
      day: '2026-10-20',
      network: 'ok',
      accounts: 1,
      followers: 77,
      followersAccounts: 1,
      views: 5,
      interactions: 1,
      posts: 0,
      visits: null,
    });
    const p = prepareBranch(b, OCT.from, OCT.to, 31);
    const identity = Int32Array.from({ length: 31 }, (_, i) => i);
    const again = resampleBranch(p, identity, days);
    expect(branchMetrics(again, OCT.from, OCT.to, OCT.asOf)).toEqual(branchMetrics(b, OCT.from, OCT.to, OCT.asOf));
    const key = (d: { day: string; network: string }) => `${d.day}|${d.network}`;
    const sortRows = <T extends { day: string; network: string }>(r: T[]) => [...r].sort((x, y) => (key(x) < key(y) ? -1 : 1));
    expect(sortRows(again.days)).toEqual(sortRows(b.days));
  });

  it('resamples the daily change of followers, not their level', () => {
    // 1000 followers all month except +300 on 15 October.
    const b = branch({ id: 1, patch: Object.fromEntries(days.filter((d) => d >= '2026-10-15').map((d) => [d, { followers: 1300 }])) });
    const p = prepareBranch(b, OCT.from, OCT.to, 31);
    // Day 15 (offset 14) drawn twice, never a later day: +600; never drawn: +0.
    const twice = Int32Array.from([...Array(31)].map((_, j) => (j < 2 ? 14 : j % 10)));
    const none = Int32Array.from([...Array(31)].map((_, j) => j % 10));
    expect(branchMetrics(resampleBranch(p, twice, days), OCT.from, OCT.to, OCT.asOf)).toMatchObject({
      followersStart: 1000,
      followersEnd: 1600,
    });
    expect(branchMetrics(resampleBranch(p, none, days), OCT.from, OCT.to, OCT.asOf)).toMatchObject({
      followersStart: 1000,
      followersEnd: 1000,
      growthPct: 0,
    });
  });
});

describe('rankUncertainty', () => {
  it('calls a branch that leads every day clearly in the top three, and a day-by-day swap within noise', () => {
    const { result, unc } = run(FIELD);
    expect(result.rows.map((r) => [r.branchId, r.rank])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
      [6, 6],
    ]);
    expect(unc.intervals.map((x) => [x.branchId, x.rank, x.low, x.high, x.top])).toEqual([
      [1, 1, 1, 1, 'clear'],
      [2, 2, 2, 2, 'clear'],
      [3, 3, 3, 4, 'noise'],
      [4, 4, 3, 4, 'noise'],
      [5, 5, 5, 5, 'outside'],
      [6, 6, 6, 6, 'outside'],
    ]);
    expect(unc.data).toMatchObject({
      status: 'contested',
      resamples: 200,
      blockDays: 7,
      seed: BOOTSTRAP.seed,
      level: 0.9,
      clear: [1, 2],
      withinNoise: [3, 4],
    });
    // 3 keeps its place only in the resamples that draw more odd than even days.
    expect(unc.data.sameTopShare).toBeGreaterThan(0.05);
    expect(unc.data.sameTopShare).toBeLessThan(0.95);
  });

  it('calls the top three stable when every day ranks it the same', () => {
    const { unc } = run([
      { id: 1, viewsPerDay: 900 },
      { id: 2, viewsPerDay: 800 },
      { id: 3, viewsPerDay: 700 },
      { id: 4, viewsPerDay: 100 },
    ]);
    expect(unc.data).toMatchObject({ status: 'stable', clear: [1, 2, 3], withinNoise: [], sameTopShare: 1 });
  });

  it('gives the same ranges on every recomputation, whatever the order of the branches', () => {
    const a = run(FIELD).unc;
    const b = run(FIELD).unc;
    const c = run([...FIELD].reverse()).unc;
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // The seed is what fixes the draw: another one draws other days.
    const other = run(FIELD, viewsOnly, { ...BOOTSTRAP, seed: 7 }).unc;
    expect(other.data.sameTopShare).not.toBe(a.data.sameTopShare);
  });

  it('scores each resample with the engine: a resample of identical days reproduces the published scores', () => {
    // Every day alike: any draw is the period itself, so every resampled rank is the published one.
    const { result, unc } = run(
      [{ id: 1, viewsPerDay: 900, followersStart: 1000, followersEnd: 1300 }, { id: 2 }, { id: 3, viewsPerDay: 100 }],
      PODIUM_V1,
    );
    expect(unc.intervals.map((x) => [x.branchId, x.low, x.high])).toEqual(result.rows.map((r) => [r.branchId, r.rank, r.rank]));
  });

  it('ranks only the branches the ranking ranks, and is null when nothing is ranked', () => {
    const { unc } = run([...FIELD, { id: 9, population: null }]);
    expect(unc.intervals.map((x) => x.branchId)).not.toContain(9);
    const none = { ...OCT, branches: [branch({ id: 1, population: null })] };
    expect(rankUncertainty(none, viewsOnly, computeRanking(none, viewsOnly))).toBeNull();
    const future = { from: '2026-12-01', to: '2026-12-31', asOf: '2026-11-30', branches: [branch({ id: 1 })] };
    expect(rankUncertainty(future, viewsOnly, computeRanking(future, viewsOnly))).toBeNull();
  });

  it('uses the seeded PRNG of lib/demo/random.ts', () => {
    const a = createRng(BOOTSTRAP.seed);
    const b = createRng(BOOTSTRAP.seed);
    expect([...drawDays(31, 7, a.next)]).toEqual([...drawDays(31, 7, b.next)]);
  });
});

describe('per-day sums (the fast path)', () => {
  // Random branches: several networks, missing days, a network that reports only on the
  // day before the period, days with part of the accounts, days without views.
  const randomBranch = (id: number, rng: ReturnType<typeof createRng>): BranchInput => {
    const rows: DayTotals[] = [];
    for (const day of eachDay('2026-09-20', OCT.to)) {
      for (const network of ['vk', 'ok', 'telegram', 'website'] as const) {
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
            visits: rng.chance(0.1) ? null : rng.int(0, 400),
          });
          continue;
        }
        const accounts = rng.chance(0.1) ? 1 : 2;
        rows.push({
          day,
          network,
          accounts,
          followers: rng.chance(0.05) ? null : 1000 * accounts + rng.int(0, 50) + Number(day.slice(8)) * 3,
          followersAccounts: accounts,
          views: rng.chance(0.1) ? null : rng.int(0, 9000),
          interactions: rng.chance(0.1) ? null : rng.int(0, 300),
          posts: rng.int(0, 3),
          visits: null,
        });
      }
    }
    rows.push({
      day: '2026-09-30',
      network: 'youtube',
      accounts: 1,
      followers: 500,
      followersAccounts: 1,
      views: 10,
      interactions: 1,
      posts: 0,
      visits: null,
    });
    return { id, slug: `r${id}`, name: `R${id}`, population: 100_000 + id * 1000, expectedAccounts: 7, days: rows };
  };

  it('gives the metrics the engine computes from the resampled rows, draw by draw', () => {
    const rng = createRng(5);
    for (let k = 0; k < 20; k++) {
      const b = randomBranch(k, rng);
      const p = prepareBranch(b, OCT.from, OCT.to, 31);
      const sums = daySums(p, OCT.from);
      for (let s = 0; s < 10; s++) {
        const order = drawDays(31, blockDaysFor(31), rng.next);
        expect(resampledMetrics(sums, order)).toEqual(branchMetrics(resampleBranch(p, order, days), OCT.from, OCT.to, OCT.asOf));
      }
    }
  });

  it('gives the same intervals as the engine path', () => {
    const rng = createRng(11);
    const input = { ...OCT, branches: Array.from({ length: 12 }, (_, i) => randomBranch(i + 1, rng)) };
    const result = computeRanking(input, PODIUM_V1);
    const fast = rankUncertainty(input, PODIUM_V1, result)!;
    const rows = rankUncertainty(input, PODIUM_V1, result, BOOTSTRAP, { fast: false })!;
    expect(fast.path).toBe('sums');
    expect(rows.path).toBe('rows');
    expect(fast.intervals).toEqual(rows.intervals);
    expect(fast.data).toEqual(rows.data);
    expect(fast.intervals.some((x) => x.high > x.low)).toBe(true);
  });

  it('gives no ranges on the engine rows for periods longer than a month (too slow for a request)', () => {
    const input = {
      from: '2026-09-23',
      to: '2026-10-31',
      asOf: '2026-10-31',
      branches: [1, 2, 3].map((id) => branch({ id, viewsPerDay: id * 100 })),
    };
    const result = computeRanking(input, viewsOnly);
    expect(rankUncertainty(input, viewsOnly, result, BOOTSTRAP, { fast: false })).toBeNull();
    expect(rankUncertainty(input, viewsOnly, result)!.path).toBe('sums');
  });
});
