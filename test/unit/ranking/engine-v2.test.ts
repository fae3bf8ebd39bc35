import { describe, expect, it } from 'vitest';
import type { BranchInput, DayTotals } from '../../../lib/ranking/components';
import { branchMetricsV2, carriedFollowers } from '../../../lib/ranking/components-v2';
import { computeRanking } from '../../../lib/ranking/engine';
import { INTERACTIONS, interactionsOf } from '../../../lib/ranking/interactions';
import { PODIUM_V1, PODIUM_V2, methodComponents, parseMethod } from '../../../lib/ranking/method';
import { chartDays } from '../../../lib/ranking/series';
import { eachDay } from '../../../lib/ranking/period';

// podium-v2's pure rules, each on a hand-computed fixture (docs/methodology.md "podium-v2").

function day(
  d: string,
  network: DayTotals['network'],
  v: Partial<Omit<DayTotals, 'v2'>> & { v2?: Partial<NonNullable<DayTotals['v2']>> } = {},
): DayTotals {
  return {
    day: d,
    network,
    accounts: 1,
    followers: null,
    followersAccounts: 0,
    views: null,
    interactions: null,
    posts: 0,
    visits: null,
    ...v,
    v2: {
      views: null,
      likes: null,
      comments: null,
      shares: null,
      reactions: null,
      socialVisits: null,
      messengerVisits: null,
      ...(v.v2 ?? {}),
    },
  };
}

const branch = (days: DayTotals[], extra: Partial<BranchInput> = {}): BranchInput => ({
  id: 1,
  slug: 'a',
  name: 'A',
  population: 100_000,
  expectedAccounts: 1,
  days,
  ...extra,
});

describe('carried followers', () => {
  it('carries the last count from up to 14 days before the window into it, and across gaps', () => {
    // Measured 50 800 on 20 Sep, nothing until 3 Oct (51 000), then a gap 4–5 Oct.
    const rows = [
      day('2026-09-20', 'ok', { followers: 50_800, followersAccounts: 1 }),
      day('2026-10-03', 'ok', { followers: 51_000, followersAccounts: 1 }),
    ];
    const { days } = carriedFollowers(rows, '2026-10-01', '2026-10-05', 14);
    // 1 Oct is 11 days after 20 Sep: carried in (the defect was 31 704 from the other networks only).
    expect([...days.entries()]).toEqual([
      ['2026-10-01', 50_800],
      ['2026-10-02', 50_800],
      ['2026-10-03', 51_000],
      ['2026-10-04', 51_000],
      ['2026-10-05', 51_000],
    ]);
    // With a 10-day look-back the 20 Sep count is too old for 1–2 Oct: not measured, never 0.
    expect([...carriedFollowers(rows, '2026-10-01', '2026-10-02', 10).days.values()]).toEqual([null, null]);
  });

  it('treats a day with fewer reporting accounts as a gap, not a loss', () => {
    const rows = [
      day('2026-10-01', 'vk', { followers: 3000, followersAccounts: 2 }),
      day('2026-10-02', 'vk', { followers: 1000, followersAccounts: 1 }),
      day('2026-10-03', 'vk', { followers: 3100, followersAccounts: 2 }),
    ];
    expect([...carriedFollowers(rows, '2026-10-01', '2026-10-03', 14).days.values()]).toEqual([3000, 3000, 3100]);
  });

  it('feeds growth and followers at the end of a podium-v2 ranking', () => {
    // Baseline 30 Sep missing: carried from 25 Sep (1000). End 31 Oct missing: carried from 29 Oct (1100).
    const days = [
      day('2026-09-25', 'vk', { followers: 1000, followersAccounts: 1, posts: 0 }),
      ...eachDay('2026-10-01', '2026-10-29').map((d) =>
        day(d, 'vk', { followers: 1050, followersAccounts: 1, posts: 1, v2: { views: 100 } }),
      ),
    ];
    days[days.length - 1]!.followers = 1100;
    const m = branchMetricsV2(branch(days), '2026-10-01', '2026-10-31', '2026-10-31', PODIUM_V2);
    expect(m.followersStart).toBe(1000);
    expect(m.followersEnd).toBe(1100);
    expect(m.growthPct).toBeCloseTo(10, 10);
    // Views of the two missed days are not filled in: 29 × 100.
    expect(m.views).toBe(2900);
  });

  it('charts carried followers on the first day of a window', () => {
    const rows = [
      { ...day('2026-09-28', 'ok', { followers: 50_800, followersAccounts: 1 }), likes: null, comments: null, shares: null },
      { ...day('2026-10-01', 'vk', { followers: 31_704, followersAccounts: 1 }), likes: null, comments: null, shares: null },
    ];
    const out = chartDays(rows, '2026-10-01', '2026-10-01');
    expect(out.filter((d) => d.day === '2026-10-01').reduce((s, d) => s + (d.followers ?? 0), 0)).toBe(31_704 + 50_800);
  });
});

