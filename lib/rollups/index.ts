import type { DB } from '../../db/client';

/**
 * Brings rollups and materialized rankings up to date with whatever metric
 * rows changed since the last call. Called after collection, import and seed.
 * (Filled in by the ranking work.)
 */
export async function refreshRollups(_db: DB): Promise<{ branchDays: number }> {
  return { branchDays: 0 };
}
