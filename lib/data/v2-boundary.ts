import { sql } from 'kysely';
import type { DB } from '../../db/client';
import type { Network } from '../networks';
import type { BoundaryCorrection } from '../ranking/components';
import type { Scope } from './rollup-rows';

/** How old a post may be at a window's edge for its gap across the edge to be taken out (see below). */
export const EDGE_POST_AGE_DAYS = 90;

/**
 * podium-v2 counts, in a ranking window, only the snapshot increases whose whole gap
 * lies inside it (docs/methodology.md "Gaps at the edges of a period"). The rollups
 * spread every increase over its gap by day, which is right for charts; for a window,
 * the days a gap straddling its first or last day put inside it are taken back out
 * here. Only days on which the increase was actually used count: the account reported
 * that day and had no daily figure of its own for that counter (lib/rollups).
 * Returns, per branch and network, the amounts to subtract.
 */
export async function loadBoundaryCorrections(
  db: DB,
  w: { from: string; to: string },
  scope: Scope,
): Promise<Map<number, Partial<Record<Network, BoundaryCorrection>>>> {
  // JIT compiling this statement costs more than running it; `set local` needs a transaction.
  if (!db.isTransaction) return db.transaction().execute((trx) => loadBoundaryCorrections(trx, w, scope));
  await sql`set local jit = off`.execute(db);
  const rows = await sql<{ branch_id: number; network: Network; views: string | null; likes: string | null; comments: string | null; shares: string | null; reactions: string | null }>`
    with touched as (
      -- Only a post published before an edge can have a gap across it; posts are re-polled while
      -- young, so those published up to EDGE_POST_AGE_DAYS days before each edge are searched.
      select p.id as post_id from post p
      where (p.published_at >= ((${w.from}::date - ${EDGE_POST_AGE_DAYS}::int)::timestamp at time zone 'Europe/Moscow')
          and p.published_at < (${w.from}::date::timestamp at time zone 'Europe/Moscow'))
         or (p.published_at >= ((${w.to}::date - ${EDGE_POST_AGE_DAYS}::int)::timestamp at time zone 'Europe/Moscow')
          and p.published_at < ((${w.to}::date + 1)::timestamp at time zone 'Europe/Moscow'))
    ), snaps as (
      select p.account_id, p.branch_id, p.network, (p.published_at at time zone 'Europe/Moscow')::date as pub, x.day,
        x.views, x.likes, x.comments, x.shares, x.reactions,
        lag(x.day) over w as p_day, lag(x.views) over w as p_views, lag(x.likes) over w as p_likes,
        lag(x.comments) over w as p_comments, lag(x.shares) over w as p_shares, lag(x.reactions) over w as p_reactions
      from touched t join post p on p.id = t.post_id join post_day x on x.post_id = t.post_id
      where (${scope}::text = 'all' or p.network = ${scope}::text)
      window w as (partition by x.post_id order by x.day)
    ), gaps as (
      select s.account_id, s.branch_id, s.network, s.day as d1, least(coalesce(s.p_day + 1, s.pub), s.day) as d0,
        case when s.views is not null and (s.p_day is null or s.p_views is not null) then greatest(s.views - coalesce(s.p_views, 0), 0) end as views,
        case when s.likes is not null and (s.p_day is null or s.p_likes is not null) then greatest(s.likes - coalesce(s.p_likes, 0), 0) end as likes,
        case when s.comments is not null and (s.p_day is null or s.p_comments is not null) then greatest(s.comments - coalesce(s.p_comments, 0), 0) end as comments,
        case when s.shares is not null and (s.p_day is null or s.p_shares is not null) then greatest(s.shares - coalesce(s.p_shares, 0), 0) end as shares,
        case when s.reactions is not null and (s.p_day is null or s.p_reactions is not null) then greatest(s.reactions - coalesce(s.p_reactions, 0), 0) end as reactions
      from snaps s
    ), edge as (
      select * from gaps
      where (d0 < ${w.from}::date and d1 >= ${w.from}::date) or (d0 <= ${w.to}::date and d1 > ${w.to}::date)
    ), used as (
      -- The in-window days of each edge gap, with the share the rollup gave each, where the rollup used it.
      select e.branch_id, e.network,
        case when ad.views is null and ad.reach is null then e.views * (k + 1) / n - e.views * k / n end as views,
        case when ad.likes is null then e.likes * (k + 1) / n - e.likes * k / n end as likes,
        case when ad.comments is null then e.comments * (k + 1) / n - e.comments * k / n end as comments,
        case when ad.shares is null then e.shares * (k + 1) / n - e.shares * k / n end as shares,
        e.reactions * (k + 1) / n - e.reactions * k / n as reactions
      from edge e
      cross join lateral (select (e.d1 - e.d0 + 1)::bigint as n) len
      cross join lateral generate_series(0::bigint, len.n - 1) k
      join account_day ad on ad.account_id = e.account_id and ad.day = e.d0 + k::int
      where e.d0 + k::int between ${w.from}::date and ${w.to}::date
    )
    select branch_id, network, sum(views)::text as views, sum(likes)::text as likes, sum(comments)::text as comments,
      sum(shares)::text as shares, sum(reactions)::text as reactions
    from used group by 1, 2
  `.execute(db);
  const out = new Map<number, Partial<Record<Network, BoundaryCorrection>>>();
  const n = (v: string | null) => (v === null ? 0 : Number(v));
  for (const r of rows.rows) {
    const m = out.get(r.branch_id) ?? {};
    m[r.network] = { views: n(r.views), likes: n(r.likes), comments: n(r.comments), shares: n(r.shares), reactions: n(r.reactions) };
    out.set(r.branch_id, m);
  }
  return out;
}
