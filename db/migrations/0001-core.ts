import { sql, type Kysely } from 'kysely';

// Every metric table carries branch_id and has no foreign key to another
// branch-keyed metric table, so it can be distributed by branch_id later
// (Citus) or turned into a hypertable (TimescaleDB).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table branch (
      id serial primary key,
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      name text not null check (length(name) between 1 and 200),
      name_en text not null check (length(name_en) between 1 and 200),
      region_code text not null unique check (region_code ~ '^RU-[A-Z]{2,3}$'),
      federal_district text not null check (federal_district in
        ('central','northwestern','southern','north_caucasian','volga','ural','siberian','far_eastern')),
      population integer check (population > 0),
      archived_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table credential (
      id serial primary key,
      network text not null,
      label text not null,
      secret_ciphertext bytea not null,
      secret_iv bytea not null,
      secret_tag bytea not null,
      key_version integer not null default 1,
      config jsonb not null default '{}'::jsonb,
      status text not null default 'valid' check (status in ('valid','invalid','quota')),
      paused_until timestamptz,
      expires_at timestamptz,
      last_error text,
      last_checked_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table account (
      id serial primary key,
      branch_id integer not null references branch(id),
      network text not null check (network in ('vk','ok','telegram','youtube','rutube','website','dzen')),
      external_id text not null,
      handle text,
      url text,
      title text,
      credential_id integer references credential(id) on delete set null,
      status text not null default 'active' check (status in ('active','paused','not_found','private')),
      status_reason text,
      added_at timestamptz not null default now(),
      unique (network, external_id)
    )`.execute(db);
  await sql`create index account_branch_idx on account (branch_id)`.execute(db);

  await sql`
    create table account_day (
      account_id integer not null,
      day date not null,
      branch_id integer not null,
      network text not null,
      followers bigint check (followers >= 0),
      views bigint check (views >= 0),
      reach bigint check (reach >= 0),
      visits bigint check (visits >= 0),
      visitors bigint check (visitors >= 0),
      pageviews bigint check (pageviews >= 0),
      social_visits bigint check (social_visits >= 0),
      posts integer check (posts >= 0),
      likes bigint check (likes >= 0),
      comments bigint check (comments >= 0),
      shares bigint check (shares >= 0),
      source text not null check (source in ('api','import','manual','demo')),
      collected_at timestamptz not null default now(),
      primary key (account_id, day)
    )`.execute(db);
  await sql`create index account_day_branch_day_idx on account_day (branch_id, day)`.execute(db);
  await sql`create index account_day_day_idx on account_day (day)`.execute(db);

  await sql`
    create table post (
      id bigserial primary key,
      account_id integer not null,
      branch_id integer not null,
      network text not null,
      external_id text not null,
      published_at timestamptz not null,
      url text,
      kind text,
      excerpt text,
      source text not null default 'api' check (source in ('api','import','manual','demo')),
      unique (account_id, external_id)
    )`.execute(db);
  await sql`create index post_branch_published_idx on post (branch_id, published_at)`.execute(db);

  await sql`
    create table post_day (
      post_id bigint not null,
      day date not null,
      branch_id integer not null,
      views bigint check (views >= 0),
      likes bigint check (likes >= 0),
      comments bigint check (comments >= 0),
      shares bigint check (shares >= 0),
      reactions bigint check (reactions >= 0),
      collected_at timestamptz not null default now(),
      primary key (post_id, day)
    )`.execute(db);
  await sql`create index post_day_branch_day_idx on post_day (branch_id, day)`.execute(db);

  await sql`
    create table collection_run (
      id bigserial primary key,
      account_id integer not null,
      branch_id integer not null,
      network text not null,
      window_from date,
      window_to date,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      status text not null check (status in ('running','ok','partial','failed','skipped')),
      error_class text,
      error_message text,
      api_calls integer not null default 0,
      rows_written integer not null default 0
    )`.execute(db);
  await sql`create index collection_run_account_started_idx on collection_run (account_id, started_at desc)`.execute(db);
  await sql`create index collection_run_branch_started_idx on collection_run (branch_id, started_at desc)`.execute(db);

  await sql`
    create table ranking_method (
      id serial primary key,
      key text not null,
      version integer not null check (version > 0),
      definition jsonb not null,
      notes text,
      published_at timestamptz not null default now(),
      published_by text,
      unique (key, version)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['ranking_method', 'collection_run', 'post_day', 'post', 'account_day', 'account', 'credential', 'branch']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
