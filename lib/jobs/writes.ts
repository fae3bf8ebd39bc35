import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { AccountDayMetrics, CollectResult, PostMetrics } from '../collectors/types';
import type { DataSource, Network } from '../networks';

type Trx = Transaction<Database>;

export const METRIC_COLUMNS = [
  'followers',
  'views',
  'reach',
  'visits',
  'visitors',
  'pageviews',
  'social_visits',
  'messenger_visits',
  'posts',
  'likes',
  'comments',
  'shares',
  'clips_views',
  'clips_likes',
] as const;
export type MetricColumn = (typeof METRIC_COLUMNS)[number];

interface AccountRef {
  id: number;
  branch_id: number;
  network: Network;
}

const CHUNK = 500;
const chunks = <T>(list: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
};

// `coalesce(excluded.c, t.c)`: a later run that did not measure a value never
// erases one that was measured.
const keep = (table: string, c: string) => sql`coalesce(${sql.ref(`excluded.${c}`)}, ${sql.ref(`${table}.${c}`)})`;
const changed = (table: string, cols: readonly string[]) =>
  sql<boolean>`(${sql.join(cols.map((c) => sql.ref(`${table}.${c}`)))}) is distinct from (${sql.join(cols.map((c) => keep(table, c)))})`;

/**
 * Upserts on (account, day); a row whose values would not change is not
 * rewritten. Manual rows are never overwritten. Returns rows written.
 */
export async function upsertAccountDays(
  trx: Trx,
  account: AccountRef,
  days: readonly AccountDayMetrics[],
  source: DataSource,
  now: Date,
): Promise<number> {
  let written = 0;
  for (const part of chunks(days)) {
    const rows = part.map((d) => ({
      account_id: account.id,
      day: d.day,
      branch_id: account.branch_id,
      network: account.network,
      followers: d.followers ?? null,
      views: d.views ?? null,
      reach: d.reach ?? null,
      visits: d.visits ?? null,
      visitors: d.visitors ?? null,
      pageviews: d.pageviews ?? null,
      social_visits: d.social_visits ?? null,
      messenger_visits: d.messenger_visits ?? null,
      posts: d.posts ?? null,
      likes: d.likes ?? null,
      comments: d.comments ?? null,
      shares: d.shares ?? null,
      clips_views: d.clips_views ?? null,
      clips_likes: d.clips_likes ?? null,
      source,
      collected_at: now,
    }));
    const set = Object.fromEntries(METRIC_COLUMNS.map((c) => [c, keep('account_day', c)]));
    const res = await trx
      .insertInto('account_day')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['account_id', 'day'])
          .doUpdateSet({ ...set, source: sql.ref('excluded.source'), collected_at: sql.ref('excluded.collected_at') } as never)
          .where(sql<boolean>`account_day.source <> 'manual'`)
          .where(sql<boolean>`(${changed('account_day', METRIC_COLUMNS)} or account_day.source <> excluded.source)`),
      )
      .returning('account_id')
      .execute();
    written += res.length;
  }
  return written;
}

/**
 * Upserts posts on (account, external id) and today's snapshot on
 * (post, day). Returns rows written (posts and snapshots).
 */
export async function upsertPosts(trx: Trx, account: AccountRef, posts: readonly PostMetrics[], day: string, now: Date): Promise<number> {
  let written = 0;
  for (const part of chunks(posts)) {
    const res = await trx
      .insertInto('post')
      .values(
        part.map((p) => ({
          account_id: account.id,
          branch_id: account.branch_id,
          network: account.network,
          external_id: p.externalId,
          published_at: p.publishedAt,
          url: p.url,
          content_type: p.contentType,
          excerpt: p.excerpt,
          source: 'api' as const,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['account_id', 'external_id'])
          .doUpdateSet({
            published_at: sql.ref('excluded.published_at'),
            url: sql.ref('excluded.url'),
            content_type: sql.ref('excluded.content_type'),
            excerpt: sql.ref('excluded.excerpt'),
          })
          .where(
            sql<boolean>`(post.published_at, post.url, post.content_type, post.excerpt) is distinct from (excluded.published_at, excluded.url, excluded.content_type, excluded.excerpt)`,
          ),
      )
      .returning('id')
      .execute();
    written += res.length;

    // An unchanged post returns no row above; look ids up by natural key.
    const ids = await trx
      .selectFrom('post')
      .select(['id', 'external_id'])
      .where('account_id', '=', account.id)
      .where(
        'external_id',
        'in',
        part.map((p) => p.externalId),
      )
      .execute();
    const idOf = new Map(ids.map((r) => [r.external_id, r.id]));
    const cols = [
      'views',
      'views_margin',
      'likes',
      'comments',
      'shares',
      'reactions',
      'reactions_margin',
      'paid_stars',
      'paid_stars_margin',
    ] as const;
    const snaps = await trx
      .insertInto('post_day')
      .values(
        part.map((p) => ({
          post_id: idOf.get(p.externalId) as number,
          day,
          branch_id: account.branch_id,
          views: p.views,
          views_margin: p.viewsMargin ?? null,
          likes: p.likes,
          comments: p.comments,
          shares: p.shares,
          reactions: p.reactions,
          reactions_margin: p.reactionsMargin ?? null,
          paid_stars: p.paidStars ?? null,
          paid_stars_margin: p.paidStarsMargin ?? null,
          collected_at: now,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['post_id', 'day'])
          .doUpdateSet({
            ...Object.fromEntries(cols.map((c) => [c, keep('post_day', c)])),
            collected_at: sql.ref('excluded.collected_at'),
          } as never)
          .where(changed('post_day', cols)),
      )
      .returning('post_id')
      .execute();
    written += snaps.length;
  }
  return written;
}

/**
 * Website visits by social network and messenger (site_source_day) for the sources whose
 * split the collector measured: on the days it covers, a network it no longer lists is
 * removed and the others are upserted; an unchanged row is not rewritten. Returns rows written.
 */
export async function upsertSiteChannels(
  trx: Trx,
  account: AccountRef,
  splits: NonNullable<CollectResult['siteChannels']>,
): Promise<number> {
  let written = 0;
  for (const split of splits) {
    if (split.days.length === 0) continue;
    const keepKeys = split.rows.map((r) => `${r.day}|${r.channel}`);
    const gone = await trx
      .deleteFrom('site_source_day')
      .where('account_id', '=', account.id)
      .where('source', '=', split.source)
      .where('day', 'in', split.days)
      .$if(keepKeys.length > 0, (q) => q.where(sql<boolean>`(day::text || '|' || channel) <> all(${keepKeys}::text[])`))
      .executeTakeFirst();
    written += Number(gone.numDeletedRows);
    for (const part of chunks(split.rows)) {
      const r = await trx
        .insertInto('site_source_day')
        .values(
          part.map((x) => ({
            account_id: account.id,
            day: x.day,
            branch_id: account.branch_id,
            source: x.source,
            channel: x.channel,
            visits: x.visits,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['account_id', 'day', 'source', 'channel'])
            .doUpdateSet({ visits: (eb) => eb.ref('excluded.visits') })
            .where(sql<boolean>`site_source_day.visits is distinct from excluded.visits`),
        )
        .executeTakeFirst();
      written += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
  }
  return written;
}
