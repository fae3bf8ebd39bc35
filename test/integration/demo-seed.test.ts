import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadDemo } from '../../lib/demo/load';
import { REGIONS } from '../../lib/demo/regions';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe('demo data loader', () => {
  it('fills an empty database with every region and all of the data set', async () => {
    const r = await loadDemo(t.db, { end: '2026-11-25', regions: REGIONS.slice(0, 12) });
    expect(r.branches).toBe(12);
    const counts = await sql<{ b: number; a: number; d: number; p: number; s: number; src: string[] }>`
      select (select count(*) from branch)::int as b, (select count(*) from account)::int as a,
             (select count(*) from account_day)::int as d, (select count(*) from post)::int as p,
             (select count(*) from post_day)::int as s,
             (select array_agg(distinct source) from account_day) as src`.execute(t.db);
    const c = counts.rows[0]!;
    expect(c).toMatchObject({ b: 12, a: r.accounts, d: r.accountDays, p: r.posts, s: r.postDays });
    expect(c.src).toEqual(['demo']);
    // branch_id on every metric row matches its account's branch
    const mismatched = await sql<{ n: number }>`
      select count(*)::int as n from account_day d join account a on a.id = d.account_id where a.branch_id <> d.branch_id`.execute(t.db);
    expect(mismatched.rows[0]!.n).toBe(0);
    // post ids continue after the loaded ones
    const next = await t.db
      .insertInto('post')
      .values({ account_id: 1, branch_id: 1, network: 'vk', external_id: 'new', published_at: new Date(), source: 'manual' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(next.id).toBeGreaterThan(r.posts);
  });

  it('refuses a database that already has branches, writing nothing', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from account_day`.execute(t.db);
    await expect(loadDemo(t.db, { end: '2026-11-25', regions: REGIONS.slice(12, 14) })).rejects.toThrow(/already has branches/);
    const after = await sql<{ n: number }>`select count(*)::int as n from account_day`.execute(t.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
