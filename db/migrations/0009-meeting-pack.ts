import { sql, type Kysely } from 'kysely';

// Meeting packs (docs/operations.md, "Meeting pack"): one row per requested
// pack; the finished zip is stored in the row (bytea), so backups carry packs
// and no file store beside the database is needed. A pack is a few hundred KB.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table meeting_pack (
      id serial primary key,
      period_label text not null check (length(period_label) between 1 and 40),
      query jsonb not null,
      source text not null default 'live' check (source in ('live','published')),
      locale text not null default 'ru' check (locale in ('ru','en')),
      status text not null default 'scheduled' check (status in ('scheduled','running','done','failed')),
      run_at timestamptz not null default now(),
      requested_by text references app_user(id) on delete set null,
      requested_by_email text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      error text,
      filename text,
      size_bytes integer,
      sha256 text,
      content bytea,
      check (status <> 'done' or (content is not null and filename is not null))
    )`.execute(db);
  await sql`create index meeting_pack_created_idx on meeting_pack (created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists meeting_pack`.execute(db);
}
