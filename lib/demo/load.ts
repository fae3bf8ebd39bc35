import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { addDays, todayIn } from '../ranking/period';
import { generateDemo, type GenerateOptions } from './generate';

type PgType = 'int4' | 'int8' | 'text' | 'date' | 'timestamptz';

/** Inserts rows column-wise through unnest(): one round trip per batch. */
async function bulkInsert(db: DB, table: string, columns: [string, PgType][], rows: unknown[][]): Promise<void> {
  const BATCH = 20_000;
  for (let off = 0; off < rows.length; off += BATCH) {
    const chunk = rows.slice(off, off + BATCH);
    const arrays = columns.map((_, c) => chunk.map((r) => r[c]));
    const unnestArgs = sql.join(columns.map(([, type], c) => sql`${arrays[c]}::${sql.raw(type)}[]`));
    const names = sql.join(columns.map(([name]) => sql.ref(name)));
    await sql`insert into ${sql.table(table)} (${names}) select * from unnest(${unnestArgs})`.execute(db);
  }
}

export interface DemoLoadResult {
  branches: number;
  accounts: number;
  accountDays: number;
  posts: number;
  postDays: number;
  start: string;
  end: string;
  ms: number;
}

/** The demo's last day: yesterday in Moscow, so "today" is still being collected. */
export function defaultDemoEnd(now = new Date()): string {
  return addDays(todayIn('Europe/Moscow', now), -1);
}

/**
 * Loads the demo data set into an empty database (branches must be empty),
 * in one transaction: a failure leaves nothing half-written.
 */
