import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { seedDemoUsers } from '../auth/demo-users';
import { warmRankings } from '../data/ranking-warm';
import { refreshRollups } from '../rollups/index';
import { loadDemo, type DemoLoadResult } from './load';

export async function isEmpty(db: DB): Promise<boolean> {
  const row = await db
    .selectFrom('branch')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n === 0;
}

/** Loads demo data, demo users and the rollups built from them. */
export async function seedDemo(db: DB, opts: { end?: string } = {}): Promise<DemoLoadResult & { rollupMs: number }> {
  const res = await loadDemo(db, opts);
  await seedDemoUsers(db);
  const t0 = Date.now();
  await refreshRollups(db);
  // The first page view should not wait for the latest week/month/quarter/year rankings.
  await warmRankings(db);
  return { ...res, rollupMs: Date.now() - t0 };
}
