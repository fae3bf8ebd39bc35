import { sql, type Kysely } from 'kysely';
import { PODIUM_V1, PODIUM_V2 } from '../../lib/ranking/method';

// Method podium-v2 (docs/methodology.md "podium-v2"), stored beside podium-v1:
// - new rollup columns that only v2 reads, so every column v1 reads is computed as before
//   and a stored v1 ranking stays reproducible;
// - Metrica's messenger source beside the social one;
// - a post snapshot now also marks the days its increase is spread over;
// - the method in effect, chosen by an admin (one row).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table account_day add column messenger_visits bigint check (messenger_visits >= 0)`.execute(db);

  // Website visits by source and network/messenger, where Metrica names one (source 'social' or 'messenger').
  await sql`
    create table site_source_day (
      account_id integer not null,
      day date not null,
      branch_id integer not null,
      source text not null check (source in ('social','messenger')),
      channel text not null check (length(channel) between 1 and 100),
      visits bigint not null check (visits >= 0),
      primary key (account_id, day, source, channel)
    )`.execute(db);
  await sql`create index site_source_day_branch_day_idx on site_source_day (branch_id, day)`.execute(db);

  await sql`
    alter table rollup_branch_day
      add column v2_views bigint,
      add column v2_likes bigint,
      add column v2_comments bigint,
      add column v2_shares bigint,
      add column v2_reactions bigint,
      add column social_visits bigint,
      add column messenger_visits bigint`.execute(db);

  // A snapshot's increase is spread over the days since the post's previous snapshot (or its
  // publication), and a new snapshot in the middle changes the next one's gap too: mark all of
  // those days, and the publication day as before (v1's post_* columns).
  await sql`
    create or replace function rollup_mark_post_day() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' then
        insert into rollup_dirty (branch_id, day)
          select distinct branch_id, day from (
            select p.branch_id, (p.published_at at time zone 'Europe/Moscow')::date as day
            from (select distinct post_id from new_rows) n join post p on p.id = n.post_id
            union all
            select p.branch_id, g.day::date
            from (select distinct post_id, day from new_rows) n
            join post p on p.id = n.post_id
            cross join lateral (
              select coalesce((select max(x.day) + 1 from post_day x where x.post_id = n.post_id and x.day < n.day),
                              (p.published_at at time zone 'Europe/Moscow')::date) as lo,
                     coalesce((select min(x.day) from post_day x where x.post_id = n.post_id and x.day > n.day), n.day) as hi
            ) b
            cross join generate_series(least(b.lo, n.day), b.hi, interval '1 day') g(day)
          ) t
          order by 1, 2 on conflict do nothing;
      end if;
      if tg_op <> 'INSERT' then
        insert into rollup_dirty (branch_id, day)
          select distinct branch_id, day from (
            select p.branch_id, (p.published_at at time zone 'Europe/Moscow')::date as day
            from (select distinct post_id from old_rows) o join post p on p.id = o.post_id
            union all
            select p.branch_id, g.day::date
            from (select distinct post_id, day from old_rows) o
            join post p on p.id = o.post_id
            cross join lateral (
              select coalesce((select max(x.day) + 1 from post_day x where x.post_id = o.post_id and x.day < o.day),
                              (p.published_at at time zone 'Europe/Moscow')::date) as lo,
                     coalesce((select min(x.day) from post_day x where x.post_id = o.post_id and x.day > o.day), o.day) as hi
            ) b
            cross join generate_series(least(b.lo, o.day), b.hi, interval '1 day') g(day)
          ) t
          order by 1, 2 on conflict do nothing;
      end if;
      return null;
    end $$`.execute(db);

  for (const s of ['ins', 'upd', 'del']) {
    const ref =
      s === 'ins' ? 'new table as new_rows' : s === 'del' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
    const ev = s === 'ins' ? 'insert' : s === 'del' ? 'delete' : 'update';
    await sql
      .raw(
        `create trigger site_source_day_rollup_${s} after ${ev} on site_source_day referencing ${ref} for each statement execute function rollup_mark_account_day()`,
      )
      .execute(db);
  }

  for (const [m, notes] of [
    [PODIUM_V1, 'Default method (DESIGN.md)'],
    [
      PODIUM_V2,
      'No figure from data gaps, followers carried in, Telegram reactions, site visits from social networks and messengers (issue #12)',
    ],
  ] as const) {
    await sql`
      insert into ranking_method (key, version, definition, notes, published_by)
      values (${m.key}, ${m.version}, ${JSON.stringify(m)}::jsonb, ${notes}, 'system')
      on conflict (key, version) do nothing`.execute(db);
  }

  // The method in effect. A new install starts with podium-v2; an install that already has
  // branches keeps podium-v1, the method its past meetings saw, until an admin switches.
  await sql`
    create table ranking_method_choice (
      id boolean primary key default true check (id),
      method_id integer not null references ranking_method(id),
      chosen_at timestamptz not null default now(),
      chosen_by text
    )`.execute(db);
  await sql`
    insert into ranking_method_choice (method_id, chosen_by)
    select id, 'system' from ranking_method
    where key = 'podium' and version = case when exists (select 1 from branch) then 1 else 2 end`.execute(db);

  // Rows built before this migration lack the v2 columns; the next refresh fills them.
  await sql`
    insert into rollup_dirty (branch_id, day)
    select distinct branch_id, day from rollup_branch_day order by 1, 2
    on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists ranking_method_choice`.execute(db);
  for (const s of ['ins', 'upd', 'del']) await sql.raw(`drop trigger if exists site_source_day_rollup_${s} on site_source_day`).execute(db);
  await sql`drop table if exists site_source_day`.execute(db);
  await sql`
    alter table rollup_branch_day
      drop column if exists v2_views, drop column if exists v2_likes, drop column if exists v2_comments,
      drop column if exists v2_shares, drop column if exists v2_reactions, drop column if exists social_visits,
      drop column if exists messenger_visits`.execute(db);
  await sql`alter table account_day drop column if exists messenger_visits`.execute(db);
  // podium-v2 stays published (snapshots may reference it); the trigger keeps marking the extra days.
}