export async function loadDemo(db: DB, opts: Partial<GenerateOptions> = {}): Promise<DemoLoadResult> {
  const t0 = Date.now();
  const end = opts.end ?? defaultDemoEnd();
  const result: DemoLoadResult = { branches: 0, accounts: 0, accountDays: 0, posts: 0, postDays: 0, start: '', end, ms: 0 };

  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('branch')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    if (existing.n > 0) throw new Error('The database already has branches; demo data loads only into an empty database');

    const maxPost = await trx
      .selectFrom('post')
      .select(sql<number>`coalesce(max(id), 0)::int8`.as('m'))
      .executeTakeFirstOrThrow();
    let postId = Number(maxPost.m);
    const collectedAt = new Date();

    let dayRows: unknown[][] = [];
    let postRows: unknown[][] = [];
    let snapRows: unknown[][] = [];
    let runRows: unknown[][] = [];
    let sourceRows: unknown[][] = [];
    const flush = async (force: boolean) => {
      if (!force && dayRows.length + snapRows.length < 60_000) return;
      await bulkInsert(
        trx,
        'account_day',
        [
          ['account_id', 'int4'],
          ['day', 'date'],
          ['branch_id', 'int4'],
          ['network', 'text'],
          ['followers', 'int8'],
          ['views', 'int8'],
          ['reach', 'int8'],
          ['visits', 'int8'],
          ['visitors', 'int8'],
          ['pageviews', 'int8'],
          ['social_visits', 'int8'],
          ['posts', 'int4'],
          ['likes', 'int8'],
          ['comments', 'int8'],
          ['shares', 'int8'],
          ['source', 'text'],
          ['collected_at', 'timestamptz'],
          ['messenger_visits', 'int8'],
          ['clips_views', 'int8'],
          ['clips_likes', 'int8'],
        ],
        dayRows,
      );
      await bulkInsert(
        trx,
        'site_source_day',
        [
          ['account_id', 'int4'],
          ['day', 'date'],
          ['branch_id', 'int4'],
          ['source', 'text'],
          ['channel', 'text'],
          ['visits', 'int8'],
        ],
        sourceRows,
      );
      await bulkInsert(
        trx,
        'post',
        [
          ['id', 'int8'],
          ['account_id', 'int4'],
          ['branch_id', 'int4'],
          ['network', 'text'],
          ['external_id', 'text'],
          ['published_at', 'timestamptz'],
          ['url', 'text'],
          ['content_type', 'text'],
          ['excerpt', 'text'],
          ['source', 'text'],
        ],
        postRows,
      );
      await bulkInsert(
        trx,
        'post_day',
        [
          ['post_id', 'int8'],
          ['day', 'date'],
          ['branch_id', 'int4'],
          ['views', 'int8'],
          ['likes', 'int8'],
          ['comments', 'int8'],
          ['shares', 'int8'],
          ['reactions', 'int8'],
          ['collected_at', 'timestamptz'],
        ],
        snapRows,
      );
      await bulkInsert(
        trx,
        'collection_run',
        [
          ['account_id', 'int4'],
          ['branch_id', 'int4'],
          ['network', 'text'],
          ['window_from', 'date'],
          ['window_to', 'date'],
          ['started_at', 'timestamptz'],
          ['finished_at', 'timestamptz'],
          ['status', 'text'],
          ['error_class', 'text'],
          ['error_message', 'text'],
          ['api_calls', 'int4'],
          ['rows_written', 'int4'],
        ],
        runRows,
      );
      result.accountDays += dayRows.length;
      result.posts += postRows.length;
      result.postDays += snapRows.length;
      dayRows = [];
      postRows = [];
      snapRows = [];
      runRows = [];
      sourceRows = [];
    };

    for (const b of generateDemo({ ...opts, end })) {
      result.start ||= b.days[0]?.day ?? '';
      const branch = await trx
        .insertInto('branch')
        .values({
          slug: b.region.slug,
          name: b.region.name,
          name_en: b.region.nameEn,
          region_code: b.region.code,
          federal_district: b.region.district,
          population: b.region.population,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      result.branches++;
      const ids = new Map<string, { id: number; network: string }>();
      for (const a of b.accounts) {
        const row = await trx
          .insertInto('account')
          .values({
            branch_id: branch.id,
            network: a.network,
            external_id: a.externalId,
            handle: a.handle,
            url: a.url,
            title: a.title,
            status: a.status,
            status_reason: a.statusReason,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.set(a.key, { id: row.id, network: a.network });
        result.accounts++;
      }
      for (const d of b.days) {
        const acc = ids.get(d.accountKey)!;
        dayRows.push([
          acc.id,
          d.day,
          branch.id,
          acc.network,
          d.followers,
          d.views,
          d.reach,
          d.visits,
          d.visitors,
          d.pageviews,
          d.socialVisits,
          d.posts,
          d.likes,
          d.comments,
          d.shares,
          'demo',
          collectedAt,
          d.messengerVisits,
          d.clipsViews ?? null,
          d.clipsLikes ?? null,
        ]);
        for (const src of d.sources) sourceRows.push([acc.id, d.day, branch.id, src.source, src.channel, src.visits]);
      }
      for (const p of b.posts) {
        const acc = ids.get(p.accountKey)!;
        postId++;
        postRows.push([postId, acc.id, branch.id, acc.network, p.externalId, p.publishedAt, p.url, p.contentType, p.excerpt, 'demo']);
        for (const s of p.snapshots) {
          snapRows.push([postId, s.day, branch.id, s.views, s.likes, s.comments, s.shares, s.reactions, collectedAt]);
        }
      }
      for (const r of b.runs) {
        const acc = ids.get(r.accountKey)!;
        // Runs happen early in the morning (Moscow) of the day after the data day.
        const started = new Date(`${addDays(r.day, 1)}T03:10:00+03:00`);
        const finished = new Date(started.getTime() + 4_000 + r.apiCalls * 700);
        runRows.push([
          acc.id,
          branch.id,
          acc.network,
          addDays(r.day, -29),
          r.day,
          started,
          finished,
          r.status,
          r.errorClass,
          r.errorMessage,
          r.apiCalls,
          r.rowsWritten,
        ]);
      }
      await flush(false);
    }
    await flush(true);
    await sql`select setval(pg_get_serial_sequence('post', 'id'), greatest(${postId}::int8, 1))`.execute(trx);
  });
  await sql`analyze`.execute(db);
  result.ms = Date.now() - t0;
  return result;
}
