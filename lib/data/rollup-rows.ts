import { sql } from 'kysely';
import type { DB } from '../../db/client';
import type { Network } from '../networks';
import type { DayTotals } from '../ranking/components';

export type Scope = 'all' | Network;

function interactionsOf(likes: number | null, comments: number | null, shares: number | null): number | null {
  if (likes === null && comments === null && shares === null) return null;
  return (likes ?? 0) + (comments ?? 0) + (shares ?? 0);
}

export interface RollupRow {
  branch_id: number;
  day: string;
  network: string;
  accounts: number;
  followers: number | null;
  followers_accounts: number;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  visits: number | null;
  account_posts: number | null;
  post_count: number;
  post_views: number | null;
  post_likes: number | null;
  post_comments: number | null;
  post_shares: number | null;
  v2_views?: number | null;
  v2_likes?: number | null;
  v2_comments?: number | null;
  v2_shares?: number | null;
  v2_reactions?: number | null;
  social_visits?: number | null;
  messenger_visits?: number | null;
}

/**
 * A rollup row as the ranking reads it. The rollup already settled each
 * account (its daily totals, else its posts of the day at their latest
 * snapshot; see lib/rollups), so `views`, `likes`… are complete; the post_*
 * fallback only serves rows written before that. Websites have visits, not views.
 */
export function toDayTotals(r: RollupRow): DayTotals & { likes: number | null; comments: number | null; shares: number | null } {
  const site = r.network === 'website';
  const likes = r.likes ?? r.post_likes;
  const comments = r.comments ?? r.post_comments;
  const shares = r.shares ?? r.post_shares;
  return {
    day: r.day,
    network: r.network as Network,
    accounts: r.accounts,
    followers: site ? null : r.followers,
    followersAccounts: site ? 0 : r.followers_accounts,
    views: site ? null : (r.views ?? r.post_views),
    interactions: site ? null : interactionsOf(likes, comments, shares),
    likes: site ? null : likes,
    comments: site ? null : comments,
    shares: site ? null : shares,
    posts: Math.max(r.account_posts ?? 0, r.post_count),
    visits: r.visits,
    v2: {
      views: site ? null : (r.v2_views ?? null),
      likes: site ? null : (r.v2_likes ?? null),
      comments: site ? null : (r.v2_comments ?? null),
      shares: site ? null : (r.v2_shares ?? null),
      reactions: site ? null : (r.v2_reactions ?? null),
      socialVisits: r.social_visits ?? null,
      messengerVisits: r.messenger_visits ?? null,
    },
  };
}

/** Rollup rows of some branches (all when `branchIds` is null) over [from, to] in a network scope. */
export async function listRollupRows(
  db: DB,
  input: { from: string; to: string; scope: Scope; branchIds: number[] | null },
): Promise<RollupRow[]> {
  let q = db
    .selectFrom('rollup_branch_day')
    .select([
      'branch_id',
      sql<string>`day::text`.as('day'),
      'network',
      'accounts',
      'followers',
      'followers_accounts',
      'views',
      'likes',
      'comments',
      'shares',
      'visits',
      'account_posts',
      'post_count',
      'post_views',
      'post_likes',
      'post_comments',
      'post_shares',
      'v2_views',
      'v2_likes',
      'v2_comments',
      'v2_shares',
      'v2_reactions',
      'social_visits',
      'messenger_visits',
    ])
    .where('day', '>=', input.from)
    .where('day', '<=', input.to);
  if (input.scope !== 'all') q = q.where('network', '=', input.scope);
  if (input.branchIds) q = q.where('branch_id', 'in', input.branchIds.length ? input.branchIds : [-1]);
  return q.execute();
}

/** The latest day with any rollup data, or null when there is none. */
export async function getLastDataDay(db: DB): Promise<string | null> {
  const r = await db
    .selectFrom('rollup_branch_day')
    .select(sql<string | null>`max(day)::text`.as('d'))
    .executeTakeFirst();
  return r?.d ?? null;
}

/** The first day with any data (rollups), or null without data. */
export async function getFirstDataDay(db: DB): Promise<string | null> {
  const r = await db
    .selectFrom('rollup_branch_day')
    .select(sql<string | null>`min(day)::text`.as('d'))
    .executeTakeFirst();
  return r?.d ?? null;
}
