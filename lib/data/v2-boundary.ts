import { sql } from 'kysely';
import type { DB } from '../../db/client';
import type { Network } from '../networks';
import type { BoundaryCorrection } from '../ranking/components';
import type { Scope } from './rollup-rows';

/** How old a post may be at a window's edge for its gap across the edge to be taken out (see below). */
export const EDGE_POST_AGE_DAYS = 45;

/** Per branch and network, the amounts a window's edge gaps put inside it (to subtract). */
export type EdgeCorrections = Map<number, Partial<Record<Network, BoundaryCorrection>>>;

/**
 * podium-v2 counts, in a ranking window, only the snapshot increases whose whole gap
 * lies inside it (docs/methodology.md "Gaps at the edges of a period"). The rollups
 * spread every increase over its gap by day, which is right for charts; for a window,
 * the days a gap straddling its first or last day put inside it are taken back out
 * here. Only days on which the increase was actually used count: the account reported
 * that day and had no daily figure of its own for that counter (lib/rollups).
 * Returns, per branch and network, the amounts to subtract.
 */
export async function loadBoundaryCorrections(db: DB, w: { from: string; to: string }, scope: Scope): Promise<EdgeCorrections> {
  return (await loadBoundaryCorrectionsOf(db, [w], scope))[0];
}

/**
 * The corrections of several windows in one statement, each exactly as loadBoundaryCorrections
 * gives it alone. A cold ranking needs the period and the one before, which share an edge (the
 * day before the period is the last day of the one before): their gaps across it are looked up
 * once, so three edges are probed instead of four. A gap counts for a window only when it was
 * found at one of that window's own edges (a post may be young enough at one edge and not at
 * another), once per window however many of its edges it crosses.
 */
export async function loadBoundaryCorrectionsOf(
  db: DB,
  windows: readonly { from: string; to: string }[],
  scope: Scope,
): Promise<EdgeCorrections[]> {
  if (!windows.length) return [];
  // JIT compiling this statement costs more than running it; `set local` needs a transaction.
  if (!db.isTransaction) return db.transaction().execute((trx) => loadBoundaryCorrectionsOf(trx, windows, scope));
  await sql`set local jit = off`.execute(db);
  const rows = await sql<{
    w: number;
    branch_id: number;
    network: Network;
    views: string | null;
    likes: string | null;
    comments: string | null;
    shares: string | null;
    reactions: string | null;
  }>`
    with win as (
      select (w - 1)::int as w, wfrom, wto
      from unnest(${windows.map((x) => x.from)}::date[], ${windows.map((x) => x.to)}::date[]) with ordinality as t(wfrom, wto, w)
    ), edges as (
      -- Each window's edges: the day before its first day and its last day.
      select distinct e.edge from win cross join lateral (values (win.wfrom - 1), (win.wto)) e(edge)
    ), cand as (
      -- Only a post published before an edge can have a gap across it, and posts are re-polled
      -- while young (collections look 30 days back): those published up to EDGE_POST_AGE_DAYS
      -- days before each edge. For each, the snapshots on both sides of the edge (two index probes).
      select p.id, p.account_id, p.branch_id, p.network, (p.published_at at time zone 'Europe/Moscow')::date as pub, e.edge
      from post p
      join edges e on p.published_at >= ((e.edge - ${EDGE_POST_AGE_DAYS}::int)::timestamp at time zone 'Europe/Moscow')
        and p.published_at < ((e.edge + 1)::timestamp at time zone 'Europe/Moscow')
      where (${scope}::text = 'all' or p.network = ${scope}::text)
    ), gaps as (
      -- The gap that ends with the first snapshot after the edge day and starts after the last one on or
      -- before it.
      select c.id, c.account_id, c.branch_id, c.network, c.edge, s1.day as d1, least(coalesce(s0.day + 1, c.pub), s1.day) as d0,
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
    ), wgaps as (
      -- Each window's gaps: found at one of its own edges; a gap across both is found twice and counted once.
      select distinct on (win.w, g.id, g.d1) win.w, win.wfrom, win.wto, g.*
      from gaps g join win on g.edge = win.wfrom - 1 or g.edge = win.wto
    ), used as (
      -- The in-window days of each edge gap, with the share the rollup gave each, where the rollup used it.
      select e.w, e.branch_id, e.network,
        case when ad.views is null and ad.reach is null then e.views * (k + 1) / n - e.views * k / n end as views,
        case when ad.likes is null then e.likes * (k + 1) / n - e.likes * k / n end as likes,
        case when ad.comments is null then e.comments * (k + 1) / n - e.comments * k / n end as comments,
        case when ad.shares is null then e.shares * (k + 1) / n - e.shares * k / n end as shares,
        e.reactions * (k + 1) / n - e.reactions * k / n as reactions
      from wgaps e
      cross join lateral (select (e.d1 - e.d0 + 1)::bigint as n) len
      cross join lateral generate_series(0::bigint, len.n - 1) k
      join account_day ad on ad.account_id = e.account_id and ad.day = e.d0 + k::int
      where e.d0 + k::int between e.wfrom and e.wto
    )
    select w, branch_id, network, sum(views)::text as views, sum(likes)::text as likes, sum(comments)::text as comments,
      sum(shares)::text as shares, sum(reactions)::text as reactions
    from used group by 1, 2, 3
  `.execute(db);
  const out: EdgeCorrections[] = windows.map(() => new Map());
  const n = (v: string | null) => (v === null ? 0 : Number(v));
  for (const r of rows.rows) {
    const byBranch = out[r.w];
    const m = byBranch.get(r.branch_id) ?? {};
    m[r.network] = { views: n(r.views), likes: n(r.likes), comments: n(r.comments), shares: n(r.shares), reactions: n(r.reactions) };
    byBranch.set(r.branch_id, m);
  }
  return out;
}