describe('interactions per network and the two engagement variants', () => {
  it('counts Telegram reactions and not VK reactions (a VK like is one of its reactions)', () => {
    expect(INTERACTIONS.telegram).toContain('reactions');
    expect(INTERACTIONS.vk).not.toContain('reactions');
    expect(interactionsOf('telegram', { likes: 5, reactions: 7, comments: null })).toBe(7);
    expect(interactionsOf('vk', { likes: 5, reactions: 7, comments: 1, shares: 2 })).toBe(8);
    expect(interactionsOf('website', { likes: 5 })).toBeNull();
    expect(interactionsOf('telegram', {})).toBeNull();
  });

  it('computes ER by views and ER by followers, and scores the variant the method names', () => {
    // 10 days; VK 1000 views, 30 likes + 5 comments + 5 shares a day, followers 2000 → 1900 (lowest 1900);
    // Telegram 500 views and 10 reactions a day, followers 1000 flat.
    const days: DayTotals[] = [];
    for (const d of eachDay('2026-10-01', '2026-10-10')) {
      const i = Number(d.slice(8, 10));
      days.push(
        day(d, 'vk', {
          followers: 2000 - (i === 10 ? 100 : 0),
          followersAccounts: 1,
          posts: 2,
          v2: { views: 1000, likes: 30, comments: 5, shares: 5 },
        }),
      );
      days.push(day(d, 'telegram', { followers: 1000, followersAccounts: 1, posts: 1, v2: { views: 500, reactions: 10 } }));
    }
    const m = branchMetricsV2(branch(days, { expectedAccounts: 2 }), '2026-10-01', '2026-10-10', '2026-10-10', PODIUM_V2);
    // Interactions 10 × (40 + 10) = 500; views 10 × 1500 = 15 000 → 3.3333 %.
    expect(m.engagementByViews).toBeCloseTo((500 / 15_000) * 100, 10);
    // Per day 50 over the lowest followers 1900 + 1000 = 2900 → 1.7241 % a day.
    expect(m.engagementByFollowers).toBeCloseTo((50 / 2900) * 100, 10);
    const byViews = parseMethod({ ...PODIUM_V2, version: 99, engagement: 'by_views' });
    const input = { from: '2026-10-01', to: '2026-10-10', asOf: '2026-10-10', branches: [branch(days, { expectedAccounts: 2 })] };
    const er = (m2: typeof PODIUM_V2) =>
      computeRanking(input, m2).rows[0]!.detail.components.find((c) => c.id === 'engagement_rate')!.value;
    expect(er(PODIUM_V2)).toBeCloseTo((50 / 2900) * 100, 4);
    expect(er(byViews)).toBeCloseTo((500 / 15_000) * 100, 4);
  });
});

describe('activity and site visits from social', () => {
  it('reports real posts per week and caps them only inside the score', () => {
    // 266 posts over October (Magadan's count): 266 / (31/7) = 60.06 a week; the score counts 14.
    const days = eachDay('2026-10-01', '2026-10-31').map((d, i) =>
      day(d, 'vk', { followers: 1000, followersAccounts: 1, posts: i < 18 ? 9 : 8, v2: { views: 10 } }),
    );
    expect(days.reduce((s, d) => s + d.posts, 0)).toBe(266);
    const row = computeRanking({ from: '2026-10-01', to: '2026-10-31', asOf: '2026-10-31', branches: [branch(days)] }, PODIUM_V2).rows[0]!;
    expect(row.metrics.postsPerWeek).toBeCloseTo(266 / (31 / 7), 10);
    expect(row.detail.components.find((c) => c.id === 'activity')!.value).toBe(14);
  });

  it('counts website visits from social networks and messengers per 100k residents', () => {
    const days = eachDay('2026-10-01', '2026-10-10').flatMap((d) => [
      day(d, 'vk', { followers: 1000, followersAccounts: 1, posts: 1, v2: { views: 10 } }),
      day(d, 'website', { visits: 300, v2: { socialVisits: 20, messengerVisits: 7 } }),
    ]);
    const row = computeRanking(
      { from: '2026-10-01', to: '2026-10-10', asOf: '2026-10-10', branches: [branch(days, { population: 50_000, expectedAccounts: 2 })] },
      PODIUM_V2,
    ).rows[0]!;
    expect(row.metrics.socialVisits).toBe(200);
    expect(row.metrics.messengerVisits).toBe(70);
    // 270 × 100 000 / 50 000 = 540.
    expect(row.detail.components.find((c) => c.id === 'social_visits_per_100k')!.value).toBe(540);
  });
});

describe('methods side by side', () => {
  it('keeps podium-v1 to its six components and gives podium-v2 its own', () => {
    expect(methodComponents(PODIUM_V1)).toEqual([
      'views_per_100k',
      'engagement_rate',
      'follower_growth',
      'activity',
      'followers_per_100k',
      'visits_per_100k',
    ]);
    expect(methodComponents(PODIUM_V2)).toEqual([
      'views_per_100k',
      'engagement_rate',
      'follower_growth',
      'activity',
      'followers_per_100k',
      'social_visits_per_100k',
    ]);
    expect(() => parseMethod({ ...PODIUM_V1, weights: { ...PODIUM_V1.weights, social_visits_per_100k: 5 } })).toThrow(/podium-v2/);
  });
});
