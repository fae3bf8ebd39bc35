import type { DB } from '../../db/client';
import { periodContaining, previousPeriod, todayIn, type Period } from '../ranking/period';
import { RANK_HISTORY_MONTHS } from './branch-insights';
import { getMethod } from './methods';
import { getSnapshot } from './ranking-snapshot';

// Rankings computed ahead of their first view (docs/operations.md, "Rankings after a refresh").

/**
 * Materializes the rankings people open first, so that no common period's first view waits
 * for a computation (docs/operations.md, "Rankings after a refresh"): for the week, month,
 * quarter and year, the running period, the latest complete one and the one before it — what
 * the period buttons open (see defaultPeriod) and one step back from it — under the method
 * in effect, all networks; then the months of the branch page's rank history that those leave
 * out (its 12 months end at the running month or at the latest complete one, so the 13 months
 * up to the running one), or the first branch page after a start computes them one by one
 * (about 10 s on the demo data). Run after every rollup refresh that rebuilt anything (a refresh
 * drops the rankings whose inputs changed) and after the seed. Safe to run at any time: a
 * ranking still current costs one lookup. Returns the periods warmed.
 */
export async function warmRankings(db: DB, opts: { today?: string } = {}): Promise<Period[]> {
  const method = await getMethod(db);
  if (!method) return [];
  const today = opts.today ?? todayIn(method.definition.timeZone);
  const warmed: Period[] = [];
  for (const kind of ['week', 'month', 'quarter', 'year'] as const) {
    const running = periodContaining(kind, today);
    const complete = previousPeriod(running);
    for (const p of [complete, running, previousPeriod(complete)]) {
      await getSnapshot(db, method, p, 'all', { today });
      warmed.push(p);
    }
  }
  let month = periodContaining('month', today);
  for (let i = 0; i <= RANK_HISTORY_MONTHS; i++, month = previousPeriod(month)) {
    if (warmed.some((p) => p.kind === 'month' && p.from === month.from)) continue;
    await getSnapshot(db, method, month, 'all', { today });
    warmed.push(month);
  }
  return warmed;
}

/**
 * After a rollup refresh: warms the common periods again when the refresh rebuilt anything.
 * A failure to warm is reported, never thrown: the rankings are then computed on first view.
 */
export async function warmAfterRefresh(db: DB, refreshed: { branchDays: number }, log?: (err: unknown) => void): Promise<number> {
  if (refreshed.branchDays === 0) return 0;
  try {
    return (await warmRankings(db)).length;
  } catch (err) {
    log?.(err);
    return 0;
  }
}
