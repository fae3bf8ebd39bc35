import type { DB } from '../../db/client';
import type { ComponentId } from '../ranking/method';
import { methodLabel } from '../ranking/method';
import type { Period } from '../ranking/period';
import { round } from '../ranking/stats';
import type { RankingDetail } from '../api/schemas';
import { getSnapshot } from './ranking-snapshot';
import { type StoredMethod } from './methods';
import type { Scope } from './rollup-rows';

export interface MethodCompareRow {
  branchId: number;
  slug: string;
  name: string;
  nameEn: string;
  a: { rank: number | null; score: number | null };
  b: { rank: number | null; score: number | null };
  /** Places gained under b (+ up); null when not ranked under one of them. */
  shift: number | null;
  /** The component whose score points changed most between the two methods, with the change. */
  reason: { component: ComponentId; points: number } | null;
}

export interface MethodCompare {
  a: string;
  b: string;
  period: { from: string; to: string; label: string };
  rows: MethodCompareRow[];
}

function points(d: RankingDetail | null): Map<ComponentId, number> {
  const m = new Map<ComponentId, number>();
  for (const c of d?.components ?? []) m.set(c.id, c.contribution ?? 0);
  return m;
}

/**
 * The same period ranked under two methods, for the methodology page and docs:
 * every branch's rank and score under each, and the component that moved it most.
 * Not scoped: callers show it only to viewers who may see every branch's detail.
 */
export async function compareMethods(
  db: DB,
  a: StoredMethod,
  b: StoredMethod,
  period: Period,
  scope: Scope = 'all',
): Promise<MethodCompare> {
  const [sa, sb] = [await getSnapshot(db, a, period, scope), await getSnapshot(db, b, period, scope)];
  const read = (id: number) =>
    db
      .selectFrom('ranking_snapshot_row as r')
      .innerJoin('branch as br', 'br.id', 'r.branch_id')
      .select(['br.id', 'br.slug', 'br.name', 'br.name_en', 'r.rank', 'r.score', 'r.detail'])
      .where('r.snapshot_id', '=', id)
      .where('br.archived_at', 'is', null)
      .execute();
  const [ra, rb] = await Promise.all([read(sa.id), read(sb.id)]);
  const byId = new Map(rb.map((r) => [r.id, r]));
  const rows: MethodCompareRow[] = ra.map((x) => {
    const y = byId.get(x.id);
    const pa = points(x.detail as RankingDetail | null);
    const pb = points((y?.detail ?? null) as RankingDetail | null);
    const rankB = y?.rank ?? null;
    // The component that moved the branch most in the direction it moved (score points under b − under a).
    const dir = x.score !== null && y?.score != null && y.score < x.score ? -1 : 1;
    let reason: MethodCompareRow['reason'] = null;
    for (const c of new Set([...pa.keys(), ...pb.keys()])) {
      const d = round((pb.get(c) ?? 0) - (pa.get(c) ?? 0), 2);
      if (reason === null || d * dir > reason.points * dir) reason = { component: c, points: d };
    }
    return {
      branchId: x.id,
      slug: x.slug,
      name: x.name,
      nameEn: x.name_en,
      a: { rank: x.rank, score: x.score },
      b: { rank: rankB, score: y?.score ?? null },
      shift: x.rank !== null && rankB !== null ? x.rank - rankB : null,
      reason: x.rank !== null && rankB !== null ? reason : null,
    };
  });
  rows.sort((p, q) => (p.b.rank ?? 9999) - (q.b.rank ?? 9999) || (p.a.rank ?? 9999) - (q.a.rank ?? 9999) || p.slug.localeCompare(q.slug));
  return {
    a: methodLabel(a.definition),
    b: methodLabel(b.definition),
    period: { from: period.from, to: period.to, label: period.label },
    rows,
  };
}
