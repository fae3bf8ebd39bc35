import type { DB } from '../../db/client';
import { computeRanking } from '../ranking/engine';
import { rulesOf, type MethodDefinition } from '../ranking/method';
import { addDays, minDay, resolvePeriod, todayIn } from '../ranking/period';
import { asOfFor, getSnapshot, loadRankingInput, lookbackDays } from './ranking-snapshot';
import { getMethod } from './methods';
import { getLastDataDay } from './rollup-rows';
import { loadBoundaryCorrections } from './v2-boundary';

export interface MethodPreviewRow {
  rank: number;
  slug: string;
  name: string;
  nameEn: string;
  score: number | null;
  /** The branch's rank under the method in effect, for comparison; null when not ranked there. */
  rankInEffect: number | null;
}

export interface MethodPreview {
  period: { from: string; to: string; label: string };
  /** The method in effect it is compared with. */
  inEffect: string | null;
  rows: MethodPreviewRow[];
}

/**
 * The top ten a method definition would give on the current month, computed and not stored
 * (docs/methodology.md): what an admin sees before publishing a new version. The same input
 * as a stored ranking (rollups over the method's look-back, podium-v2's edge corrections).
 * Admin-only, so not scoped: callers check the viewer is an admin.
 */
export async function previewMethod(db: DB, definition: MethodDefinition, size = 10): Promise<MethodPreview> {
  const today = todayIn(definition.timeZone);
  const period = resolvePeriod({ period: 'month' }, today);
  const asOf = asOfFor(period, today, await getLastDataDay(db));
  const lookback = lookbackDays(definition);
  const all = await loadRankingInput(db, period, 'all', lookback);
  const dataTo = minDay(period.to, asOf);
  const edges =
    rulesOf(definition) === 'podium-v2' && dataTo >= period.from
      ? await loadBoundaryCorrections(db, { from: period.from, to: dataTo }, 'all')
      : null;
  const branches = all.map((b) => ({
    ...b,
    days: b.days.filter((d) => d.day >= addDays(period.from, -lookback) && d.day <= period.to),
    ...(edges ? { edges: edges.get(b.id) ?? {} } : {}),
  }));
  const res = computeRanking({ from: period.from, to: period.to, asOf, branches }, definition);
  const inEffect = await getMethod(db);
  const current = inEffect ? await getSnapshot(db, inEffect, period, 'all') : null;
  const [currentRows, english] = await Promise.all([
    current
      ? db.selectFrom('ranking_snapshot_row').select(['branch_id', 'rank']).where('snapshot_id', '=', current.id).execute()
      : Promise.resolve([]),
    db.selectFrom('branch').select(['id', 'name_en']).execute(),
  ]);
  const currentRank = new Map(currentRows.map((r) => [r.branch_id, r.rank]));
  const nameEn = new Map(english.map((b) => [b.id, b.name_en]));
  const rows = res.rows
    .filter((r) => r.rank !== null)
    .sort((a, b) => a.rank! - b.rank!)
    .slice(0, size)
    .map((r) => ({
      rank: r.rank!,
      slug: r.slug,
      name: r.name,
      nameEn: nameEn.get(r.branchId) ?? r.name,
      score: r.score,
      rankInEffect: currentRank.get(r.branchId) ?? null,
    }));
  return {
    period: { from: period.from, to: period.to, label: period.label },
    inEffect: inEffect ? `${inEffect.definition.key}-v${inEffect.definition.version}` : null,
    rows,
  };
}
