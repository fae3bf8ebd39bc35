import { describe, expect, it } from 'vitest';
import { computeRanking, robustnessOf } from '../../../lib/ranking/engine';
import { COMPONENT_IDS, type ComponentId, type MethodDefinition, PODIUM_V1, methodDefinitionSchema } from '../../../lib/ranking/method';
import { branch, OCT, type Spec } from './fixture';

const rank = (specs: Spec[], method: MethodDefinition = PODIUM_V1, prev?: Map<number, number | null>) =>
  computeRanking({ ...OCT, branches: specs.map(branch) }, method, prev);

const only = (c: ComponentId): MethodDefinition => ({
  ...PODIUM_V1,
  version: 99,
  weights: Object.fromEntries(COMPONENT_IDS.map((id) => [id, id === c ? 1 : 0])) as Record<ComponentId, number>,
});

// Hand-checked: see the percentile table in docs/methodology.md ("worked example").
const A: Spec = { id: 1, viewsPerDay: 1000, interactionsPerDay: 50, followersStart: 1000, followersEnd: 1100, postsPerDay: 1 };
const B: Spec = {
  id: 2,
  viewsPerDay: 2000,
  interactionsPerDay: 60,
  followersStart: 2000,
  followersEnd: 2100,
  postsPerDay: 2,
  visitsPerDay: 100,
};
const C: Spec = {
  id: 3,
  viewsPerDay: 500,
  interactionsPerDay: 40,
  followersStart: 500,
  followersEnd: 600,
  postsPerDay: 1,
  visitsPerDay: 50,
};

