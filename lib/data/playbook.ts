import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { SYSTEM_VIEWER, type Viewer } from '../auth/viewer';
import type { SummaryQuery } from '../api/schemas';
import type { Network } from '../networks';
import { combinationsToTop, type ComboStep } from '../ranking/path-combos';
import type { ComponentId } from '../ranking/method';
import { COMPONENT_IDS } from '../ranking/method';
import { getBranchBySlug } from './branches';
import { listSnapshotRows } from './ranking-snapshot';
import { resolveRanking } from './rankings';

// The playbook for a branch outside the top three (docs/methodology.md,
// "Playbook"; docs/access.md): steps from the path-to-top computation over
// combinations of components, and example posts of the most similar branches
// ranked above it. The computation reads every ranked branch's component
// values, as the ranking's own path to the top does, but what leaves this
// module for another branch is public post content only: the post's link,
// text excerpt, publication time and its own counts — never account metrics,
// component values or collection health.

/** A public post of another branch: everything a visitor of the network sees, and nothing of the branch's accounts. */
export interface ExamplePost {
  branch: { slug: string; name: string; nameEn: string };
  network: Network;
  url: string;
  excerpt: string | null;
  publishedAt: string;
  views: number | null;
  interactions: number | null;
  /** Interactions / views of this post, %; null without views. */
  engagementRate: number | null;
}

export interface Playbook {
  rank: number;
  topN: number;
  steps: ComboStep[];
  /** The similar branches the examples come from, most similar first (names only). */
  similar: { slug: string; name: string; nameEn: string }[];
  examples: ExamplePost[];
}

/**
 * Similarity of two branches (smaller is closer): the distance of their
 * populations on a log scale plus half the L1 distance of their network mixes
 * (each network's share of the branch's posts in the period).
 */
export function branchDistance(
  a: { population: number; mix: Map<string, number> },
  b: { population: number; mix: Map<string, number> },
): number {
  let l1 = 0;
  for (const k of new Set([...a.mix.keys(), ...b.mix.keys()])) l1 += Math.abs((a.mix.get(k) ?? 0) - (b.mix.get(k) ?? 0));
  return Math.abs(Math.log(a.population) - Math.log(b.population)) + l1 / 2;
}

const SIMILAR = 3;
const EXAMPLES = 6;

