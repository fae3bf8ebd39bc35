// Content analytics on a real database: the period's days are read on the
// method's clock, per-type rows add up to the totals, NULL stays "not measured",
// and the export's content table says the same as the API.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_VIEWER, type Viewer } from '../../lib/auth/viewer';
import { getBranchContent, getContentOverview } from '../../lib/data/content';
import { branchExportQuerySchema } from '../../lib/export/definitions';
import { branchExportSpec } from '../../lib/export/specs';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadRankingFixture } from './ranking-fixture';

let t: TestDatabase;
let ids: Record<string, number>;

beforeAll(async () => {
  t = await createTestDatabase();
  ids = await loadRankingFixture(t.db);
  const account = await t.db
    .selectFrom('account')
    .select('id')
    .where('branch_id', '=', ids.alpha!)
    .where('network', '=', 'vk')
    .executeTakeFirstOrThrow();
  // [published at (UTC), type, views, likes]. 2026-09-30T21:30Z is 1 October 00:30 in Moscow (a Thursday).
  const posts: [string, 'clip' | 'photo' | null, number | null, number | null][] = [
    ['2026-09-30T21:30:00Z', 'clip', 200, 20],
    ['2026-09-30T20:30:00Z', 'photo', 100, 1], // 30 September 23:30 Moscow: not October
    ['2026-10-05T09:00:00Z', 'photo', 300, 6],
    ['2026-10-06T09:00:00Z', null, 50, 2],
    ['2026-10-07T09:00:00Z', 'photo', null, null],
  ];
  for (const [i, [at, type, views, likes]] of posts.entries()) {
    const p = await t.db
      .insertInto('post')
      .values({
        account_id: account.id,
        branch_id: ids.alpha!,
        network: 'vk',
        external_id: `ca-${i}`,
        published_at: new Date(at),
        url: null,
        content_type: type,
        excerpt: `post ${i}`,
        source: 'api',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('post_day')
      .values({
        post_id: p.id,
        day: '2026-10-20',
        branch_id: ids.alpha!,
        views,
        likes,
        comments: likes === null ? null : 0,
        shares: likes === null ? null : 0,
      })
      .execute();
  }
});
afterAll(async () => {
  await t?.drop();
});

const OCT = { from: '2026-10-01', to: '2026-10-31', network: 'all' as const };

describe('content analytics on the database', () => {
  it('reads the period on the method clock and places posts in Moscow hours', async () => {
    const r = (await getBranchContent(t.db, SYSTEM_VIEWER, 'alpha', OCT))!;
    expect(r.period.timeZone).toBe('Europe/Moscow');
    expect(r.totals.posts).toBe(4);
    // Thursday (4) 00:00 Moscow holds the clip at 21:30 UTC on Wednesday.
    expect(r.heatmap[(4 - 1) * 24 + 0]).toEqual({ weekday: 4, hour: 0, posts: 1, median: 10, enough: false });
    const sept = (await getBranchContent(t.db, SYSTEM_VIEWER, 'alpha', { ...OCT, from: '2026-09-30', to: '2026-09-30' }))!;
    expect(sept.totals.posts).toBe(1);
  });

  it('per-type rows add up to the totals; NULL stays not measured', async () => {
    const r = (await getBranchContent(t.db, SYSTEM_VIEWER, 'alpha', OCT))!;
    expect(r.byType.map((x) => [x.contentType, x.posts])).toEqual([
      ['photo', 2],
      ['clip', 1],
      [null, 1],
    ]);
    expect(r.byType.reduce((s, x) => s + x.posts, 0)).toBe(r.totals.posts);
    expect(r.byType.reduce((s, x) => s + (x.views ?? 0), 0)).toBe(r.totals.views);
    expect(r.totals).toMatchObject({ views: 550, interactions: 28, measuredPosts: 3 });
    expect(r.byNetwork.map((x) => [x.network, x.posts])).toEqual([['vk', 4]]);
    expect(r.topPosts.every((p) => p.contentType !== undefined)).toBe(true);
    // The rate is named as on the branch page (PostDto): interactions / views × 100.
    expect(r.topPosts.length).toBeGreaterThan(0);
    for (const p of r.topPosts) expect(p.engagementRate).toBeCloseTo(((p.interactions ?? 0) / p.views!) * 100, 10);
  });

  it('a coordinator of another branch gets nothing, and their overview counts their branch only', async () => {
    const other: Viewer = { userId: 'u', email: 'c@x.test', name: '', role: 'coordinator', branchId: ids.bravo! };
    expect(await getBranchContent(t.db, other, 'alpha', OCT)).toBeUndefined();
    const mine = await getContentOverview(t.db, other, OCT);
    expect(mine.branches).toBe(1);
    expect(mine.totals.posts).toBe(0);
    expect(mine.byBranch).toEqual([]);
    const all = await getContentOverview(t.db, SYSTEM_VIEWER, OCT);
    expect(all.totals.posts).toBeGreaterThanOrEqual(4);
    // The per-branch rows add up to the overview's totals.
    expect(all.byBranch.reduce((s, r) => s + r.posts, 0)).toBe(all.totals.posts);
    expect(all.byBranch.find((r) => r.branch.slug === 'alpha')).toMatchObject({ posts: 4, measuredPosts: 3 });
  });

  it('exports the breakdown with empty cells for what was not measured, and top posts with their type', async () => {
    const input = branchExportQuerySchema.parse({ ...OCT, table: 'content' });
    const out = (await branchExportSpec(t.db, SYSTEM_VIEWER, 'alpha', input, { format: 'csv', delimiter: 'comma', lang: 'en' }, 'en'))!;
    const rows = parse((await out.response().text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const types = rows.filter((r) => r.Breakdown === 'content type');
    const total = rows.find((r) => r.Breakdown === 'total')!;
    expect(types.map((r) => r.Value)).toEqual(['Photo', 'Clip', 'type not given']);
    expect(types.reduce((s, r) => s + Number(r['Posts in the period']), 0)).toBe(Number(total['Posts in the period']));
    expect(total['Posts in the period']).toBe('4');
    const posts = branchExportQuerySchema.parse({ ...OCT, table: 'posts' });
    const top = (await branchExportSpec(t.db, SYSTEM_VIEWER, 'alpha', posts, { format: 'csv', delimiter: 'comma', lang: 'en' }, 'en'))!;
    const list = parse((await top.response().text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r) => ['Photo', 'Clip', 'type not given'].includes(r['Content type']!))).toBe(true);
    expect(() => branchExportQuerySchema.parse({ table: 'content' })).toThrow(/required with table=content/);
  });
});
