import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { detailScope, type Viewer } from '../auth/viewer';
import type { BranchMetrics } from '../ranking/components';
import { periodOfRange, todayIn } from '../ranking/period';
import type { Target, TargetMetric } from '../targets/definitions';
import { countsAsMet, projectTarget, type TargetProgress } from '../targets/projection';
import { ensureDefaultMethod, getMethod } from './methods';
import { getSnapshot, listSnapshotRows } from './ranking-snapshot';

// Reading targets and their progress. Targets are branch detail: a
// coordinator reads their own branch's only (docs/access.md); the scope is
// applied in the queries below.

function scoped(viewer: Viewer) {
  const ids = detailScope(viewer);
  return ids === null ? sql<boolean>`true` : ids.length === 0 ? sql<boolean>`false` : sql<boolean>`t.branch_id = any(${ids}::int[])`;
}

/** Targets the viewer may read, newest period first; optionally one branch's, or those overlapping [from, to]. */
export async function listTargets(
  db: DB,
  viewer: Viewer,
  filter: { branchId?: number; overlaps?: { from: string; to: string } } = {},
): Promise<Target[]> {
  let q = db
    .selectFrom('branch_target as t')
    .innerJoin('branch as b', 'b.id', 't.branch_id')
    .select(['t.id', 't.branch_id', 'b.slug', 't.metric', 't.period_from', 't.period_to', 't.value'])
    .where(scoped(viewer))
    .where('b.archived_at', 'is', null);
  if (filter.branchId !== undefined) q = q.where('t.branch_id', '=', filter.branchId);
  if (filter.overlaps) q = q.where('t.period_from', '<=', filter.overlaps.to).where('t.period_to', '>=', filter.overlaps.from);
  const rows = await q.orderBy('t.period_to', 'desc').orderBy('b.slug').orderBy('t.metric').execute();
  return rows.map((r) => ({
    id: r.id,
    branchId: r.branch_id,
    branchSlug: r.slug,
    metric: r.metric,
    from: r.period_from,
    to: r.period_to,
    value: Number(r.value),
  }));
}

/** The target's figure from a branch's metrics over the period so far; null when it cannot be measured. */
export function targetFigure(metric: TargetMetric, m: BranchMetrics | null, population: number | null): number | null {
  if (!m) return null;
  if (metric === 'follower_growth') return m.growthPct;
  if (metric === 'posts_per_week') return m.elapsedDays > 0 ? m.postsPerWeek : null;
  return m.views === null || !population ? null : (m.views * 100_000) / population;
}

export interface TargetWithProgress extends Target {
  asOf: string | null;
  progress: TargetProgress;
}

/**
 * Progress of each target from the ranking of its exact period (all networks;
 * one materialized ranking per distinct period). Targets of branches the
 * viewer may not see in full come back without figures.
 */
export async function withProgress(
  db: DB,
  viewer: Viewer,
  targets: Target[],
  opts: { today?: string } = {},
): Promise<TargetWithProgress[]> {
  if (targets.length === 0) return [];
  // The method in force measures the figures, as on the ranking and the branch page.
  const method = (await getMethod(db)) ?? (await ensureDefaultMethod(db));
  const today = opts.today ?? todayIn(method.definition.timeZone);
  const pops = new Map(
    (
      await db
        .selectFrom('branch')
        .select(['id', 'population'])
        .where('id', 'in', [...new Set(targets.map((t) => t.branchId))])
        .execute()
    ).map((b) => [b.id, b.population]),
  );
  const periods = new Map<string, { asOf: string; metrics: Map<number, BranchMetrics | null> } | null>();
  for (const t of targets) {
    const key = `${t.from}|${t.to}`;
    if (periods.has(key)) continue;
    // A period that has not begun has nothing to rank yet.
    if (t.from > today) {
      periods.set(key, null);
      continue;
    }
    const snap = await getSnapshot(db, method, periodOfRange(t.from, t.to), 'all', { today });
    const rows = await listSnapshotRows(db, viewer, snap.id);
    periods.set(key, { asOf: snap.asOf, metrics: new Map(rows.map((r) => [r.branch.id, r.metrics])) });
  }
  return targets.map((t) => {
    const p = periods.get(`${t.from}|${t.to}`) ?? null;
    const current = p ? targetFigure(t.metric, p.metrics.get(t.branchId) ?? null, pops.get(t.branchId) ?? null) : null;
    const asOf = p?.asOf ?? null;
    // Before the period (or before any data in it) as-of falls before its first day.
    const progress = projectTarget({ metric: t.metric, target: t.value, from: t.from, to: t.to, asOf: asOf ?? '0000-01-01', current });
    return { ...t, asOf, progress };
  });
}

/** A ranking response with its "targets met" added when there are any (the cached response itself is not changed). */
export async function withTargetsMet<R extends { period: { from: string; to: string } }>(
  db: DB,
  viewer: Viewer,
  res: R,
  opts: { today?: string } = {},
): Promise<R & { targetsMet?: Record<string, { met: number; of: number }> }> {
  const met = await targetsMet(db, viewer, res.period, opts);
  return met.size === 0 ? res : { ...res, targetsMet: Object.fromEntries([...met].map(([id, v]) => [String(id), v])) };
}

/** "Targets met n of m" per branch for the targets overlapping [from, to], for the branches the viewer may see in full. */
export async function targetsMet(
  db: DB,
  viewer: Viewer,
  period: { from: string; to: string },
  opts: { today?: string } = {},
): Promise<Map<number, { met: number; of: number }>> {
  const list = await withProgress(db, viewer, await listTargets(db, viewer, { overlaps: period }), opts);
  const out = new Map<number, { met: number; of: number }>();
  for (const t of list) {
    const e = out.get(t.branchId) ?? { met: 0, of: 0 };
    e.of++;
    if (countsAsMet(t.progress)) e.met++;
    out.set(t.branchId, e);
  }
  return out;
}