/** The playbook of a branch the viewer may see in full; undefined otherwise, null when the branch is not ranked outside the top N. */
export async function getPlaybook(
  db: DB,
  viewer: Viewer,
  slug: string,
  input: SummaryQuery,
  opts: { today?: string } = {},
): Promise<Playbook | null | undefined> {
  const branch = await getBranchBySlug(db, viewer, slug);
  if (!branch) return undefined;
  const { method, period, snapshot } = await resolveRanking(db, input, opts);
  // Every ranked branch's values feed the computation only (see the note above).
  const rows = (await listSnapshotRows(db, SYSTEM_VIEWER, snapshot.id)).filter((r) => r.eligible && r.detail);
  const i = rows.findIndex((r) => r.branch.id === branch.id);
  const topN = method.definition.topN;
  if (i < 0 || rows[i].rank === null || rows[i].rank! <= topN) return null;
  const field = rows.map((r) => {
    const v = Object.fromEntries(COMPONENT_IDS.map((c) => [c, null])) as Record<ComponentId, number | null>;
    for (const c of r.detail!.components) v[c.id] = c.value;
    return v;
  });
  const steps = combinationsToTop(field, i, method.definition.weights, topN, { activity: method.definition.caps.postsPerWeek });

  // Similar branches ranked above this one.
  const above = rows.filter((r) => r.rank !== null && r.rank < rows[i].rank! && r.branch.id !== branch.id);
  const ids = [branch.id, ...above.map((r) => r.branch.id)];
  const [pops, mixRows] = await Promise.all([
    db.selectFrom('branch').select(['id', 'population']).where('id', 'in', ids).execute(),
    db
      .selectFrom('account_day')
      .select(['branch_id', 'network', sql<number>`coalesce(sum(posts), 0)::float8`.as('posts')])
      .where('branch_id', 'in', ids)
      .where('day', '>=', period.from)
      .where('day', '<=', period.to)
      .groupBy(['branch_id', 'network'])
      .execute(),
  ]);
  const pop = new Map(pops.map((p) => [p.id, p.population]));
  const mixOf = (id: number) => {
    const mine = mixRows.filter((m) => m.branch_id === id);
    const total = mine.reduce((s, m) => s + Number(m.posts), 0);
    return new Map(mine.map((m) => [m.network as string, total > 0 ? Number(m.posts) / total : 0]));
  };
  const self = pop.get(branch.id);
  const similar = self
    ? above
        .filter((r) => pop.get(r.branch.id))
        .map((r) => ({
          r,
          d: branchDistance({ population: self, mix: mixOf(branch.id) }, { population: pop.get(r.branch.id)!, mix: mixOf(r.branch.id) }),
        }))
        .sort((a, b) => a.d - b.d || a.r.branch.slug.localeCompare(b.r.branch.slug))
        .slice(0, SIMILAR)
        .map((x) => x.r.branch)
    : [];
  const examples = await listExamplePosts(
    db,
    similar.map((b) => b.id),
    period.from,
    period.to,
  );
  const names = new Map(similar.map((b) => [b.id, { slug: b.slug, name: b.name, nameEn: b.nameEn }]));
  return {
    rank: rows[i].rank!,
    topN,
    steps,
    similar: similar.map((b) => names.get(b.id)!),
    examples: examples.map((e) => ({ ...e.post, branch: names.get(e.branchId)! })),
  };
}

/** The best public posts (by engagement, views at least a tenth of the median) of some branches in [from, to], at most two a branch. */
async function listExamplePosts(
  db: DB,
  branchIds: number[],
  from: string,
  to: string,
): Promise<{ branchId: number; post: Omit<ExamplePost, 'branch'> }[]> {
  if (branchIds.length === 0) return [];
  const { rows } = await sql<{
    branch_id: number;
    network: Network;
    url: string;
    excerpt: string | null;
    published_at: Date;
    views: number | null;
    interactions: number | null;
  }>`
    with posts as (
      select p.branch_id, p.network, p.url, p.excerpt, p.published_at, s.views::float8 as views,
        case when s.likes is null and s.comments is null and s.shares is null then null
          else (coalesce(s.likes, 0) + coalesce(s.comments, 0) + coalesce(s.shares, 0))::float8 end as interactions
      from post p
      left join lateral (
        select pd.views, pd.likes, pd.comments, pd.shares from post_day pd where pd.post_id = p.id order by pd.day desc limit 1
      ) s on true
      where p.branch_id = any(${branchIds}::int[]) and p.url is not null
        and p.published_at >= (${from}::date::timestamp at time zone 'Europe/Moscow')
        and p.published_at < ((${to}::date + 1)::timestamp at time zone 'Europe/Moscow')
    ), ranked as (
      select *, row_number() over (partition by branch_id order by interactions / views desc, views desc) as n from posts
      where views > 0 and interactions is not null
        and views >= coalesce((select percentile_cont(0.5) within group (order by views) from posts where views > 0), 0) / 10
    )
    select branch_id, network, url, excerpt, published_at, views, interactions from ranked where n <= 2
    order by interactions / views desc, views desc limit ${EXAMPLES}
  `.execute(db);
  return rows.map((r) => ({
    branchId: Number(r.branch_id),
    post: {
      network: r.network,
      url: r.url,
      excerpt: r.excerpt,
      publishedAt: new Date(r.published_at).toISOString(),
      views: r.views,
      interactions: r.interactions,
      engagementRate: r.views && r.views > 0 && r.interactions !== null ? (r.interactions / r.views) * 100 : null,
    },
  }));
}
