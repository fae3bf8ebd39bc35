import { sql } from 'kysely';
import type { DB } from '../../db/client';

/** Advisory lock between rebuilding rollups and materializing rankings (see lib/data/rankings.ts). */
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
  await sql`
    delete from rollup_branch_day r using _rollup_claim c
    where r.branch_id = c.branch_id and r.day = c.day
  `.execute(db);

  // Each account's day first, then the branch's: an account without daily
  // totals (views, reach, likes…) counts by the posts it published that day,
  // at their latest snapshot, while its neighbours keep their own totals. Choosing
  // after summing would drop the post-only account whenever another reports totals.
  await sql`
    insert into rollup_branch_day (
      branch_id, day, network, accounts, followers, followers_accounts, views, views_accounts,
      likes, comments, shares, visits, account_posts,
      post_count, post_views, post_likes, post_comments, post_shares
    )
    with days as (
      select ad.account_id, ad.branch_id, ad.day, ad.network, ad.followers, coalesce(ad.views, ad.reach) as views,
        ad.likes, ad.comments, ad.shares, ad.visits, ad.posts
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
    )
    select coalesce(d.branch_id, p.branch_id), coalesce(d.day, p.day), coalesce(d.network, p.network),
      count(d.account_id)::int, sum(d.followers), count(d.followers)::int,
      sum(coalesce(d.views, p.views)), count(coalesce(d.views, p.views))::int,
      sum(coalesce(d.likes, p.likes)), sum(coalesce(d.comments, p.comments)), sum(coalesce(d.shares, p.shares)),
      sum(d.visits), sum(greatest(d.posts, p.n))::int,
      coalesce(sum(p.n), 0)::int, sum(p.views), sum(p.likes), sum(p.comments), sum(p.shares)
    from days d
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
