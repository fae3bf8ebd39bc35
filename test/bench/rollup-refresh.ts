// Full rollup rebuild on the demo data: every (branch, day) queued, then refreshRollups, 3 times.
// Prints the times and the total views the rollups hold (the per-account rule changed that number),
// then the refresh a collection round causes (the last three days of every branch).
// Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx test/bench/rollup-refresh.ts
import pg from 'pg';
import { sql } from 'kysely';
import { createDb } from '../../db/client';
import { withDatabase } from '../../db/embedded';
import { migrateToLatest } from '../../db/migrate';
import { loadDemo } from '../../lib/demo/load';
import { refreshRollups } from '../../lib/rollups/index';

const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `podium_bench_rollups_${process.pid}`;
const admin = new pg.Client({ connectionString: withDatabase(SERVER, 'postgres') });
await admin.connect();
await admin.query(`create database ${name}`);
const db = createDb(withDatabase(SERVER, name), { max: 2 });
try {
  await migrateToLatest(db);
  const r = await loadDemo(db, { end: '2026-11-20' });
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    await sql`insert into rollup_dirty (branch_id, day) select distinct branch_id, day from account_day on conflict do nothing`.execute(db);
    const t0 = Date.now();
    await refreshRollups(db);
    times.push(Date.now() - t0);
  }
  // What a collection round queues: the last three days of every branch.
  const inc: number[] = [];
  for (let i = 0; i < 3; i++) {
    await sql`insert into rollup_dirty (branch_id, day) select distinct branch_id, day from account_day where day >= '2026-11-18' on conflict do nothing`.execute(
      db,
    );
    const t0 = Date.now();
    await refreshRollups(db);
    inc.push(Date.now() - t0);
  }
  const views = (await sql<{ v: string }>`select sum(views)::text as v from rollup_branch_day`.execute(db)).rows[0]!.v;
  console.log(
    `demo data: ${r.accountDays} account-days, ${r.posts} posts; full rebuild ${times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')}; total views in rollups ${views}`,
  );
  console.log(`last 3 days of every branch: ${inc.map((t) => `${t} ms`).join(', ')}`);
} finally {
  await db.destroy();
  await admin.query(`drop database ${name} with (force)`);
  await admin.end();
}
