import { z } from 'zod';
import type { DB } from '../../db/client';
import { listRankings } from '../data/rankings';
import { getBranchSummary } from '../data/summary';
import type { Viewer } from '../auth/viewer';
import { addDays, isoWeek, startOfIsoWeek } from '../ranking/period';

// The weekly digest's content, computed when the digest is queued and stored
// with its outbox row, so a retry sends exactly what was queued. Everything is
// read through the data layer with the receiver's own Viewer: a coordinator's
// digest cannot hold another branch's numbers.

const branchRef = z.object({ slug: z.string(), name: z.string(), nameEn: z.string() });
const week = z.object({ from: z.string(), to: z.string(), label: z.string() });

export const coordinatorDigestSchema = z.object({
  role: z.literal('coordinator'),
  week,
  branch: branchRef,
  kpis: z.array(
    z.object({
      metric: z.string(),
      value: z.number().nullable(),
      previous: z.number().nullable(),
      changePct: z.number().nullable(),
      changeAbs: z.number().nullable().default(null),
    }),
  ),
  rank: z.object({
    rank: z.number().int().nullable(),
    previousRank: z.number().int().nullable(),
    of: z.number().int(),
    topN: z.number().int(),
  }),
  flags: z.array(z.object({ kind: z.string(), network: z.string().nullable(), day: z.string() })),
  problems: z.array(z.object({ network: z.string(), problem: z.string() })),
  nextStep: z.object({ component: z.string(), changePct: z.number().nullable(), rank: z.number().int() }).nullable(),
});

const rankedBranch = branchRef.extend({ rank: z.number().int(), score: z.number(), change: z.number().int().nullable() });
export const centralDigestSchema = z.object({
  role: z.literal('central'),
  week,
  top: z.array(rankedBranch),
  movers: z.array(rankedBranch),
  /** Ranked just below the top N within a point of its last score. */
  contested: z.array(rankedBranch),
  problems: z.array(branchRef.extend({ accounts: z.number().int() })),
});

export const digestSchema = z.discriminatedUnion('role', [coordinatorDigestSchema, centralDigestSchema]);
export type Digest = z.infer<typeof digestSchema>;

/** The last complete ISO week before `today`. */
export function digestWeek(today: string): { from: string; to: string; label: string } {
  const from = addDays(startOfIsoWeek(today), -7);
  const w = isoWeek(from);
  return { from, to: addDays(from, 6), label: `${w.year}-W${String(w.week).padStart(2, '0')}` };
}

async function problemAccounts(db: DB, branchIds: number[] | null) {
  let q = db
    .selectFrom('account')
    .innerJoin('branch', 'branch.id', 'account.branch_id')
    .leftJoin('credential', 'credential.id', 'account.credential_id')
    .select([
      'account.network',
      'account.status',
      'credential.status as credentialStatus',
      'branch.id as branchId',
      'branch.slug',
      'branch.name',
      'branch.name_en',
    ])
    .where('branch.archived_at', 'is', null)
    .where((eb) => eb.or([eb('account.status', 'in', ['private', 'not_found']), eb('credential.status', 'in', ['invalid', 'quota'])]));
  if (branchIds) q = q.where('branch.id', 'in', branchIds.length ? branchIds : [-1]);
  return q.execute();
}

export async function buildDigest(db: DB, viewer: Viewer, today: string): Promise<Digest | null> {
  const wk = digestWeek(today);
  const query = { period: 'week' as const, date: wk.from, network: 'all' as const };
  if (viewer.role === 'coordinator') {
    if (viewer.branchId === null) return null;
    const branch = await db.selectFrom('branch').select(['slug']).where('id', '=', viewer.branchId).executeTakeFirst();
    if (!branch) return null;
    const s = await getBranchSummary(db, viewer, branch.slug, query, { today });
    if (!s) return null;
    const problems = await problemAccounts(db, [viewer.branchId]);
    const ranking = await listRankings(db, viewer, query, { today });
    return {
      role: 'coordinator',
      week: wk,
      branch: { slug: s.branch.slug, name: s.branch.name, nameEn: s.branch.nameEn },
      kpis: s.kpis.map((k) => ({ metric: k.metric, value: k.value, previous: k.previous, changePct: k.changePct, changeAbs: k.changeAbs })),
      rank: { rank: s.rank.rank, previousRank: s.rank.previousRank, of: s.rank.of, topN: ranking.robustness.topThree.length || 3 },
      flags: s.detail.flags.map((f) => ({ kind: f.kind, network: f.network, day: f.day })),
      problems: problems.map((p) => ({
        network: p.network,
        problem: p.status === 'private' || p.status === 'not_found' ? `account_${p.status}` : `credential_${p.credentialStatus}`,
      })),
      nextStep: s.detail.pathToTop
        ? { component: s.detail.pathToTop.component, changePct: s.detail.pathToTop.changePct, rank: s.detail.pathToTop.rank }
        : null,
    };
  }
  const ranking = await listRankings(db, viewer, query, { today });
  const ranked = ranking.rows
    .filter((r) => r.rank !== null && r.score !== null)
    .map((r) => ({ slug: r.branch.slug, name: r.branch.name, nameEn: r.branch.nameEn, rank: r.rank!, score: r.score!, change: r.change }));
  const topN = 3;
  const cutoff = ranked.find((r) => r.rank === topN)?.score ?? null;
  const problems = await problemAccounts(db, null);
  const byBranch = new Map<string, { slug: string; name: string; nameEn: string; accounts: number }>();
  for (const p of problems) {
    const e = byBranch.get(p.slug) ?? { slug: p.slug, name: p.name, nameEn: p.name_en, accounts: 0 };
    e.accounts++;
    byBranch.set(p.slug, e);
  }
  return {
    role: 'central',
    week: wk,
    top: ranked.filter((r) => r.rank <= topN),
    movers: [...ranked]
      .filter((r) => r.change !== null && r.change !== 0)
      .sort((a, b) => Math.abs(b.change!) - Math.abs(a.change!) || a.rank - b.rank)
      .slice(0, 5),
    contested: cutoff === null ? [] : ranked.filter((r) => r.rank > topN && cutoff - r.score <= 1),
    problems: [...byBranch.values()].sort((a, b) => b.accounts - a.accounts || a.slug.localeCompare(b.slug)),
  };
}
