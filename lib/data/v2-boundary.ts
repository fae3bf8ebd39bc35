import { sql } from 'kysely';
import type { DB } from '../../db/client';
import type { Network } from '../networks';
import type { BoundaryCorrection } from '../ranking/components';
import type { Scope } from './rollup-rows';

/** How old a post may be at a window's edge for its gap across the edge to be taken out (see below). */
export const EDGE_POST_AGE_DAYS = 45;

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
    with cand as (
      -- Only a post published before an edge can have a gap across it, and posts are re-polled
      -- while young (collections look 30 days back): those published up to EDGE_POST_AGE_DAYS
      -- days before each edge. For each, the snapshots on both sides of the edge (two index probes).
      select p.id, p.account_id, p.branch_id, p.network, (p.published_at at time zone 'Europe/Moscow')::date as pub, e.edge
      from post p
      cross join lateral (values (${w.from}::date - 1), (${w.to}::date)) e(edge)
      where p.published_at >= ((e.edge - ${EDGE_POST_AGE_DAYS}::int)::timestamp at time zone 'Europe/Moscow')
        and p.published_at < ((e.edge + 1)::timestamp at time zone 'Europe/Moscow')
        and (${scope}::text = 'all' or p.network = ${scope}::text)
    ), gaps as (
      -- The gap that ends with the first snapshot after the edge day and starts after the last one on or
      -- before it; a gap across both edges is found twice and counted once.
      select distinct on (c.id, s1.day) c.account_id, c.branch_id, c.network, s1.day as d1, least(coalesce(s0.day + 1, c.pub), s1.day) as d0,
        case when s1.views is not null and (s0.day is null or s0.views is not null) then greatest(s1.views - coalesce(s0.views, 0), 0) end as views,
        case when s1.likes is not null and (s0.day is null or s0.likes is not null) then greatest(s1.likes - coalesce(s0.likes, 0), 0) end as likes,
        case when s1.comments is not null and (s0.day is null or s0.comments is not null) then greatest(s1.comments - coalesce(s0.comments, 0), 0) end as comments,
        case when s1.shares is not null and (s0.day is null or s0.shares is not null) then greatest(s1.shares - coalesce(s0.shares, 0), 0) end as shares,
        case when s1.reactions is not null and (s0.day is null or s0.reactions is not null) then greatest(s1.reactions - coalesce(s0.reactions, 0), 0) end as reactions
      from cand c
      join lateral (
        select x.day, x.views, x.likes, x.comments, x.shares, x.reactions from post_day x
        where x.post_id = c.id and x.day > c.edge order by x.day limit 1
      ) s1 on true
      left join lateral (
        select x.day, x.views, x.likes, x.comments, x.shares, x.reactions from post_day x
        where x.post_id = c.id and x.day <= c.edge order by x.day desc limit 1
      ) s0 on true
      -- Across the edge: it starts on or before the edge day and ends after it.
      where least(coalesce(s0.day + 1, c.pub), s1.day) <= c.edge
    ), used as (
      -- The in-window days of each edge gap, with the share the rollup gave each, where the rollup used it.
      select e.branch_id, e.network,
        case when ad.views is null and ad.reach is null then e.views * (k + 1) / n - e.views * k / n end as views,
        case when ad.likes is null then e.likes * (k + 1) / n - e.likes * k / n end as likes,
        case when ad.comments is null then e.comments * (k + 1) / n - e.comments * k / n end as comments,
        case when ad.shares is null then e.shares * (k + 1) / n - e.shares * k / n end as shares,
        e.reactions * (k + 1) / n - e.reactions * k / n as reactions
      from gaps e
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
