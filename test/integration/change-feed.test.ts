import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DB } from '../../db/client';
import { generationOf } from '../../db/change-feed';
import { poolOf } from '../../db/prepared';
import type { RankingsQuery } from '../../lib/api/schemas';
import { SYSTEM_VIEWER } from '../../lib/auth/viewer';
import { setMethodInEffect } from '../../lib/data/method-choice';
import { listRankings } from '../../lib/data/rankings';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { waitFor } from '../helpers/wait';
import { loadRankingFixture } from './ranking-fixture';

// The warm ranking lookup's memo and the change notices it relies on (db/change-feed.ts,
// db/migrations/0020-change-notices.ts; docs/operations.md, "Warm rankings without a round trip").
// `web` plays a web instance; `other` plays another process (its writes reach `web` only as notices).

let t: TestDatabase;
let web: DB;
let other: pg.Client;
const TODAY = '2026-11-26';
const OCTOBER: RankingsQuery = { period: 'month', date: '2026-10', network: 'all' };

const gen = () => generationOf(poolOf(web));
const listeners = async () =>
  (
    await sql<{
      pid: number;
    }>`select pid from pg_stat_activity where application_name = 'podium-listen' and datname = current_database()`.execute(t.db)
  ).rows.map((r) => r.pid);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRankingFixture(t.db);
  web = createDb(t.url, { max: 3, applicationName: 'web' });
  other = new pg.Client({ connectionString: t.url });
  await other.connect();
  expect(gen()).toBeNull(); // the first call starts listening
  await waitFor(() => gen() !== null, 5_000);
});

afterAll(async () => {
  await other?.end();
  await web?.destroy();
  await t?.drop();
});

describe('change feed', () => {
  it('moves the generation on a write through any pool of this process, not on a read', async () => {
    const g0 = gen();
    await sql`select 1`.execute(web);
    await t.db.selectFrom('branch').select('id').execute();
    expect(gen()).toBe(g0);
    // app_user sends no notice (test below), so only the write itself moves the generation.
    await t.db.updateTable('app_user').set({ name: 'x' }).where('id', '=', 'nobody').execute();
    expect(gen()).not.toBe(g0);
  });

  it('hears another process change a table the ranking lookup reads, and only those', async () => {
    await pause(300); // notices of earlier writes
    let g = gen();
    await other.query(`update app_user set name = name where false`);
    await pause(300);
    expect(gen()).toBe(g);
    for (const table of ['ranking_snapshot', 'ranking_method', 'ranking_method_choice', 'rollup_branch_day']) {
      g = gen();
      // A statement trigger fires even when no row changes.
      await other.query(`delete from ${table} where false`);
      await waitFor(() => gen() !== g, 2_000);
    }
  });

  it("serves a warm ranking from the memo, and follows another process's change within the notice's time", async () => {
    const first = await listRankings(web, SYSTEM_VIEWER, OCTOBER, { today: TODAY });
    expect(await listRankings(web, SYSTEM_VIEWER, OCTOBER, { today: TODAY })).toBe(first);
    // The snapshot goes away in another process: the next answers are computed afresh.
    await other.query(`delete from ranking_snapshot where period_from = '2026-10-01' and period_to = '2026-10-31'`);
    await waitFor(async () => (await listRankings(web, SYSTEM_VIEWER, OCTOBER, { today: TODAY })) !== first, 2_000);
    const again = await listRankings(web, SYSTEM_VIEWER, OCTOBER, { today: TODAY });
    expect(again.rows.map((r) => [r.branch.slug, r.rank, r.score])).toEqual(first.rows.map((r) => [r.branch.slug, r.rank, r.score]));
  });

  it('holds an answer whose notice never comes for at most five seconds', async () => {
    const first = await listRankings(web, SYSTEM_VIEWER, OCTOBER, { today: TODAY });
    await other.query('alter table ranking_snapshot disable trigger ranking_snapshot_notify_change');
    try {
      await other.query(`delete from ranking_snapshot where period_from = '2026-10-01' and period_to = '2026-10-31'`);
      await pause(200);
      // No notice: the memo (no round trip) still answers with the snapshot that is gone.
      expect(await listRankings(web, SYSTEM_VIEWER, OCTOBER, { today: TODAY })).toBe(first);
      await pause(5_000);
      expect(await listRankings(web, SYSTEM_VIEWER, OCTOBER, { today: TODAY })).not.toBe(first);
    } finally {
      await other.query('alter table ranking_snapshot enable trigger ranking_snapshot_notify_change');
    }
  });

  it('reads its own writes at once, whichever pool wrote them', { timeout: 30_000 }, async () => {
    // Notices are off here, so only the writes' own moves of the generation can make this pass.
    await other.query('alter table ranking_method_choice disable trigger ranking_method_choice_notify_change');
    try {
      const inEffect = { period: 'month' as const, date: '2026-10', network: 'all' as const };
      for (const label of ['podium-v1', 'podium-v2', 'podium-v1']) {
        await setMethodInEffect(t.db, label, 'test');
        expect((await listRankings(web, SYSTEM_VIEWER, inEffect, { today: TODAY })).method.label).toBe(label);
      }
    } finally {
      await other.query('alter table ranking_method_choice enable trigger ranking_method_choice_notify_change');
    }
  });

  it('listens again after its connection is lost, and stops listening when the pool ends', { timeout: 30_000 }, async () => {
    const [pid] = await listeners();
    expect(pid).toBeDefined();
    await sql`select pg_terminate_backend(${pid}::int)`.execute(t.db);
    await waitFor(async () => (await listeners()).some((p) => p !== pid) && gen() !== null, 10_000);

    const extra = createDb(t.url, { max: 1, applicationName: 'extra' });
    await listRankings(extra, SYSTEM_VIEWER, OCTOBER, { today: TODAY });
    await waitFor(async () => (await listeners()).length === 2, 5_000);
    await extra.destroy();
    await waitFor(async () => (await listeners()).length === 1, 5_000);
  });
});
