import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { migrateToLatest } from '../../db/migrate';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe('migrations', () => {
  it('apply cleanly and are idempotent', async () => {
    const again = await migrateToLatest(t.db);
    expect(again.results).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(t.db);
    const names = tables.rows.map((r) => r.table_name);
    for (const n of ['branch', 'account', 'account_day', 'post', 'post_day', 'collection_run', 'credential', 'ranking_method']) {
      expect(names).toContain(n);
    }
  });

  it('returns counts as numbers, days as strings and keeps NULL apart from zero', async () => {
    const b = await t.db
      .insertInto('branch')
      .values({ slug: 'test', name: 'Тест', name_en: 'Test', region_code: 'RU-MOW', federal_district: 'central', population: 100 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await t.db
      .insertInto('account')
      .values({ branch_id: b.id, network: 'vk', external_id: '1' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('account_day')
      .values([
        { account_id: a.id, branch_id: b.id, network: 'vk', day: '2026-10-01', followers: 9_000_000_000, views: 0, source: 'manual' },
        { account_id: a.id, branch_id: b.id, network: 'vk', day: '2026-10-02', followers: null, views: null, source: 'manual' },
      ])
      .execute();
    const rows = await t.db.selectFrom('account_day').select(['day', 'followers', 'views']).orderBy('day').execute();
    expect(rows).toEqual([
      { day: '2026-10-01', followers: 9_000_000_000, views: 0 },
      { day: '2026-10-02', followers: null, views: null },
    ]);
  });

  it('rejects negative counts and unknown networks', async () => {
    const b = await t.db.selectFrom('branch').select('id').executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto('account')
        .values({ branch_id: b.id, network: 'myspace' as 'vk', external_id: 'x' })
        .execute(),
    ).rejects.toThrow(/check constraint/);
  });
});
