import { sql } from 'kysely';
import type { DB } from '../../db/client';

/** Advisory lock between rebuilding rollups and materializing rankings (see lib/data/ranking-snapshot.ts). */
export const SNAPSHOT_LOCK = 0x706f6469; // "podi"

/** Pairs claimed per transaction: bounds lock time and memory for a huge backlog. */
const BATCH = 50_000;

/**
 * Brings rollups and materialized rankings up to date with whatever metric
 * rows changed since the last call. Called after collection, import and seed.
 *
 * Triggers queue each changed (branch, day) in rollup_dirty; this claims a
 * batch with SKIP LOCKED (two workers never recompute the same pair), rebuilds
 * those pairs' rollup rows set-based, and drops materialized rankings whose
 * inputs include any of those days. A change that lands while a batch is
 * being rebuilt re-queues its pair, so nothing is lost.
 */
export async function refreshRollups(db: DB): Promise<{ branchDays: number }> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      await sql`
        create temp table if not exists _rollup_claim (branch_id integer not null, day date not null) on commit delete rows
      `.execute(trx);
      const claimed = await sql<{ n: number }>`
        with picked as (
          select branch_id, day from rollup_dirty
          order by branch_id, day
          limit ${BATCH}
          for update skip locked
        ), gone as (
          delete from rollup_dirty d using picked p
          where d.branch_id = p.branch_id and d.day = p.day
          returning d.branch_id, d.day
        ), ins as (
          insert into _rollup_claim select branch_id, day from gone returning 1
        )
        select count(*)::int as n from ins
      `.execute(trx);
      const count = claimed.rows[0]?.n ?? 0;
      if (count === 0) return 0;
      await sql`analyze _rollup_claim`.execute(trx);
      await rebuildClaimed(trx as unknown as DB);
      return count;
    });
    total += n;
    if (n < BATCH) break;
  }
  return { branchDays: total };
}

