import { sql } from 'kysely';
import { getDb, type DB } from '../../db/client';
import { viewerFromHeaders } from '../auth/session';
import type { PageCacheDeps } from './page-cache';

/**
 * PostgreSQL's current snapshot (xmin:xmax:in-progress ids). It changes when
 * any write transaction starts or ends, never returns to an earlier value, and
 * two equal snapshots see the same committed rows: the data version of the
 * page cache (docs/operations.md, "Page render cache").
 */
export async function databaseSnapshot(db: DB): Promise<string> {
  const r = await sql<{ v: string }>`select pg_current_snapshot()::text as v`.execute(db);
  return r.rows[0]!.v;
}

/** The page cache's view of the app: the same session check pages make, and the database's snapshot. */
export function pageCacheDeps(): PageCacheDeps {
  return { viewer: viewerFromHeaders, version: () => databaseSnapshot(getDb()) };
}
