import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A rounded count ("1.2K" on Telegram) is stored with its ± so it is never
  // mistaken for an exact measurement; 0 = exact, NULL = unknown.
  await sql`alter table post_day add column views_margin bigint check (views_margin >= 0)`.execute(db);

  // YouTube quota units spent per credential per Pacific-time day.
  await sql`
    create table quota_usage (
      credential_id integer not null references credential(id) on delete cascade,
      day date not null,
      units integer not null default 0 check (units >= 0),
      primary key (credential_id, day)
    )`.execute(db);

  // Which graphile-worker workers live on which database session: when a
  // worker process dies (kill -9) its session goes, and the survivors unlock
  // its jobs at once instead of after graphile-worker's 4-hour timeout.
  await sql`
    create table worker_instance (
      worker_id text primary key,
      backend_pid integer not null,
      backend_start timestamptz,
      started_at timestamptz not null default now()
    )`.execute(db);

  await sql`create index collection_run_status_idx on collection_run (status, started_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists collection_run_status_idx`.execute(db);
  await sql`drop table if exists worker_instance`.execute(db);
  await sql`drop table if exists quota_usage`.execute(db);
  await sql`alter table post_day drop column if exists views_margin`.execute(db);
}