describe('computeRanking', () => {
  it('matches a hand-computed ranking', () => {
    const r = rank([A, B, C]);
    const byId = new Map(r.rows.map((x) => [x.branchId, x]));
    // A: (25·50 + 20·50 + 15·50 + 15·25 + 15·50) / 90 (no website: visits weight drops out)
    expect(byId.get(1)!.score).toBe(45.83);
    // B: (25·100 + 20·0 + 15·0 + 15·100 + 15·100 + 10·100) / 100
    expect(byId.get(2)!.score).toBe(65);
    // C: (25·0 + 20·100 + 15·100 + 15·25 + 15·0 + 10·0) / 100
    expect(byId.get(3)!.score).toBe(38.75);
    expect(r.rows.map((x) => [x.branchId, x.rank])).toEqual([
      [2, 1],
      [1, 2],
      [3, 3],
    ]);
    const a = byId.get(1)!.detail;
    expect(a.components.find((c) => c.id === 'engagement_rate')).toMatchObject({ value: 5, percentile: 50, median: 5 });
    expect(a.components.find((c) => c.id === 'follower_growth')).toMatchObject({ value: 10, percentile: 50 });
    expect(a.components.find((c) => c.id === 'visits_per_100k')).toMatchObject({
      value: null,
      percentile: null,
      weight: 0,
      contribution: null,
    });
    expect(a.components.find((c) => c.id === 'views_per_100k')!.weight).toBeCloseTo(25 / 90, 4);
    const sum = a.components.reduce((s, c) => s + (c.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(45.83, 1);
    expect(r.medians.views_per_100k).toBe(31000);
    // C's engagement rate (8%) is 1.6× the median (5%) and is its headline.
    expect(byId.get(3)!.detail.explanation!.headline).toMatchObject({ component: 'engagement_rate', ratio: 1.6 });
    expect(byId.get(3)!.detail.explanation!.holdsBack[0].component).toBe('views_per_100k');
    expect(r.robustness.status).toBe('stable');
  });

  it('shares ranks for equal scores (1, 2, 2, 4)', () => {
    const r = rank(
      [
        { id: 1, viewsPerDay: 4000 },
        { id: 2, viewsPerDay: 3000 },
        { id: 3, viewsPerDay: 3000 },
        { id: 4, viewsPerDay: 1000 },
      ],
      only('views_per_100k'),
    );
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 2, 4]);
    expect(r.rows[1].score).toBe(r.rows[2].score);
  });

  it('ties at the top and at the bottom', () => {
    const r = rank(
      [
        { id: 1, viewsPerDay: 9 },
        { id: 2, viewsPerDay: 9 },
        { id: 3, viewsPerDay: 5 },
        { id: 4, viewsPerDay: 5 },
      ],
      only('views_per_100k'),
    );
    expect(r.rows.map((x) => [x.branchId, x.rank])).toEqual([
      [1, 1],
      [2, 1],
      [3, 3],
      [4, 3],
    ]);
  });

  it('ranks everyone first when all are equal, and a lone branch at 50', () => {
    const all = rank([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(all.rows.map((x) => [x.rank, x.score])).toEqual([
      [1, 50],
      [1, 50],
      [1, 50],
    ]);
    const one = rank([{ id: 7 }]);
    expect(one.rows[0]).toMatchObject({ rank: 1, score: 50, eligible: true });
  });

  it('lists ineligible branches as not ranked, with reasons', () => {
    const r = rank([
      { id: 1 },
      { id: 2 },
      { id: 3, postsPerDay: 0, patch: { '2026-10-05': { posts: 3 } } },
      { id: 4, missing: Array.from({ length: 12 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`) },
      { id: 5, population: null },
    ]);
    const byId = new Map(r.rows.map((x) => [x.branchId, x]));
    expect(r.eligibleCount).toBe(2);
    expect(byId.get(3)).toMatchObject({ eligible: false, rank: null, score: null });
    expect(byId.get(3)!.detail.eligibility.reasons).toEqual([{ code: 'too_few_posts', required: 4, actual: 3 }]);
    expect(byId.get(4)!.detail.eligibility.reasons).toEqual([{ code: 'low_coverage', required: 0.7, actual: round4(19 / 31) }]);
    expect(byId.get(5)!.detail.eligibility.reasons.map((x) => x.code)).toEqual(['no_population']);
    // Not ranked rows come last; the ranked ones are unaffected by them.
    expect(r.rows.slice(0, 2).every((x) => x.eligible)).toBe(true);
    expect(r.rows[0].score).toBe(50);
  });

  it('has no eligible branch when nobody qualifies', () => {
    const r = rank([
      { id: 1, postsPerDay: 0 },
      { id: 2, postsPerDay: 0 },
    ]);
    expect(r.eligibleCount).toBe(0);
    expect(r.rows.every((x) => x.rank === null)).toBe(true);
    expect(r.robustness).toMatchObject({ status: 'stable', topThree: [] });
  });

  it('renormalises weights over components with data (null is not zero)', () => {
    const r = rank([
      { id: 1, viewsPerDay: null, interactionsPerDay: null },
      { id: 2, viewsPerDay: 100 },
      { id: 3, viewsPerDay: 200 },
    ]);
    const b1 = r.rows.find((x) => x.branchId === 1)!;
    expect(b1.detail.components.find((c) => c.id === 'views_per_100k')!.percentile).toBeNull();
    expect(b1.detail.components.find((c) => c.id === 'engagement_rate')!.weight).toBe(0);
    expect(b1.eligible).toBe(true);
  });

  it('ignores a component with weight zero', () => {
    const base = rank(
      [
        { id: 1, viewsPerDay: 10 },
        { id: 2, viewsPerDay: 20 },
      ],
      only('followers_per_100k'),
    );
    expect(base.rows.map((x) => x.score)).toEqual([50, 50]);
    const c = base.rows[0].detail.components.find((x) => x.id === 'views_per_100k')!;
    expect(c).toMatchObject({ weight: 0, contribution: 0 });
  });

  it('rejects weights that sum to zero', () => {
    const zero = { ...PODIUM_V1, weights: Object.fromEntries(COMPONENT_IDS.map((id) => [id, 0])) } as MethodDefinition;
    expect(methodDefinitionSchema.safeParse(zero).success).toBe(false);
    expect(() => rank([{ id: 1 }], zero)).toThrow(/weights/);
  });

  it('reproduces an old method version exactly', () => {
    const specs = [A, B, C, { id: 4, viewsPerDay: 1500, interactionsPerDay: 20 }];
    const v1 = rank(specs, PODIUM_V1);
    const v2 = rank(specs, { ...PODIUM_V1, version: 2, weights: { ...PODIUM_V1.weights, engagement_rate: 60 } });
    expect(v2.rows.map((x) => x.score)).not.toEqual(v1.rows.map((x) => x.score));
    const again = rank(specs, JSON.parse(JSON.stringify(PODIUM_V1)));
    expect(again).toEqual(v1);
  });

  it('does not depend on the order of its input (property)', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 25; trial++) {
      const specs: Spec[] = Array.from({ length: 3 + Math.floor(rnd() * 12) }, (_, i) => ({
        id: i + 1,
        viewsPerDay: Math.floor(rnd() * 5) * 100,
        interactionsPerDay: Math.floor(rnd() * 4) * 10,
        followersStart: 1000,
        followersEnd: 1000 + Math.floor(rnd() * 3) * 50,
        postsPerDay: Math.floor(rnd() * 3),
        visitsPerDay: rnd() < 0.3 ? null : Math.floor(rnd() * 3) * 10,
      }));
      const first = rank(specs);
      const shuffled = [...specs].sort(() => rnd() - 0.5);
      expect(rank(shuffled)).toEqual(first);
    }
  });

  it('computes rank change against the previous period', () => {
    const r = rank(
      [A, B, C],
      PODIUM_V1,
      new Map([
        [1, 1],
        [2, 3],
        [3, null],
      ]),
    );
    const byId = new Map(r.rows.map((x) => [x.branchId, x]));
    expect(byId.get(1)).toMatchObject({ rank: 2, previousRank: 1, change: -1 });
    expect(byId.get(2)).toMatchObject({ rank: 1, previousRank: 3, change: 2 });
    expect(byId.get(3)).toMatchObject({ previousRank: null, change: null });
  });

  it('finds the smallest single change into the top three', () => {
    const r = rank(
      [10, 20, 30, 40, 50].map((v, i) => ({ id: i + 1, viewsPerDay: v })),
      only('views_per_100k'),
    );
    const last = r.rows.find((x) => x.branchId === 1)!;
    expect(last.rank).toBe(5);
    // Tying with the third (30/day → 930 per 100k) is enough: ranks 1, 2, 3, 3.
    expect(last.detail.pathToTop).toMatchObject({ component: 'views_per_100k', current: 310, target: 930, changePct: 200, rank: 3 });
    expect(r.rows.find((x) => x.branchId === 3)!.detail.pathToTop).toBeNull();
  });
});

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

describe('robustness', () => {
  it('calls the top three contested and names who could enter', () => {
    const m: MethodDefinition = { ...PODIUM_V1, weights: { ...only('views_per_100k').weights, views_per_100k: 50, engagement_rate: 50 } };
    const P = Object.fromEntries(COMPONENT_IDS.map((c) => [c, [null, null, null, null, null]])) as Record<ComponentId, (number | null)[]>;
    P.views_per_100k = [100, 75, 0, 40, 10];
    P.engagement_rate = [100, 75, 44, 0, 10];
    const scores = [100, 75, 22, 20, 10];
    const rb = robustnessOf([11, 12, 13, 14, 15], P, scores, m);
    expect(rb.status).toBe('contested');
    expect(rb.topThree).toEqual([11, 12, 13]);
    expect(rb.challengers).toEqual([{ id: 14, scenarios: 2 }]);
    expect(rb.scenarios.map((s) => [s.component, s.factor])).toEqual([
      ['views_per_100k', 1.2],
      ['engagement_rate', 0.8],
    ]);
  });
});

describe('flags', () => {
  it('catches a follower jump without views, a drop to zero and a gap', () => {
    const r = rank([
      {
        id: 1,
        followersStart: 10_000,
        followersEnd: 10_000,
        patch: Object.fromEntries(
          ['2026-10-10', ...Array.from({ length: 21 }, (_, i) => `2026-10-${String(i + 11).padStart(2, '0')}`)].map((d) => [
            d,
            { followers: 12_000 },
          ]),
        ),
      },
      { id: 2, patch: { '2026-10-20': { views: 0 }, '2026-10-21': { views: 0 } } },
      { id: 3, missing: ['2026-10-07', '2026-10-08', '2026-10-09'] },
      { id: 4 },
    ]);
    const flags = new Map(r.rows.map((x) => [x.branchId, x.detail.flags]));
    expect(flags.get(1)).toEqual([{ kind: 'follower_jump', network: 'vk', day: '2026-10-10', until: '2026-10-10', value: 2000 }]);
    expect(flags.get(2)).toEqual([{ kind: 'drop_to_zero', network: 'vk', day: '2026-10-20', until: '2026-10-21', value: 1000 }]);
    expect(flags.get(3)).toEqual([{ kind: 'data_gap', network: 'vk', day: '2026-10-07', until: '2026-10-09', value: 3 }]);
    expect(flags.get(4)).toEqual([]);
  });
});

describe('edge cases of eligibility and gaps', () => {
  it('gives a branch without accounts in scope the single reason no_accounts', () => {
    const none = { id: 9, slug: 'b9', name: 'Branch 9', population: 100_000, expectedAccounts: 0, days: [] };
    const r = computeRanking({ ...OCT, branches: [branch({ id: 1 }), none] }, PODIUM_V1);
    expect(r.rows.find((x) => x.branchId === 9)!.detail.eligibility.reasons).toEqual([{ code: 'no_accounts', required: 1, actual: 0 }]);
  });
  it('flags a network that stopped reporting before the period began', () => {
    const b = branch({ id: 1 });
    b.days = b.days.filter((d) => d.day < OCT.from);
    const r = computeRanking({ ...OCT, branches: [b] }, PODIUM_V1);
    expect(r.rows[0].detail.flags).toEqual([{ kind: 'data_gap', network: 'vk', day: '2026-10-01', until: '2026-10-31', value: 31 }]);
    expect(r.rows[0].detail.eligibility.eligible).toBe(false);
  });
});
