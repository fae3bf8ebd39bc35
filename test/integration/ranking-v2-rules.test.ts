import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadMethodInput } from '../../lib/data/ranking-snapshot';
import { getBranchSeries } from '../../lib/data/series';
import { SYSTEM_VIEWER } from '../../lib/auth/viewer';
import { computeRanking } from '../../lib/ranking/engine';
import { PODIUM_V1, PODIUM_V2 } from '../../lib/ranking/method';
import { refreshRollups } from '../../lib/rollups/index';

// podium-v2's rollup rules on hand-computed fixtures (docs/methodology.md "podium-v2"),
// against the real database: gap spread, a missing account-day, Telegram reactions,
// site visits from social networks and messengers. podium-v1's columns stay as before.

let t: TestDatabase;
const acc: Record<string, number> = {};
let branchId = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  const b = await t.db
    .insertInto('branch')
    .values({ slug: 'v2', name: 'В2', name_en: 'V2', region_code: 'RU-AD', federal_district: 'southern', population: 200_000 })
    .returning('id')
    .executeTakeFirstOrThrow();
  branchId = b.id;
  for (const network of ['vk', 'telegram', 'website'] as const) {
    const a = await t.db
      .insertInto('account')
      .values({ branch_id: branchId, network, external_id: `v2-${network}`, handle: 'v2' })
      .returning('id')
      .executeTakeFirstOrThrow();
    acc[network] = a.id;
  }
  // VK: account-level rows on 1–6 October without daily views (so posts count), none on the 3rd.
  // Telegram: rows on 1–6 October with daily views 100 and no likes; reactions only on posts.
  const days = ['2026-10-01', '2026-10-02', '2026-10-04', '2026-10-05', '2026-10-06'];
  await t.db
    .insertInto('account_day')
    .values([
      ...days.map((day) => ({
        account_id: acc.vk,
        day,
        branch_id: branchId,
        network: 'vk' as const,
        followers: 1000,
        posts: 0,
        source: 'demo' as const,
      })),
      ...[...days, '2026-10-03'].map((day) => ({
        account_id: acc.telegram,
        day,
        branch_id: branchId,
        network: 'telegram' as const,
        followers: 500,
        views: 100,
        posts: 0,
        source: 'demo' as const,
      })),
      ...[...days, '2026-10-03'].map((day) => ({
        account_id: acc.website,
        day,
        branch_id: branchId,
        network: 'website' as const,
        visits: 100,
        social_visits: 12,
        messenger_visits: 5,
        source: 'demo' as const,
      })),
    ])
    .execute();
  await t.db
    .insertInto('site_source_day')
    .values([
      { account_id: acc.website, day: '2026-10-01', branch_id: branchId, source: 'social', channel: 'vkontakte', visits: 9 },
      { account_id: acc.website, day: '2026-10-01', branch_id: branchId, source: 'social', channel: 'odnoklassniki', visits: 3 },
      { account_id: acc.website, day: '2026-10-01', branch_id: branchId, source: 'messenger', channel: 'telegram', visits: 5 },
    ])
    .execute();
  // A VK post published 1 Oct 10:00 Moscow: 100 views that day, 400 on the 4th (a 3-day gap), 410 on the 6th.
  const vkPost = await t.db
    .insertInto('post')
    .values({
      account_id: acc.vk,
      branch_id: branchId,
      network: 'vk',
      external_id: 'p1',
      published_at: '2026-10-01T07:00:00Z',
      source: 'demo',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('post_day')
    .values([
      { post_id: vkPost.id, day: '2026-10-01', branch_id: branchId, views: 100, likes: 10, comments: 1, shares: 0 },
      { post_id: vkPost.id, day: '2026-10-04', branch_id: branchId, views: 400, likes: 19, comments: 1, shares: 0 },
      { post_id: vkPost.id, day: '2026-10-06', branch_id: branchId, views: 410, likes: 18, comments: 2, shares: 1 },
    ])
    .execute();
  // A Telegram post published 2 Oct: 10 reactions on the 2nd, 20 on the 5th (10 more over 3 days: 3, 3, 4).
  const tgPost = await t.db
    .insertInto('post')
    .values({
      account_id: acc.telegram,
      branch_id: branchId,
      network: 'telegram',
      external_id: 't1',
      published_at: '2026-10-02T09:00:00Z',
      source: 'demo',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('post_day')
    .values([
      { post_id: tgPost.id, day: '2026-10-02', branch_id: branchId, views: 50, reactions: 10 },
      { post_id: tgPost.id, day: '2026-10-05', branch_id: branchId, views: 80, reactions: 20 },
    ])
    .execute();
  await refreshRollups(t.db);
});
afterAll(async () => t?.drop());

async function rollup(network: string) {
  const r = await sql<{
    day: string;
    views: number | null;
    post_views: number | null;
    v2_views: number | null;
    v2_likes: number | null;
    v2_comments: number | null;
    v2_shares: number | null;
    v2_reactions: number | null;
    social_visits: number | null;
    messenger_visits: number | null;
  }>`
    select day::text, views::int, post_views::int, v2_views::int, v2_likes::int, v2_comments::int, v2_shares::int, v2_reactions::int,
      social_visits::int, messenger_visits::int
    from rollup_branch_day where branch_id = ${branchId} and network = ${network} order by day`.execute(t.db);
  return r.rows;
}

describe('podium-v2 rollups', () => {
  it('spreads a snapshot increase evenly over its gap and leaves a day the account missed missing', async () => {
    const vk = await rollup('vk');
    // 1 Oct: 100 (publication to first snapshot); 2–4 Oct share 300 → 100 each, but the 3rd was not reported;
    // 5–6 Oct share 10 → 5 and 5. Likes: 10; +9 over 3 days → 3, (3), 3; −1 counts 0.
    expect(vk.map((r) => [r.day, r.v2_views, r.v2_likes, r.v2_comments, r.v2_shares])).toEqual([
      ['2026-10-01', 100, 10, 1, 0],
      ['2026-10-02', 100, 3, 0, 0],
      // 3 Oct: VK did not report, so its third of the increase is not counted anywhere.
      ['2026-10-04', 100, 3, 0, 0],
      ['2026-10-05', 5, 0, 0, 0],
      ['2026-10-06', 5, 0, 1, 1],
    ]);
    // podium-v1 still reads the post's latest snapshot on its publication day (410), and the 3rd has no row.
    expect(vk.find((r) => r.day === '2026-10-01')).toMatchObject({ views: 410, post_views: 410 });
    expect(vk.some((r) => r.day === '2026-10-03')).toBe(false);
  });

  it('counts Telegram reactions from snapshot increases, in whole units that add up', async () => {
    const tg = await rollup('telegram');
    expect(tg.map((r) => [r.day, r.v2_views, r.v2_reactions])).toEqual([
      ['2026-10-01', 100, null],
      ['2026-10-02', 100, 10],
      ['2026-10-03', 100, 3],
      ['2026-10-04', 100, 3],
      ['2026-10-05', 100, 4],
      ['2026-10-06', 100, null],
    ]);
  });

  it('rolls up site visits from social networks and messengers', async () => {
    const site = await rollup('website');
    expect(site).toHaveLength(6);
    expect(site.every((r) => r.social_visits === 12 && r.messenger_visits === 5 && r.v2_views === null)).toBe(true);
  });

  it('marks the days of a gap when a snapshot lands in the middle of it', async () => {
    const post = await t.db.selectFrom('post').select('id').where('external_id', '=', 'p1').executeTakeFirstOrThrow();
    await t.db
      .insertInto('post_day')
      .values({ post_id: post.id, day: '2026-10-02', branch_id: branchId, views: 370, likes: 18, comments: 1, shares: 0 })
      .execute();
    const dirty = await sql<{ day: string }>`select day::text from rollup_dirty where branch_id = ${branchId} order by day`.execute(t.db);
    // The new gap (2 Oct) and the next one's (3–4 Oct), plus the publication day.
    expect(dirty.rows.map((r) => r.day)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    await refreshRollups(t.db);
    const vk = await rollup('vk');
    expect(vk.slice(0, 3).map((r) => [r.day, r.v2_views])).toEqual([
      ['2026-10-01', 100],
      ['2026-10-02', 270],
      ['2026-10-04', 15],
    ]);
    await t.db.deleteFrom('post_day').where('post_id', '=', post.id).where('day', '=', '2026-10-02').execute();
    await refreshRollups(t.db);
    expect((await rollup('vk')).map((r) => r.v2_views)).toEqual([100, 100, 100, 5, 5]);
  });

  it('gives the engine both engagement variants, the real posts and visits from social', async () => {
    const w = { from: '2026-10-01', to: '2026-10-06', asOf: '2026-10-06' };
    const b = (await loadMethodInput(t.db, PODIUM_V2, w, 'all')).find((x) => x.id === branchId)!;
    const v2 = computeRanking({ ...w, branches: [b] }, PODIUM_V2).rows[0]!;
    // Views: VK 100+100+100+5+5 = 310, Telegram 6 × 100 = 600 → 910.
    expect(v2.metrics.views).toBe(910);
    // Interactions: VK likes 10+3+3 + comments 1+1 + shares 1 = 19; Telegram reactions 10+3+3+4 = 20 → 39.
    expect(v2.metrics.interactions).toBe(39);
    // ER by views: 39 / 910 = 4.2857 %.
    expect(v2.metrics.engagementByViews).toBeCloseTo((39 / 910) * 100, 10);
    // ER by followers: (39 interactions / 6 days) / (1000 + 500 lowest followers) × 100 = 0.4333 % a day.
    expect(v2.metrics.engagementByFollowers).toBeCloseTo((39 / 6 / 1500) * 100, 10);
    // Site: 6 days × (12 social + 5 messenger) = 102 visits → 51 per 100k residents (population 200 000).
    expect(v2.metrics.siteFromSocial).toBe(102);
    expect(v2.detail.components.find((c) => c.id === 'social_visits_per_100k')?.value).toBe(51);
    expect(v2.detail.components.find((c) => c.id === 'engagement_rate')?.value).toBeCloseTo((39 / 6 / 1500) * 100, 4);
    // podium-v1 on the same rows: the VK post's 410 lifetime views on 1 Oct, Telegram views without any interactions.
    const b1 = (await loadMethodInput(t.db, PODIUM_V1, w, 'all')).find((x) => x.id === branchId)!;
    const v1 = computeRanking({ ...w, branches: [b1] }, PODIUM_V1).rows[0]!;
    expect(v1.metrics.views).toBe(410 + 600);
    expect(v1.metrics.engagementByFollowers).toBeUndefined();
    expect(v1.detail.components.map((c) => c.id)).not.toContain('social_visits_per_100k');
  });

  it('takes out of a window what a snapshot gap across its first day put inside it', async () => {
    // 3–6 October: the VK gap 2–4 Oct (300 views) starts before the window, so its 4 Oct share (100) is
    // taken out (3 Oct was not reported, so nothing of it was counted); 5–6 Oct (5 + 5) stay.
    const w = { from: '2026-10-03', to: '2026-10-06', asOf: '2026-10-06' };
    const b = (await loadMethodInput(t.db, PODIUM_V2, w, 'all')).find((x) => x.id === branchId)!;
    expect(b.edges?.vk).toMatchObject({ views: 100, likes: 3 });
    const row = computeRanking({ ...w, branches: [b] }, PODIUM_V2).rows[0]!;
    // VK 10 + Telegram 4 × 100; the Telegram gap 3–5 Oct (reactions) starts at 3 Oct: inside, kept.
    expect(row.metrics.views).toBe(10 + 400);
  });

  it('counts a gap across both edges of a window once', async () => {
    // 4 October alone: the Telegram gap 3–5 Oct crosses both edges; its 4 Oct share (3 reactions) is taken out once.
    const w = { from: '2026-10-04', to: '2026-10-04', asOf: '2026-10-04' };
    const b = (await loadMethodInput(t.db, PODIUM_V2, w, 'all')).find((x) => x.id === branchId)!;
    expect(b.edges?.telegram).toMatchObject({ reactions: 3, views: 0 });
    expect(b.edges?.vk).toMatchObject({ views: 100 });
  });

  it('serves site visits from social networks and messengers as a series, split by the network Metrica names', async () => {
    const r = (await getBranchSeries(t.db, SYSTEM_VIEWER, 'v2', {
      metric: 'social_visits',
      granularity: 'day',
      from: '2026-10-01',
      to: '2026-10-03',
      network: 'all',
    }))!;
    expect(r.points.map((p) => p.value)).toEqual([17, 17, 17]);
    expect(r.channels).toEqual([
      { source: 'social', channel: 'vkontakte', visits: 9 },
      { source: 'messenger', channel: 'telegram', visits: 5 },
      { source: 'social', channel: 'odnoklassniki', visits: 3 },
    ]);
    const vkOnly = (await getBranchSeries(t.db, SYSTEM_VIEWER, 'v2', {
      metric: 'social_visits',
      granularity: 'day',
      from: '2026-10-01',
      to: '2026-10-03',
      network: 'vk',
    }))!;
    expect(vkOnly.channels).toEqual([]);
  });
});
