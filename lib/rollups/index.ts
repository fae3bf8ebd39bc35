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

  await sql`
    insert into rollup_branch_day (
      branch_id, day, network, accounts, followers, followers_accounts, views, views_accounts,
      likes, comments, shares, visits, account_posts,
      post_count, post_views, post_likes, post_comments, post_shares
    )
    select branch_id, day, network,
      coalesce(sum(accounts), 0), sum(followers), coalesce(sum(followers_accounts), 0), sum(views), coalesce(sum(views_accounts), 0),
      sum(likes), sum(comments), sum(shares), sum(visits), sum(account_posts),
      coalesce(sum(post_count), 0), sum(post_views), sum(post_likes), sum(post_comments), sum(post_shares)
    from (
      select ad.branch_id, ad.day, ad.network,
        count(*)::int as accounts, sum(ad.followers) as followers, count(ad.followers)::int as followers_accounts,
        sum(coalesce(ad.views, ad.reach)) as views, count(coalesce(ad.views, ad.reach))::int as views_accounts,
        sum(ad.likes) as likes, sum(ad.comments) as comments, sum(ad.shares) as shares,
        sum(ad.visits) as visits, sum(ad.posts)::int as account_posts,
        null::int as post_count, null::bigint as post_views, null::bigint as post_likes,
        null::bigint as post_comments, null::bigint as post_shares
      from _rollup_claim c
      join account_day ad on ad.branch_id = c.branch_id and ad.day = c.day
      group by 1, 2, 3
      union all
      select p.branch_id, c.day, p.network,
        null, null, null, null, null, null, null, null, null, null,
        count(*)::int, sum(s.views), sum(s.likes), sum(s.comments), sum(s.shares)
      from _rollup_claim c
      join post p on p.branch_id = c.branch_id
        and p.published_at >= (c.day::timestamp at time zone 'Europe/Moscow')
        and p.published_at < ((c.day + 1)::timestamp at time zone 'Europe/Moscow')
      left join lateral (
        select pd.views, pd.likes, pd.comments, pd.shares
        from post_day pd where pd.post_id = p.id
        order by pd.day desc limit 1
      ) s on true
      group by 1, 2, 3
    ) parts
    group by branch_id, day, network
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
