import { sql, type Kysely } from 'kysely';
import { PODIUM_V1 } from '../../lib/ranking/method';

// Rollups per (branch, network, day), a queue of (branch, day) pairs whose
// rollups are stale, and materialized rankings. Statement-level triggers with
// transition tables fill the queue, so a bulk load of 800k rows costs one
// insert per statement, not a trigger call per row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rollup_branch_day (
      branch_id integer not null,
      day date not null,
      network text not null,
      accounts integer not null default 0,
      followers bigint,
      followers_accounts integer not null default 0,
      views bigint,
      views_accounts integer not null default 0,
      likes bigint,
      comments bigint,
      shares bigint,
      visits bigint,
      account_posts integer,
      post_count integer not null default 0,
      post_views bigint,
      post_likes bigint,
      post_comments bigint,
      post_shares bigint,
      primary key (branch_id, day, network)
    )`.execute(db);
  await sql`create index rollup_branch_day_day_idx on rollup_branch_day (day)`.execute(db);

  await sql`
    create table rollup_dirty (
      branch_id integer not null,
      day date not null,
      primary key (branch_id, day)
    )`.execute(db);

  await sql`
    create function rollup_mark_account_day() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' then
        insert into rollup_dirty (branch_id, day)
          select distinct branch_id, day from new_rows order by 1, 2 on conflict do nothing;
      end if;
      if tg_op <> 'INSERT' then
        insert into rollup_dirty (branch_id, day)
          select distinct branch_id, day from old_rows order by 1, 2 on conflict do nothing;
      end if;
      return null;
    end $$`.execute(db);

  // Post metrics count on the post's publication day in Moscow.
  await sql`
    create function rollup_mark_post_day() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' then
        insert into rollup_dirty (branch_id, day)
          select distinct p.branch_id, (p.published_at at time zone 'Europe/Moscow')::date
          from (select distinct post_id from new_rows) n join post p on p.id = n.post_id
          order by 1, 2 on conflict do nothing;
      end if;
      if tg_op <> 'INSERT' then
        insert into rollup_dirty (branch_id, day)
          select distinct p.branch_id, (p.published_at at time zone 'Europe/Moscow')::date
          from (select distinct post_id from old_rows) o join post p on p.id = o.post_id
          order by 1, 2 on conflict do nothing;
      end if;
      return null;
    end $$`.execute(db);

  await sql`
    create function rollup_mark_post() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' then
        insert into rollup_dirty (branch_id, day)
          select distinct branch_id, (published_at at time zone 'Europe/Moscow')::date from new_rows
          order by 1, 2 on conflict do nothing;
      end if;
      if tg_op <> 'INSERT' then
        insert into rollup_dirty (branch_id, day)
          select distinct branch_id, (published_at at time zone 'Europe/Moscow')::date from old_rows
          order by 1, 2 on conflict do nothing;
      end if;
      return null;
    end $$`.execute(db);

  for (const [table, fn] of [
    ['account_day', 'rollup_mark_account_day'],
    ['post_day', 'rollup_mark_post_day'],
    ['post', 'rollup_mark_post'],
  ] as const) {
    await sql
      .raw(
        `create trigger ${table}_rollup_ins after insert on ${table} referencing new table as new_rows for each statement execute function ${fn}();
         create trigger ${table}_rollup_upd after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function ${fn}();
         create trigger ${table}_rollup_del after delete on ${table} referencing old table as old_rows for each statement execute function ${fn}();`,
      )
      .execute(db);
  }

  // One materialized ranking per (method version, network scope, period).
  // inputs_from..inputs_to covers every day the result depends on (previous
  // period and flag baselines included), so a refresh knows what to drop.
  await sql`
    create table ranking_snapshot (
      id bigserial primary key,
      method_id integer not null references ranking_method(id),
      scope text not null,
      period_kind text not null,
      period_from date not null,
      period_to date not null,
      as_of date not null,
      inputs_from date not null,
      inputs_to date not null,
      computed_at timestamptz not null default now(),
      result jsonb not null,
      unique (method_id, scope, period_from, period_to)
    )`.execute(db);
  await sql`create index ranking_snapshot_inputs_idx on ranking_snapshot (inputs_from, inputs_to)`.execute(db);

  await sql`
    create table ranking_snapshot_row (
      snapshot_id bigint not null references ranking_snapshot(id) on delete cascade,
      branch_id integer not null,
      eligible boolean not null,
      rank integer,
      score double precision,
      previous_rank integer,
      change integer,
      metrics jsonb not null,
      detail jsonb not null,
      primary key (snapshot_id, branch_id)
    )`.execute(db);

  // Population, archiving and the accounts a branch is expected to have feed
  // every ranking; such edits are rare, so they simply drop all snapshots.
  await sql`
    create function ranking_snapshot_drop_all() returns trigger language plpgsql as $$
    begin
      delete from ranking_snapshot;
      return null;
    end $$`.execute(db);
  await sql`create trigger branch_ranking_stale after insert or update or delete on branch for each statement execute function ranking_snapshot_drop_all()`.execute(
    db,
  );
  await sql`create trigger account_ranking_stale after insert or update or delete on account for each statement execute function ranking_snapshot_drop_all()`.execute(
    db,
  );

  await sql`
    insert into ranking_method (key, version, definition, notes, published_by)
    values (${PODIUM_V1.key}, ${PODIUM_V1.version}, ${JSON.stringify(PODIUM_V1)}::jsonb, 'Default method (DESIGN.md)', 'system')
    on conflict (key, version) do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['account_day', 'post_day', 'post']) {
    for (const s of ['ins', 'upd', 'del']) await sql.raw(`drop trigger if exists ${t}_rollup_${s} on ${t}`).execute(db);
  }
  await sql`drop trigger if exists branch_ranking_stale on branch`.execute(db);
  await sql`drop trigger if exists account_ranking_stale on account`.execute(db);
  await sql`drop function if exists ranking_snapshot_drop_all()`.execute(db);
  for (const f of ['rollup_mark_account_day', 'rollup_mark_post_day', 'rollup_mark_post']) {
    await sql.raw(`drop function if exists ${f}()`).execute(db);
  }
  for (const t of ['ranking_snapshot_row', 'ranking_snapshot', 'rollup_dirty', 'rollup_branch_day']) {
    await sql.raw(`drop table if exists ${t}`).execute(db);
  }
}
