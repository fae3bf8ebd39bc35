import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { SYSTEM_VIEWER } from '../../lib/auth/viewer';
import { getMethod } from '../../lib/data/methods';
import { getSnapshot } from '../../lib/data/ranking-snapshot';
import { listRankings } from '../../lib/data/rankings';
import { warmAfterRefresh, warmRankings } from '../../lib/data/ranking-warm';
import { customPeriod, periodContaining } from '../../lib/ranking/period';
import { refreshRollups, SNAPSHOT_LOCK } from '../../lib/rollups/index';
import pg from 'pg';
import { dumpRollups, loadRankingFixture } from './ranking-fixture';

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadRankingFixture>>;

beforeAll(async () => {
  t = await createTestDatabase();
  ids = await loadRankingFixture(t.db);
});
afterAll(async () => t?.drop());

const row = async (branchId: number, day: string, network: string) =>
  (
    await sql<
      Record<string, unknown>
    >`select * from rollup_branch_day where branch_id = ${branchId} and day = ${day} and network = ${network}`.execute(t.db)
  ).rows[0];

describe('rollups', () => {
  it('match hand-computed totals', async () => {
    expect(await row(ids.alpha, '2026-10-05', 'vk')).toMatchObject({
      accounts: 1,
      followers: 1016, // round(1000 + 100·5/31)
      followers_accounts: 1,
      views: 1000,
      likes: 40,
      comments: 5,
      shares: 5,
      account_posts: 1,
      post_count: 0,
      post_views: null,
    });
    expect(await row(ids.bravo, '2026-10-05', 'website')).toMatchObject({ accounts: 1, visits: 100, followers: null });
    // The post published 01:30 Moscow on 2 October counts on that day, at its latest snapshot.
    expect(await row(ids.charlie, '2026-10-02', 'vk')).toMatchObject({
      post_count: 1,
      post_views: 30,
      post_likes: 3,
      post_comments: 1,
      post_shares: 0,
    });
    expect(await row(ids.charlie, '2026-10-01', 'vk')).toMatchObject({ post_count: 0, post_views: null });
    expect(await row(ids.echo, '2026-09-05', 'vk')).toBeUndefined();
    const n = await sql<{ n: number }>`select count(*)::int as n from rollup_branch_day`.execute(t.db);
    // 92 days × (alpha, bravo ×2, charlie ×2, delta) + echo's 31 August days
    expect(n.rows[0].n).toBe(92 * 6 + 31);
    expect((await sql<{ n: number }>`select count(*)::int as n from rollup_dirty`.execute(t.db)).rows[0].n).toBe(0);
  });

  it('incremental refresh after random changes equals a full rebuild, and stale rankings are dropped', async () => {
    const before = await listRankings(t.db, SYSTEM_VIEWER, { period: 'month', date: '2026-10', network: 'all' });
    expect(before.rows[0].branch.slug).toBe('bravo');
    expect((await sql<{ n: number }>`select count(*)::int as n from ranking_snapshot`.execute(t.db)).rows[0].n).toBe(1);

    let seed = 7;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const all = await t.db.selectFrom('account_day').select(['account_id', 'day']).execute();
    for (let i = 0; i < 40; i++) {
      const r = all[Math.floor(rnd() * all.length)];
      await t.db
        .updateTable('account_day')
        .set({ views: Math.floor(rnd() * 5000), followers: Math.floor(rnd() * 3000) })
        .where('account_id', '=', r.account_id)
        .where('day', '=', r.day)
        .execute();
    }
    for (let i = 0; i < 10; i++) {
      const r = all[Math.floor(rnd() * all.length)];
      await t.db.deleteFrom('account_day').where('account_id', '=', r.account_id).where('day', '=', r.day).execute();
    }
    // A new day arrives for every account.
    const accounts = await t.db.selectFrom('account').select(['id', 'branch_id', 'network']).execute();
    await t.db
      .insertInto('account_day')
      .values(
        accounts.map((a) => ({
          account_id: a.id,
          day: '2026-11-01',
          branch_id: a.branch_id,
          network: a.network,
          followers: 5000,
          views: 10,
          posts: 1,
          source: 'api' as const,
        })),
      )
      .execute();
    // Alpha's views jump in October; the cached October ranking must notice.
    await t.db
      .updateTable('account_day')
      .set({ views: 9000 })
      .where('branch_id', '=', ids.alpha)
      .where('day', '>=', '2026-10-01')
      .execute();
    const p = await t.db.selectFrom('post').select('id').executeTakeFirstOrThrow();
    await t.db.insertInto('post_day').values({ post_id: p.id, day: '2026-10-09', branch_id: ids.charlie, views: 99, likes: 9 }).execute();
    await t.db.updateTable('post').set({ published_at: '2026-10-03T09:00:00Z' }).where('id', '=', p.id).execute();

    const res = await refreshRollups(t.db);
    expect(res.branchDays).toBeGreaterThan(10);
    const incremental = await dumpRollups(t.db);
    expect((await sql<{ n: number }>`select count(*)::int as n from ranking_snapshot`.execute(t.db)).rows[0].n).toBe(0);

    await sql`truncate rollup_branch_day`.execute(t.db);
    await sql`insert into rollup_dirty select distinct branch_id, day from account_day on conflict do nothing`.execute(t.db);
    await sql`insert into rollup_dirty select distinct branch_id, (published_at at time zone 'Europe/Moscow')::date from post on conflict do nothing`.execute(
      t.db,
    );
    await refreshRollups(t.db);
    expect(await dumpRollups(t.db)).toEqual(incremental);
    expect(await row(ids.charlie, '2026-10-03', 'vk')).toMatchObject({ post_count: 1, post_views: 99 });
    expect(await row(ids.charlie, '2026-10-02', 'vk')).toMatchObject({ post_count: 0 });

    const after = await listRankings(t.db, SYSTEM_VIEWER, { period: 'month', date: '2026-10', network: 'all' });
    const views = (r: typeof after) =>
      r.rows.find((x) => x.branch.slug === 'alpha')!.detail!.components.find((c) => c.id === 'views_per_100k')!.value!;
    expect(views(before)).toBe(31_000);
    expect(views(after)).toBeGreaterThan(200_000);
  });

  it('drops materialized rankings when a population or the accounts change', async () => {
    await sql`delete from ranking_snapshot`.execute(t.db);
    await listRankings(t.db, SYSTEM_VIEWER, { period: 'month', date: '2026-09', network: 'all' });
    const count = async () => (await sql<{ n: number }>`select count(*)::int as n from ranking_snapshot`.execute(t.db)).rows[0].n;
    expect(await count()).toBe(1);
    await t.db.updateTable('branch').set({ population: 200_000 }).where('id', '=', ids.alpha).execute();
    expect(await count()).toBe(0);
    const r = await listRankings(t.db, SYSTEM_VIEWER, { period: 'month', date: '2026-09', network: 'all' });
    const alpha = r.rows.find((x) => x.branch.slug === 'alpha')!;
    expect(alpha.detail!.components.find((c) => c.id === 'followers_per_100k')!.value).toBe(500);
    await t.db.updateTable('account').set({ status: 'paused' }).where('branch_id', '=', ids.alpha).execute();
    expect(await count()).toBe(0);
  });

  it("warms the running, latest complete and previous week, month, quarter and year, then the rank history's months", async () => {
    await sql`delete from ranking_snapshot`.execute(t.db);
    const warmed = await warmRankings(t.db, { today: '2026-11-02' });
    expect(warmed.map((p) => `${p.kind} ${p.from}`)).toEqual([
      'week 2026-10-26',
      'week 2026-11-02',
      'week 2026-10-19',
      'month 2026-10-01',
      'month 2026-11-01',
      'month 2026-09-01',
      'quarter 2026-07-01',
      'quarter 2026-10-01',
      'quarter 2026-04-01',
      'year 2025-01-01',
      'year 2026-01-01',
      'year 2024-01-01',
      // The branch page's rank history: the 13 months up to the running one, less those above.
      'month 2026-08-01',
      'month 2026-07-01',
      'month 2026-06-01',
      'month 2026-05-01',
      'month 2026-04-01',
      'month 2026-03-01',
      'month 2026-02-01',
      'month 2026-01-01',
      'month 2025-12-01',
      'month 2025-11-01',
    ]);
    const r = await sql<{
      kind: string;
      from: string;
    }>`select period_kind as kind, period_from::text as from from ranking_snapshot order by 1, 2`.execute(t.db);
    expect(r.rows.map((x) => `${x.kind} ${x.from}`)).toEqual([...warmed.map((p) => `${p.kind} ${p.from}`)].sort());
    // Every button then opens a stored ranking: the first view computes nothing.
    for (const period of ['week', 'month', 'quarter', 'year'] as const) {
      await listRankings(t.db, SYSTEM_VIEWER, { period, network: 'all' }, { today: '2026-11-02' });
      await listRankings(t.db, SYSTEM_VIEWER, { period, network: 'all' }, { today: '2026-11-02' });
    }
    expect((await sql<{ n: number }>`select count(*)::int as n from ranking_snapshot`.execute(t.db)).rows[0].n).toBe(22);
  });

  it('warms again after a refresh that rebuilt rollups, and not after one that rebuilt nothing', async () => {
    await sql`delete from ranking_snapshot`.execute(t.db);
    expect(await warmAfterRefresh(t.db, { branchDays: 0 })).toBe(0);
    expect((await sql<{ n: number }>`select count(*)::int as n from ranking_snapshot`.execute(t.db)).rows[0].n).toBe(0);
    expect(await warmAfterRefresh(t.db, { branchDays: 3 })).toBe(22);
    expect((await sql<{ n: number }>`select count(*)::int as n from ranking_snapshot`.execute(t.db)).rows[0].n).toBe(22);
  });

  it('does not let a ranking built from replaced rollups survive the refresh', async () => {
    await sql`delete from ranking_snapshot`.execute(t.db);
    await listRankings(t.db, SYSTEM_VIEWER, { period: 'month', date: '2026-10', network: 'all' });
    const snapshot = (await sql<{ id: number }>`select id from ranking_snapshot`.execute(t.db)).rows[0];
    // A builder that read the old rollups and has not committed yet.
    const builder = new pg.Client({ connectionString: t.url });
    await builder.connect();
    await builder.query('begin');
    await builder.query('select pg_advisory_xact_lock_shared($1)', [SNAPSHOT_LOCK]);
    await t.db.updateTable('account_day').set({ views: 7 }).where('branch_id', '=', ids.bravo).where('day', '=', '2026-10-15').execute();
    let done = false;
    const refresh = refreshRollups(t.db).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    await builder.query('commit');
    await builder.end();
    expect((await refresh).branchDays).toBe(1);
    const left = await sql<{ id: number }>`select id from ranking_snapshot where id = ${snapshot.id}`.execute(t.db);
    expect(left.rows).toEqual([]);
  });

  it('lets two refreshes run at once without losing or doubling work', async () => {
    await t.db.updateTable('account_day').set({ views: 1 }).where('day', '>=', '2026-08-01').execute();
    const [a, b] = await Promise.all([refreshRollups(t.db), refreshRollups(t.db)]);
    const days = (await sql<{ n: number }>`select count(distinct (branch_id, day))::int as n from account_day`.execute(t.db)).rows[0].n;
    expect(a.branchDays + b.branchDays).toBe(days);
    const v = await sql<{ n: number }>`select count(*)::int as n from rollup_branch_day where network = 'vk' and views <> accounts`.execute(
      t.db,
    );
    expect(v.rows[0].n).toBe(0);
  });

  it('counts each account by its own totals, or by its posts when it has none', async () => {
    const branch = await t.db
      .insertInto('branch')
      .values({
        slug: 'mixed',
        name: 'Смешанный',
        name_en: 'Mixed',
        region_code: 'RU-SA',
        federal_district: 'central',
        population: 100_000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const account = async (key: string) =>
      (
        await t.db
          .insertInto('account')
          .values({ branch_id: branch.id, network: 'vk', external_id: `mixed-${key}`, handle: key })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const [totals, postsOnly, noDayRow] = [await account('totals'), await account('posts-only'), await account('no-day-row')];
    const day = '2026-10-20';
    await t.db
      .insertInto('account_day')
      .values([
        {
          account_id: totals,
          day,
          branch_id: branch.id,
          network: 'vk',
          followers: 2000,
          views: 1000,
          likes: 10,
          comments: 0,
          shares: 0,
          posts: 2,
          source: 'demo',
        },
        { account_id: postsOnly, day, branch_id: branch.id, network: 'vk', followers: 500, source: 'demo' },
      ])
      .execute();
    const post = async (accountId: number, key: string, views: number, likes: number) => {
      const p = await t.db
        .insertInto('post')
        .values({
          account_id: accountId,
          branch_id: branch.id,
          network: 'vk',
          external_id: key,
          published_at: '2026-10-20T09:00:00Z',
          source: 'demo',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('post_day')
        .values({ post_id: p.id, day, branch_id: branch.id, views, likes, comments: 1, shares: 0 })
        .execute();
    };
    await post(postsOnly, 'm1', 300, 7);
    await post(noDayRow, 'm2', 50, 2);
    await refreshRollups(t.db);
    // Choosing after summing gave views 1000: the accounts without totals vanished.
    expect(await row(branch.id, day, 'vk')).toMatchObject({
      accounts: 2,
      followers: 2500,
      views: 1350,
      views_accounts: 3,
      likes: 19,
      comments: 2,
      account_posts: 4,
      post_count: 2,
      post_views: 350,
    });
  });

  it('keeps a bounded number of custom-range rankings, newest first, and never the calendar ones', async () => {
    await sql`delete from ranking_snapshot`.execute(t.db);
    const method = (await getMethod(t.db))!;
    const opts = { today: '2026-11-15', keepCustom: 3 };
    await getSnapshot(t.db, method, periodContaining('month', '2026-10-10'), 'all', opts);
    const ranges = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05'].map((from) => customPeriod(from, '2026-10-20'));
    for (const p of ranges.slice(0, 4)) await getSnapshot(t.db, method, p, 'all', opts);
    // Nothing younger than 10 minutes goes: a request may be reading it.
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from ranking_snapshot where period_kind = 'custom'`.execute(t.db)).rows[0].n,
    ).toBe(4);
    await sql`update ranking_snapshot set computed_at = computed_at - interval '1 hour'`.execute(t.db);
    await getSnapshot(t.db, method, ranges[4]!, 'all', opts);
    const kept = await sql<{
      period_kind: string;
      period_from: string;
    }>`select period_kind, period_from::text from ranking_snapshot order by period_kind, period_from`.execute(t.db);
    expect(kept.rows).toEqual([
      { period_kind: 'custom', period_from: '2026-10-03' },
      { period_kind: 'custom', period_from: '2026-10-04' },
      { period_kind: 'custom', period_from: '2026-10-05' },
      { period_kind: 'month', period_from: '2026-10-01' },
    ]);
  });
});