async function rebuildClaimed(db: DB): Promise<void> {
  // The snapshot increases (below) sort and group a few million rows on a full rebuild. JIT
  // compilation of this large statement costs ~2 s, ten times what a collection's batch takes.
  await sql`set local work_mem = '64MB'`.execute(db);
  await sql`set local jit = off`.execute(db);
  await sql`
    delete from rollup_branch_day r using _rollup_claim c
    where r.branch_id = c.branch_id and r.day = c.day
  `.execute(db);

  // Each account's day first, then the branch's: an account without daily
  // totals (views, reach, likes…) counts by the posts it published that day,
  // at their latest snapshot, while its neighbours keep their own totals. Choosing
  // after summing would drop the post-only account whenever another reports totals.
  // Those columns are what podium-v1 reads and are computed exactly as before.
  //
  // The v2_* columns (podium-v2, docs/methodology.md "podium-v2") never use
  // lifetime totals: a post's counters grow between its snapshots, and each
  // increase is spread evenly over the days since the previous snapshot (or the
  // publication day), in whole units that add up to the increase; a decrease
  // counts as 0. An account-day counts only if the account reported that day
  // (an account_day row): its own daily totals where measured, else its posts'
  // increases of that day. A day it did not report stays missing (coverage says so).
  // Posts with a snapshot on or after a claimed day: only their gaps can reach one. A table of
  // its own (analyzed), so the planner sees how few they are after a collection.
  await sql`create temp table if not exists _rollup_posts (post_id bigint primary key) on commit delete rows`.execute(db);
  await sql`
    insert into _rollup_posts
    select distinct pd.post_id
    from (select branch_id, min(day) as lo from _rollup_claim group by 1) sp
    join post_day pd on pd.branch_id = sp.branch_id and pd.day >= sp.lo
  `.execute(db);
  await sql`analyze _rollup_posts`.execute(db);
  await sql`
    insert into rollup_branch_day (
      branch_id, day, network, accounts, followers, followers_accounts, views, views_accounts,
      likes, comments, shares, visits, account_posts,
      post_count, post_views, post_likes, post_comments, post_shares,
      v2_views, v2_likes, v2_comments, v2_shares, v2_reactions, social_visits, messenger_visits
    )
    with days as (
      select ad.account_id, ad.branch_id, ad.day, ad.network, ad.followers, coalesce(ad.views, ad.reach) as views,
        ad.likes, ad.comments, ad.shares, ad.visits, ad.posts, ad.social_visits, ad.messenger_visits
      from _rollup_claim c
      join account_day ad on ad.branch_id = c.branch_id and ad.day = c.day
    ), posts as (
      select p.account_id, p.branch_id, c.day, p.network,
        count(*)::int as n, sum(s.views) as views, sum(s.likes) as likes, sum(s.comments) as comments, sum(s.shares) as shares
      from _rollup_claim c
      join post p on p.branch_id = c.branch_id
        and p.published_at >= (c.day::timestamp at time zone 'Europe/Moscow')
        and p.published_at < ((c.day + 1)::timestamp at time zone 'Europe/Moscow')
      left join lateral (
        select pd.views, pd.likes, pd.comments, pd.shares
        from post_day pd where pd.post_id = p.id
        order by pd.day desc limit 1
      ) s on true
      group by 1, 2, 3, 4
    ), span as (
      select branch_id, min(day) as lo, max(day) as hi from _rollup_claim group by 1
    ), snaps as (
      select p.account_id, p.branch_id, (p.published_at at time zone 'Europe/Moscow')::date as pub, x.day,
        x.views, x.likes, x.comments, x.shares, x.reactions,
        lag(x.day) over w as p_day, lag(x.views) over w as p_views, lag(x.likes) over w as p_likes,
        lag(x.comments) over w as p_comments, lag(x.shares) over w as p_shares, lag(x.reactions) over w as p_reactions
      from _rollup_posts t
      join post p on p.id = t.post_id
      join post_day x on x.post_id = t.post_id
      window w as (partition by x.post_id order by x.day)
    ), gaps as (
      -- Each snapshot's gap runs from the day after the previous snapshot (or the publication day) to its own day.
      select s.account_id, s.branch_id, s.day as d1, least(coalesce(s.p_day + 1, s.pub), s.day) as d0,
        case when s.views is not null and (s.p_day is null or s.p_views is not null) then greatest(s.views - coalesce(s.p_views, 0), 0) end as views,
        case when s.likes is not null and (s.p_day is null or s.p_likes is not null) then greatest(s.likes - coalesce(s.p_likes, 0), 0) end as likes,
        case when s.comments is not null and (s.p_day is null or s.p_comments is not null) then greatest(s.comments - coalesce(s.p_comments, 0), 0) end as comments,
        case when s.shares is not null and (s.p_day is null or s.p_shares is not null) then greatest(s.shares - coalesce(s.p_shares, 0), 0) end as shares,
        case when s.reactions is not null and (s.p_day is null or s.p_reactions is not null) then greatest(s.reactions - coalesce(s.p_reactions, 0), 0) end as reactions
      from snaps s join span sp on sp.branch_id = s.branch_id
      where s.day >= sp.lo and least(coalesce(s.p_day + 1, s.pub), s.day) <= sp.hi
    ), spread as (
      -- Day k (0-based) of an n-day gap gets floor(Δ(k+1)/n) − floor(Δk/n): whole units summing to Δ.
      select g.account_id, g.branch_id, g.d0 + k::int as day,
        sum(g.views * (k + 1) / n - g.views * k / n) as views,
        sum(g.likes * (k + 1) / n - g.likes * k / n) as likes,
        sum(g.comments * (k + 1) / n - g.comments * k / n) as comments,
        sum(g.shares * (k + 1) / n - g.shares * k / n) as shares,
        sum(g.reactions * (k + 1) / n - g.reactions * k / n) as reactions
      from gaps g
      cross join lateral (select (g.d1 - g.d0 + 1)::bigint as n) len
      cross join lateral generate_series(0::bigint, len.n - 1) k
      group by 1, 2, 3
    ), deltas as (
      select q.* from spread q join _rollup_claim c on c.branch_id = q.branch_id and c.day = q.day
    ), settled as (
      select d.*, q.views as q_views, q.likes as q_likes, q.comments as q_comments, q.shares as q_shares, q.reactions as q_reactions
      from days d
      left join deltas q on q.account_id = d.account_id and q.day = d.day and q.branch_id = d.branch_id
    )
    select coalesce(d.branch_id, p.branch_id), coalesce(d.day, p.day), coalesce(d.network, p.network),
      count(d.account_id)::int, sum(d.followers), count(d.followers)::int,
      sum(coalesce(d.views, p.views)), count(coalesce(d.views, p.views))::int,
      sum(coalesce(d.likes, p.likes)), sum(coalesce(d.comments, p.comments)), sum(coalesce(d.shares, p.shares)),
      sum(d.visits), sum(greatest(d.posts, p.n))::int,
      coalesce(sum(p.n), 0)::int, sum(p.views), sum(p.likes), sum(p.comments), sum(p.shares),
      sum(coalesce(d.views, d.q_views)), sum(coalesce(d.likes, d.q_likes)), sum(coalesce(d.comments, d.q_comments)),
      sum(coalesce(d.shares, d.q_shares)), sum(d.q_reactions), sum(d.social_visits), sum(d.messenger_visits)
    from settled d
    full join posts p on p.account_id = d.account_id and p.day = d.day and p.branch_id = d.branch_id
    group by 1, 2, 3
  `.execute(db);

  // A materialized ranking whose inputs include a rebuilt day is stale. The
  // exclusive lock waits for rankings being built from the old rollups (they
  // hold it shared), so none of them can be stored after this delete.
  await sql`select pg_advisory_xact_lock(${SNAPSHOT_LOCK})`.execute(db);
  await sql`
    delete from ranking_snapshot s
    where exists (
      select 1 from _rollup_claim c where c.day between s.inputs_from and s.inputs_to
    )
  `.execute(db);
}
