import { sql } from 'kysely';
import type { DB } from '../../db/client';
import type { BranchRef, NetworkScope } from '../api/schemas';
import { detailScope, type Viewer } from '../auth/viewer';
import {
  byContentType,
  byNetwork,
  heatmap,
  MIN_POSTS,
  postEngagement,
  recommendations,
  totals,
  type Advice,
  type ContentPost,
  type GroupStats,
  type HeatCell,
  type NetworkRow,
  type TypeRow,
} from '../content/analytics';
import type { PostDto } from '../content/post-dto';
import type { BranchContentQuery, ContentQuery } from '../content/schema';
import type { ContentType } from '../content-types';
import { NETWORKS, type FederalDistrict, type Network } from '../networks';
import { interactionsOf } from '../ranking/interactions';
import { getBranchBySlug } from './branches';
import { getMethod, methodRef, UnknownMethodError } from './methods';

// Content analytics of one branch or of every branch the viewer may see in
// detail (docs/methodology.md "Content analytics"). The scope is applied in
// the query: a coordinator's posts query never reaches another branch's rows.

export interface ContentReport {
  /** The branch asked for, or null for several branches. */
  branch: BranchRef | null;
  /** How many branches the figures cover (1 for a coordinator on the overview). */
  branches: number;
  district: FederalDistrict | null;
  period: { from: string; to: string; timeZone: string };
  network: NetworkScope;
  method: string;
  /** Cells and groups with fewer measured posts show their count only. */
  minPosts: number;
  totals: GroupStats;
  byType: TypeRow[];
  byNetwork: NetworkRow[];
  heatmap: HeatCell[];
  advice: Advice[];
  /** The branch's best posts by engagement (at least the median views), with their type; empty for several branches. */
  topPosts: PostDto[];
  /** Several branches: one row per branch with posts, most posts first; empty for one branch. */
  byBranch: BranchContentRow[];
}

export interface BranchContentRow extends GroupStats {
  branch: BranchRef;
  /** The content type with the highest median engagement among those with at least MIN_POSTS measured posts. */
  bestType: ContentType | null;
  /** That type's median over the branch's median. */
  bestTypeRatio: number | null;
}

interface Row {
  id: number;
  branch_id: number;
  network: Network;
  content_type: ContentType | null;
  url: string | null;
  excerpt: string | null;
  published_at: Date;
  views: string | number | null;
  likes: string | number | null;
  comments: string | number | null;
  shares: string | number | null;
  reactions: string | number | null;
}

const num = (v: string | number | null) => (v === null ? null : Number(v));

async function loadPosts(
  db: DB,
  where: { branchIds: number[] | null; district: FederalDistrict | null },
  input: { from: string; to: string; network: NetworkScope },
  timeZone: string,
): Promise<Row[]> {
  const branches = where.branchIds === null ? sql<boolean>`true` : sql<boolean>`p.branch_id = any(${where.branchIds}::int[])`;
  const district = where.district === null ? sql<boolean>`true` : sql<boolean>`b.federal_district = ${where.district}`;
  const net = input.network === 'all' ? sql<boolean>`true` : sql<boolean>`p.network = ${input.network}`;
  // A post counts at its latest snapshot; the day range is read on the method's clock.
  const { rows } = await sql<Row>`
    select p.id, p.branch_id, p.network, p.content_type, p.url, p.excerpt, p.published_at, s.views, s.likes, s.comments, s.shares, s.reactions
    from post p
    join branch b on b.id = p.branch_id and b.archived_at is null
    left join lateral (
      select pd.views, pd.likes, pd.comments, pd.shares, pd.reactions from post_day pd
      where pd.post_id = p.id order by pd.day desc limit 1
    ) s on true
    where ${branches} and ${district} and ${net}
      and p.published_at >= (${input.from}::date::timestamp at time zone ${timeZone})
      and p.published_at < ((${input.to}::date + 1)::timestamp at time zone ${timeZone})
  `.execute(db);
  return rows;
}

function toPost(r: Row): ContentPost & { row: Row } {
  const counters = { likes: num(r.likes), comments: num(r.comments), shares: num(r.shares), reactions: num(r.reactions) };
  return {
    publishedAt: new Date(r.published_at),
    network: r.network,
    contentType: r.content_type,
    views: num(r.views),
    interactions: interactionsOf(r.network, counters),
    row: r,
  };
}

async function methodZone(db: DB, label: string | undefined): Promise<{ timeZone: string; label: string }> {
  const m = await getMethod(db, label);
  if (!m) throw new UnknownMethodError(`no published method ${label}`);
  return { timeZone: m.definition.timeZone, label: methodRef(m.definition).label };
}

type Base = Omit<ContentReport, 'minPosts' | 'totals' | 'byType' | 'byNetwork' | 'heatmap' | 'advice' | 'topPosts' | 'byBranch'>;

