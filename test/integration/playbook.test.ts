// The playbook against a real database: steps for a branch outside the top
// three, example posts of similar branches, and what a coordinator gets of
// other branches through it — post links and post-level counts, nothing else
// (docs/access.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../lib/auth/viewer';
import { getPlaybook } from '../../lib/data/playbook';
import { listRankings } from '../../lib/data/rankings';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { eachDay } from '../../lib/ranking/period';
import { refreshRollups } from '../../lib/rollups/index';
import { loadRankingFixture } from './ranking-fixture';

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadRankingFixture>>;
const central: Viewer = { userId: 'c1', email: 'c@t.test', name: 'C', role: 'central', branchId: null };
const OCT = { period: 'month' as const, date: '2026-10', network: 'all' as const };
const TODAY = { today: '2026-11-15' };
let last: { slug: string; id: number; rank: number };
let coord: Viewer;

beforeAll(async () => {
  t = await createTestDatabase();
  ids = await loadRankingFixture(t.db);
  // Two more branches with a full October, so that someone ranks below the top three:
  // foxtrot (population 120 000) trails everyone; golf (2 000 000) sits in between.
  for (const [slug, region, population, views, inter] of [
    ['foxtrot', 'RU-KB', 120_000, 200, 6],
    ['golf', 'RU-KL', 2_000_000, 9000, 200],
  ] as const) {
    const b = await t.db
      .insertInto('branch')
      .values({ slug, name: slug, name_en: slug, region_code: region, federal_district: 'volga', population })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await t.db
      .insertInto('account')
      .values({ branch_id: b.id, network: 'vk', external_id: `${slug}-vk`, handle: slug })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('account_day')
      .values(
        eachDay('2026-09-01', '2026-10-31').map((day, k) => ({
          account_id: a.id,
          day,
          branch_id: b.id,
          network: 'vk' as const,
          followers: 1000 + k,
          views,
          likes: inter,
          comments: 0,
          shares: 0,
          posts: 1,
          source: 'demo' as const,
        })),
      )
      .execute();
  }
  await refreshRollups(t.db);
  // A public post with a link for every branch, two for delta; counts chosen so the order is known.
  const posts: [keyof typeof ids, string, number, number][] = [
    ['alpha', 'a1', 1000, 50],
    ['bravo', 'b1', 1000, 80],
    ['charlie', 'c2', 1000, 30],
    ['delta', 'd1', 1000, 90],
    ['delta', 'd2', 1000, 70],
    ['delta', 'd3', 1000, 60],
  ];
  for (const [slug, ext, views, likes] of posts) {
    const acc = await t.db
      .selectFrom('account')
      .select('id')
      .where('branch_id', '=', ids[slug])
      .where('network', '=', 'vk')
      .executeTakeFirstOrThrow();
    const p = await t.db
      .insertInto('post')
      .values({
        account_id: acc.id,
        branch_id: ids[slug],
        network: 'vk',
        external_id: ext,
        url: `https://vk.com/wall-1_${ext}`,
        excerpt: `post ${ext}`,
        published_at: '2026-10-10T09:00:00Z',
        source: 'demo',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('post_day')
      .values({ post_id: p.id, day: '2026-10-11', branch_id: ids[slug], views, likes, comments: 0, shares: 0 })
      .execute();
  }
  const ranking = await listRankings(t.db, central, OCT, TODAY);
  const ranked = ranking.rows.filter((r) => r.eligible && r.rank !== null);
  const worst = ranked[ranked.length - 1];
  last = { slug: worst.branch.slug, id: worst.branch.id, rank: worst.rank! };
  coord = { userId: 'k1', email: 'k@t.test', name: 'K', role: 'coordinator', branchId: last.id };
});
afterAll(async () => {
  await t?.drop();
});

describe('playbook', () => {
  it('the fixture has a branch outside the top three', () => {
    expect(last.rank).toBeGreaterThan(3);
  });

  it("gives steps that reach the top three, each about the branch's own values", async () => {
    const pb = await getPlaybook(t.db, coord, last.slug, OCT, TODAY);
    expect(pb).toBeTruthy();
    expect(pb!.rank).toBe(last.rank);
    expect(pb!.steps.length).toBeGreaterThan(0);
    const own = (await listRankings(t.db, coord, OCT, TODAY)).rows.find((r) => r.branch.id === last.id)!;
    for (const s of pb!.steps) {
      expect(s.rank).toBeLessThanOrEqual(3);
      for (const c of s.changes) {
        expect(c.current).toBe(own.detail!.components.find((x) => x.id === c.component)!.value);
        expect(c.target).toBeGreaterThan(c.current);
      }
    }
  });

  it("a coordinator gets other branches' public posts and names only — no account metrics, health or component values", async () => {
    const pb = (await getPlaybook(t.db, coord, last.slug, OCT, TODAY))!;
    expect(Object.keys(pb).sort()).toEqual(['examples', 'rank', 'similar', 'steps', 'topN']);
    expect(pb.similar.length).toBeGreaterThan(0);
    for (const b of pb.similar) expect(Object.keys(b).sort()).toEqual(['name', 'nameEn', 'slug']);
    expect(pb.examples.length).toBeGreaterThan(0);
    for (const e of pb.examples) {
      expect(Object.keys(e).sort()).toEqual([
        'branch',
        'engagementRate',
        'excerpt',
        'interactions',
        'network',
        'publishedAt',
        'url',
        'views',
      ]);
      expect(Object.keys(e.branch).sort()).toEqual(['name', 'nameEn', 'slug']);
      expect(e.branch.slug).not.toBe(last.slug);
      expect(pb.similar.map((b) => b.slug)).toContain(e.branch.slug);
      expect(e.url).toMatch(/^https:\/\/vk\.com\/wall-1_/);
    }
    // Best engagement first, at most two a branch.
    const ers = pb.examples.map((e) => e.engagementRate!);
    expect([...ers].sort((a, b) => b - a)).toEqual(ers);
    const per = new Map<string, number>();
    for (const e of pb.examples) per.set(e.branch.slug, (per.get(e.branch.slug) ?? 0) + 1);
    expect(Math.max(...per.values())).toBeLessThanOrEqual(2);
  });

  it("another branch's playbook is not there for a coordinator, as if the branch did not exist", async () => {
    const other = Object.keys(ids).find((s) => s !== last.slug)!;
    expect(await getPlaybook(t.db, coord, other, OCT, TODAY)).toBeUndefined();
    expect(await getPlaybook(t.db, coord, 'no-such-branch', OCT, TODAY)).toBeUndefined();
  });

  it('a branch in the top three has no playbook', async () => {
    const top = (await listRankings(t.db, central, OCT, TODAY)).rows.find((r) => r.rank === 1)!;
    expect(await getPlaybook(t.db, central, top.branch.slug, OCT, TODAY)).toBeNull();
  });
});
