import type { DB } from '../../db/client';
import type { BranchRef } from '../api/schemas';
import { canSeeBranchDetail, SYSTEM_VIEWER, type Viewer } from '../auth/viewer';
import { listSnapshotRows, type SnapshotRow } from '../data/ranking-snapshot';
import { resolveRanking } from '../data/rankings';
import { methodLabel } from '../ranking/method';
import { round } from '../ranking/stats';
import { readStored, toMeta, type StoredRow } from './read';
import type { Drift, DriftCause, DriftRow } from './schema';

// Drift: a publication against the live ranking of the same period and
// network, computed on read from the materialized live ranking (which
// refreshRollups drops when its inputs change), so it is always current.

type Metrics = Record<string, number | null>;

/** Input figures compared, and which cause a change of each one names. */
const INPUTS: { metric: string; cause: DriftCause }[] = [
  { metric: 'coverage', cause: 'late_data' },
  { metric: 'elapsedDays', cause: 'late_data' },
  { metric: 'views', cause: 'views' },
  { metric: 'posts', cause: 'other_inputs' },
  { metric: 'followersStart', cause: 'other_inputs' },
  { metric: 'followersEnd', cause: 'other_inputs' },
  { metric: 'interactions', cause: 'other_inputs' },
  { metric: 'visits', cause: 'other_inputs' },
];

interface Side {
  branch: BranchRef;
  eligible: boolean;
  rank: number | null;
  score: number | null;
  metrics: Metrics | null;
}

const TOP = 3;

/** Compares one branch's published and live rows. Pure. */
export function driftRow(pub: Side | undefined, live: Side | undefined, methodChanged: boolean): DriftRow {
  const branch = (pub ?? live)!.branch;
  const causes = new Set<DriftCause>();
  const inputs: DriftRow['inputs'] = [];
  if (pub && live) {
    for (const { metric, cause } of INPUTS) {
      const a = pub.metrics?.[metric] ?? null;
      const b = live.metrics?.[metric] ?? null;
      if (a !== b) {
        causes.add(cause);
        inputs.push({ metric, published: a, live: b });
      }
    }
    if (pub.eligible !== live.eligible) causes.add('eligibility');
  }
  if (methodChanged) causes.add('method');
  const rankChange = pub?.rank != null && live?.rank != null ? pub.rank - live.rank : null;
  const scoreChange = pub?.score != null && live?.score != null ? round(live.score - pub.score, 2) : null;
  const changed =
    !pub ||
    !live ||
    pub.rank !== live.rank ||
    pub.score !== live.score ||
    pub.eligible !== live.eligible ||
    causes.size > (methodChanged ? 1 : 0) ||
    inputs.length > 0;
  return {
    branch,
    published: pub ? { eligible: pub.eligible, rank: pub.rank, score: pub.score } : null,
    live: live ? { eligible: live.eligible, rank: live.rank, score: live.score } : null,
    rankChange,
    scoreChange,
    causes: [...causes],
    inputs,
    changed,
  };
}

function topOf(rows: Side[]): BranchRef[] {
  return rows
    .filter((r) => r.rank !== null && r.rank <= TOP)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.branch.slug.localeCompare(b.branch.slug))
    .map((r) => r.branch);
}

/** The latest version of a method key (the one the live ranking uses for it). */
async function latestMethodLabel(db: DB, key: string): Promise<string> {
  const m = await db
    .selectFrom('ranking_method')
    .select(['key', 'version'])
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return methodLabel(m);
}

/** Live rows of a period, read from one snapshot (read again if a refresh dropped it meanwhile). */
async function liveRows(db: DB, input: Parameters<typeof resolveRanking>[1], today?: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const resolved = await resolveRanking(db, input, today ? { today } : {});
    const rows = await listSnapshotRows(db, SYSTEM_VIEWER, resolved.snapshot.id);
    if (rows.length === resolved.snapshot.result.counts.branches) return { resolved, rows };
  }
  throw new Error('the live ranking kept changing while it was read; try again');
}

/**
 * Live vs published per branch: rank and score change and which inputs
 * moved. Central staff get every branch; a coordinator gets the summary and
 * their own branch's row.
 */
export async function getDrift(db: DB, viewer: Viewer, id: number, opts: { today?: string } = {}): Promise<Drift | undefined> {
  const stored = await readStored(db, id);
  if (!stored) return undefined;
  const meta = toMeta(stored.header);
  const label = await latestMethodLabel(db, meta.method.key);
  const input =
    meta.period.kind === 'custom'
      ? { period: 'custom' as const, from: meta.period.from, to: meta.period.to, network: meta.network, method: label }
      : { period: meta.period.kind, date: meta.period.from, network: meta.network, method: label };
  const { resolved, rows } = await liveRows(db, input, opts.today);
  if (resolved.period.from !== meta.period.from || resolved.period.to !== meta.period.to)
    throw new Error(`publication #${id}: its period resolves to ${resolved.period.from}..${resolved.period.to} now`);

  const published = new Map<number, Side>();
  for (const text of stored.rows) {
    const r = JSON.parse(text) as StoredRow;
    published.set(r.branch.id, {
      branch: r.branch,
      eligible: r.eligible,
      rank: r.rank,
      score: r.score,
      metrics: (r.metrics ?? null) as Metrics | null,
    });
  }
  const live = new Map<number, Side>();
  for (const r of rows as SnapshotRow[]) {
    live.set(r.branch.id, {
      branch: r.branch,
      eligible: r.eligible,
      rank: r.rank,
      score: r.score,
      metrics: r.metrics as unknown as Metrics | null,
    });
  }
  const methodChanged = label !== meta.method.label;
  const all: DriftRow[] = [];
  for (const [bid, p] of published) all.push(driftRow(p, live.get(bid), methodChanged));
  for (const [bid, l] of live) if (!published.has(bid)) all.push(driftRow(undefined, l, methodChanged));
  all.sort(
    (a, b) =>
      (a.published?.rank ?? a.live?.rank ?? Infinity) - (b.published?.rank ?? b.live?.rank ?? Infinity) ||
      a.branch.slug.localeCompare(b.branch.slug),
  );

  const topPublished = topOf([...published.values()]);
  const topLive = topOf([...live.values()]);
  const def = resolved.method.definition;
  return {
    publicationId: id,
    published: { method: meta.method, asOf: meta.asOf, lastDataDay: meta.lastDataDay },
    live: {
      method: { key: def.key, version: def.version, label: methodLabel(def) },
      asOf: resolved.snapshot.asOf,
      lastDataDay: resolved.snapshot.result.lastDataDay,
      computedAt: new Date(resolved.snapshot.computedAt).toISOString(),
    },
    summary: {
      rankChanged: all.filter((r) => (r.published?.rank ?? null) !== (r.live?.rank ?? null)).length,
      scoreChanged: all.filter((r) => (r.published?.score ?? null) !== (r.live?.score ?? null)).length,
      topThreeUnchanged: topPublished.length === topLive.length && topPublished.every((b, i) => b.id === topLive[i].id),
      topThreePublished: topPublished,
      topThreeLive: topLive,
      methodChanged,
    },
    rows: all.filter((r) => canSeeBranchDetail(viewer, r.branch.id)),
  };
}