function branchRows(posts: (ContentPost & { row: Row })[], refs: Map<number, BranchRef>): BranchContentRow[] {
  const groups = new Map<number, ContentPost[]>();
  for (const p of posts) {
    const g = groups.get(p.row.branch_id);
    if (g) g.push(p);
    else groups.set(p.row.branch_id, [p]);
  }
  const out: BranchContentRow[] = [];
  for (const [id, list] of groups) {
    const ref = refs.get(id);
    if (!ref) continue;
    const all = totals(list);
    let best: TypeRow | null = null;
    for (const r of byContentType(list)) {
      if (r.contentType === null || r.measuredPosts < MIN_POSTS || r.medianEngagement === null) continue;
      if (!best || r.medianEngagement > best.medianEngagement!) best = r;
    }
    const ratio = best && all.medianEngagement ? best.medianEngagement! / all.medianEngagement : null;
    out.push({ branch: ref, ...all, bestType: best?.contentType ?? null, bestTypeRatio: ratio });
  }
  return out.sort((a, b) => b.posts - a.posts || a.branch.slug.localeCompare(b.branch.slug));
}

function report(posts: (ContentPost & { row: Row })[], base: Base, top: number, refs: Map<number, BranchRef> | null = null): ContentReport {
  const tz = base.period.timeZone;
  let topPosts: PostDto[] = [];
  if (top > 0) {
    // Posts with few views would top the rate by chance: at least the median views.
    const viewed = posts
      .filter((p) => p.views !== null)
      .map((p) => p.views!)
      .sort((a, b) => a - b);
    const floor = viewed.length ? viewed[viewed.length >> 1]! : 0;
    topPosts = posts
      .filter((p) => postEngagement(p) !== null && p.views! >= floor)
      .sort((a, b) => postEngagement(b)! - postEngagement(a)! || b.row.id - a.row.id)
      .slice(0, top)
      .map((p) => ({
        id: Number(p.row.id),
        network: p.network,
        contentType: p.contentType,
        url: p.row.url,
        excerpt: p.row.excerpt,
        publishedAt: p.publishedAt.toISOString(),
        views: p.views,
        interactions: p.interactions,
        engagementRate: postEngagement(p),
      }));
  }
  return {
    ...base,
    minPosts: MIN_POSTS,
    totals: totals(posts),
    byType: byContentType(posts),
    byNetwork: byNetwork(posts, NETWORKS),
    heatmap: heatmap(posts, tz),
    advice: recommendations(posts, tz),
    topPosts,
    byBranch: refs ? branchRows(posts, refs) : [],
  };
}

/** One branch's content analytics; undefined when the branch is unknown or the viewer may not see it. */
export async function getBranchContent(
  db: DB,
  viewer: Viewer,
  slug: string,
  input: BranchContentQuery,
  opts: { top?: number } = {},
): Promise<ContentReport | undefined> {
  const branch = await getBranchBySlug(db, viewer, slug);
  if (!branch) return undefined;
  const { timeZone, label } = await methodZone(db, input.method);
  const rows = await loadPosts(db, { branchIds: [branch.id], district: null }, input, timeZone);
  const ref: BranchRef = {
    id: branch.id,
    slug: branch.slug,
    name: branch.name,
    nameEn: branch.nameEn,
    federalDistrict: branch.federalDistrict,
  };
  return report(
    rows.map(toPost),
    {
      branch: ref,
      branches: 1,
      district: null,
      period: { from: input.from, to: input.to, timeZone },
      network: input.network,
      method: label,
    },
    opts.top ?? 10,
  );
}

/**
 * Content analytics over every branch the viewer may see in detail: all of
 * them for central staff and admins, the own branch for a coordinator.
 */
export async function getContentOverview(db: DB, viewer: Viewer, input: ContentQuery): Promise<ContentReport> {
  const { timeZone, label } = await methodZone(db, input.method);
  const ids = detailScope(viewer);
  const district = input.district ? input.district : null;
  const branches = await db
    .selectFrom('branch')
    .select(['id', 'slug', 'name', 'name_en', 'federal_district'])
    .where('archived_at', 'is', null)
    .$if(ids !== null, (q) => q.where('id', '=', sql<number>`any(${ids ?? []}::int[])`))
    .$if(district !== null, (q) => q.where('federal_district', '=', district!))
    .execute();
  const refs = new Map<number, BranchRef>(
    branches.map((b) => [b.id, { id: b.id, slug: b.slug, name: b.name, nameEn: b.name_en, federalDistrict: b.federal_district }]),
  );
  const rows = ids !== null && ids.length === 0 ? [] : await loadPosts(db, { branchIds: ids, district }, input, timeZone);
  return report(
    rows.map(toPost),
    {
      branch: null,
      branches: branches.length,
      district,
      period: { from: input.from, to: input.to, timeZone },
      network: input.network,
      method: label,
    },
    0,
    refs,
  );
}
