import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { eachDay } from '../../lib/ranking/period';
import { refreshRollups } from '../../lib/rollups/index';

// A small dataset with numbers simple enough to rank by hand (all populations
// 100 000, so "per 100k" equals the raw total). docs/methodology.md walks
// through October.
//
//            views/day  interactions/day  followers (Oct)   posts/day  site visits/day
//  alpha        1000          50          1000 → 1100          1            —
//  bravo        2000          60          2000 → 2100          2           100
//  charlie       500          40           500 → 600           1            50
//  delta        3000          30          1500 flat      1 (Sep), 2 in all Oct   —
//  echo: alpha's August totals (a tie in August), data in August only; in
//        week 2026-W33 it trails alpha narrowly (a contested top three).
export const FIXTURE_BRANCHES = [
  { slug: 'alpha', name: 'Альфа', name_en: 'Alpha', region_code: 'RU-AD', federal_district: 'southern' },
  { slug: 'bravo', name: 'Браво', name_en: 'Bravo', region_code: 'RU-AL', federal_district: 'siberian' },
  { slug: 'charlie', name: 'Чарли', name_en: 'Charlie', region_code: 'RU-BA', federal_district: 'volga' },
  { slug: 'delta', name: 'Дельта', name_en: 'Delta', region_code: 'RU-BU', federal_district: 'siberian' },
  { slug: 'echo', name: 'Эхо', name_en: 'Echo', region_code: 'RU-DA', federal_district: 'north_caucasian' },
] as const;

type Slug = (typeof FIXTURE_BRANCHES)[number]['slug'];

interface DaySpec {
  followers: number;
  views: number;
  interactions: number;
  posts: number;
  visits: number | null;
}

function spec(slug: Slug, day: string): DaySpec | null {
  const oct = day >= '2026-10-01';
  const aug = day < '2026-09-01';
  const octDay = oct ? Number(day.slice(8, 10)) : 0;
  switch (slug) {
    case 'alpha':
      return { followers: Math.round(1000 + (100 * octDay) / 31), views: 1000, interactions: 50, posts: 1, visits: null };
    case 'bravo':
      return { followers: Math.round(2000 + (100 * octDay) / 31), views: 2000, interactions: 60, posts: 2, visits: 100 };
    case 'charlie':
      return { followers: Math.round(500 + (100 * octDay) / 31), views: 500, interactions: 40, posts: 1, visits: 50 };
    case 'delta':
      return {
        followers: 1500,
        views: 3000,
        interactions: 30,
        posts: oct ? (day === '2026-10-05' || day === '2026-10-06' ? 1 : 0) : 1,
        visits: null,
      };
    case 'echo':
      // Same August totals as alpha, but a different week 33 (10–16 Aug) and week 34 that cancel out.
      if (!aug) return null;
      if (day >= '2026-08-10' && day <= '2026-08-16') return { followers: 1000, views: 800, interactions: 60, posts: 1, visits: null };
      if (day >= '2026-08-17' && day <= '2026-08-23') return { followers: 1000, views: 1200, interactions: 40, posts: 1, visits: null };
      return { followers: 1000, views: 1000, interactions: 50, posts: 1, visits: null };
  }
}

export async function loadRankingFixture(db: DB): Promise<Record<Slug, number>> {
  const ids = {} as Record<Slug, number>;
  for (const b of FIXTURE_BRANCHES) {
    const row = await db
      .insertInto('branch')
      .values({ ...b, population: 100_000 })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[b.slug] = row.id;
  }
  const accounts = new Map<string, number>();
  for (const b of FIXTURE_BRANCHES) {
    for (const network of ['vk', 'website'] as const) {
      if (network === 'website' && b.slug !== 'bravo' && b.slug !== 'charlie') continue;
      const a = await db
        .insertInto('account')
        .values({ branch_id: ids[b.slug], network, external_id: `${b.slug}-${network}`, handle: b.slug })
        .returning('id')
        .executeTakeFirstOrThrow();
      accounts.set(`${b.slug}/${network}`, a.id);
    }
  }
  const dayRows = [];
  for (const b of FIXTURE_BRANCHES) {
    for (const day of eachDay('2026-08-01', '2026-10-31')) {
      const s = spec(b.slug, day);
      if (!s) continue;
      dayRows.push({
        account_id: accounts.get(`${b.slug}/vk`)!,
        day,
        branch_id: ids[b.slug],
        network: 'vk' as const,
        followers: s.followers,
        views: s.views,
        likes: s.interactions - 10,
        comments: 5,
        shares: 5,
        posts: s.posts,
        source: 'demo' as const,
      });
      if (s.visits !== null) {
        dayRows.push({
          account_id: accounts.get(`${b.slug}/website`)!,
          day,
          branch_id: ids[b.slug],
          network: 'website' as const,
          visits: s.visits,
          posts: 0,
          source: 'demo' as const,
        });
      }
    }
  }
  for (let i = 0; i < dayRows.length; i += 500)
    await db
      .insertInto('account_day')
      .values(dayRows.slice(i, i + 500))
      .execute();

  // One post of charlie published at 01:30 Moscow on 2 October (still 1 October in UTC).
  const post = await db
    .insertInto('post')
    .values({
      account_id: accounts.get('charlie/vk')!,
      branch_id: ids.charlie,
      network: 'vk',
      external_id: 'p1',
      published_at: '2026-10-01T22:30:00Z',
      source: 'demo',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('post_day')
    .values([
      { post_id: post.id, day: '2026-10-02', branch_id: ids.charlie, views: 10, likes: 1, comments: 0, shares: 0 },
      { post_id: post.id, day: '2026-10-04', branch_id: ids.charlie, views: 30, likes: 3, comments: 1, shares: 0 },
    ])
    .execute();
  await refreshRollups(db);
  return ids;
}

/** Rollup rows as comparable plain objects. */
export async function dumpRollups(db: DB): Promise<unknown[]> {
  const r = await sql`select * from rollup_branch_day order by branch_id, day, network`.execute(db);
  return r.rows;
}
