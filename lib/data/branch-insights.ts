import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { canSeeBranchDetail, type Viewer } from '../auth/viewer';
import type { ContentType } from '../content-types';
import type { PostDto } from '../content/post-dto';
import type { Network } from '../networks';
import { breaksInRange, type PlatformBreak } from '../breaks/model';
import { listBreaks } from './breaks';
import { listRankHistory } from './summary';
import type { Scope } from './rollup-rows';

// Branch-page extras the analytics API does not carry: top posts and rank history.

/** A top post of the branch page (lib/content/post-dto.ts). */
export type TopPost = PostDto;

/**
 * Posts published in [from, to] (Moscow days), with their latest snapshot,
 * best first by views and by engagement rate. Empty when the viewer may not
 * see the branch.
 */
export async function listTopPosts(
  db: DB,
  viewer: Viewer,
  branchId: number,
  input: { from: string; to: string; network: Scope; limit?: number },
): Promise<{ byViews: TopPost[]; byEngagement: TopPost[] }> {
  if (!canSeeBranchDetail(viewer, branchId)) return { byViews: [], byEngagement: [] };
  const limit = input.limit ?? 5;
  const net = input.network === 'all' ? sql<boolean>`true` : sql<boolean>`p.network = ${input.network}`;
  const { rows } = await sql<{
    id: number;
    network: Network;
    content_type: ContentType | null;
    url: string | null;
    excerpt: string | null;
    published_at: Date;
    views: number | null;
    interactions: number | null;
  }>`
    with posts as (
      select p.id, p.network, p.content_type, p.url, p.excerpt, p.published_at, s.views,
        case when s.likes is null and s.comments is null and s.shares is null then null
          else coalesce(s.likes, 0) + coalesce(s.comments, 0) + coalesce(s.shares, 0) end as interactions
      from post p
      left join lateral (
        select pd.views, pd.likes, pd.comments, pd.shares from post_day pd
        where pd.post_id = p.id order by pd.day desc limit 1
      ) s on true
      where p.branch_id = ${branchId} and ${net}
        and p.published_at >= (${input.from}::date::timestamp at time zone 'Europe/Moscow')
        and p.published_at < ((${input.to}::date + 1)::timestamp at time zone 'Europe/Moscow')
    ), v as (
      select *, 'v' as list from posts where views is not null order by views desc limit ${limit}
    ), e as (
      -- Posts with few views would top the rate by chance: require a tenth of the median views.
      select *, 'e' as list from posts
      where views > 0 and interactions is not null
        and views >= coalesce((select percentile_cont(0.5) within group (order by views) from posts where views > 0), 0) / 10
      order by interactions::float8 / views desc limit ${limit}
    )
    select id, network, content_type, url, excerpt, published_at, views::float8 as views, interactions::float8 as interactions, list from v
    union all
    select id, network, content_type, url, excerpt, published_at, views::float8, interactions::float8, list from e
  `.execute(db);
  const toPost = (r: (typeof rows)[number]): TopPost => ({
    id: Number(r.id),
    network: r.network,
    contentType: r.content_type,
    url: r.url,
    excerpt: r.excerpt,
    publishedAt: new Date(r.published_at).toISOString(),
    views: r.views,
    interactions: r.interactions,
    engagementRate: r.views && r.views > 0 && r.interactions !== null ? (r.interactions / r.views) * 100 : null,
  });
  const list = (x: string) => rows.filter((r) => (r as unknown as { list: string }).list === x).map(toPost);
  return { byViews: list('v'), byEngagement: list('e') };
}

export interface RankPoint {
  /** Period label, e.g. 2026-10. */
  period: string;
  from: string;
  rank: number | null;
  score: number | null;
  of: number;
}

/** Months of the branch page's rank history (lib/data/ranking-warm.ts keeps them computed). */
export const RANK_HISTORY_MONTHS = 12;

/** The branch's monthly rank over the last `months` months up to the one containing `to` (oldest first). */
export async function listMonthlyRankHistory(
  db: DB,
  viewer: Viewer,
  slug: string,
  input: { to: string; network: Scope; months?: number },
): Promise<RankPoint[]> {
  const points = await listRankHistory(db, viewer, slug, {
    period: 'month',
    date: input.to.slice(0, 7),
    count: input.months ?? RANK_HISTORY_MONTHS,
    network: input.network,
  });
  return (points ?? []).map((p) => ({ period: p.label, from: p.from, rank: p.rank, score: p.score, of: p.of }));
}

/**
 * The platform breaks a branch's period crosses for its network scope, with
 * the days inside the period (docs/methodology.md "Platform breaks"): the
 * explanation names them, since figures move with them whatever the branch did.
 */
export async function listPeriodBreaks(db: DB, input: { from: string; to: string; network: Scope }): Promise<PeriodBreak[]> {
  return breaksInRange(await listBreaks(db), input.from, input.to, input.network);
}
export type PeriodBreak = PlatformBreak & { within: { from: string; to: string } };
