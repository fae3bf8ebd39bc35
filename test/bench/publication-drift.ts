// The cost of drift computed on read, on the demo data (83 branches): October
// published, then, side by side, N times each:
//   live      – listRankings for October (the ranking page's read, snapshot warm)
//   drift     – getDrift for the publication (snapshot warm)
//   published – getPublishedRanking (the published rows, scoped)
//   cold      – October's account_day views re-polled +10 % for one branch, refreshRollups
//               (not timed), then getDrift: the first reader rebuilds the live snapshot.
// Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx test/bench/publication-drift.ts [N]
import pg from 'pg';
import { sql } from 'kysely';
import { createDb } from '../../db/client';
import { withDatabase } from '../../db/embedded';
import { migrateToLatest } from '../../db/migrate';
import { SYSTEM_VIEWER } from '../../lib/auth/viewer';
import { listRankings } from '../../lib/data/rankings';
import { loadDemo } from '../../lib/demo/load';
import { getDrift, getPublishedRanking, publishRanking } from '../../lib/publications';
import { refreshRollups } from '../../lib/rollups/index';

const N = Number(process.argv[2] ?? 20);
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TODAY = '2026-11-20';
const OCT = { period: 'month', date: '2026-10', network: 'all' } as const;
const name = `podium_bench_drift_${process.pid}`;
const admin = new pg.Client({ connectionString: withDatabase(SERVER, 'postgres') });
await admin.connect();
await admin.query(`create database ${name}`);
const db = createDb(withDatabase(SERVER, name), { max: 4 });

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  await migrateToLatest(db);
  await loadDemo(db, { end: TODAY });
  await refreshRollups(db);
  const pub = await publishRanking(db, SYSTEM_VIEWER, { ...OCT, title: 'October' }, { today: TODAY });
  const live: number[] = [];
  const drift: number[] = [];
  const published: number[] = [];
  const cold: number[] = [];
  const branches = await db.selectFrom('branch').select('id').orderBy('id').execute();
  for (let i = 0; i < N; i++) {
    live.push(await time(() => listRankings(db, SYSTEM_VIEWER, OCT, { today: TODAY })));
    drift.push(await time(() => getDrift(db, SYSTEM_VIEWER, pub.id, { today: TODAY })));
    published.push(await time(() => getPublishedRanking(db, SYSTEM_VIEWER, pub.id)));
    const b = branches[i % branches.length]!.id;
    await sql`update account_day set views = round(views * 1.1) where branch_id = ${b} and day between '2026-10-01' and '2026-10-31' and views is not null`.execute(
      db,
    );
    await refreshRollups(db);
    cold.push(await time(() => getDrift(db, SYSTEM_VIEWER, pub.id, { today: TODAY })));
  }
  const d = (await getDrift(db, SYSTEM_VIEWER, pub.id, { today: TODAY }))!;
  console.log(`demo data to ${TODAY}, October published (#${pub.id}), ${N} rounds, median ms:`);
  console.log(
    `  live ranking (warm) ${median(live).toFixed(1)} | drift (warm) ${median(drift).toFixed(1)} | published rows ${median(published).toFixed(1)} | drift after a refresh (cold) ${median(cold).toFixed(1)}`,
  );
  console.log(`  after ${N} re-polls: ${d.summary.rankChanged} branches changed rank, top three unchanged: ${d.summary.topThreeUnchanged}`);
} finally {
  await db.destroy();
  await admin.query(`drop database ${name} with (force)`);
  await admin.end();
}
