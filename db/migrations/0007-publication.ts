import { sql, type Kysely } from 'kysely';

// Published rankings: the official record of a period's ranking, shown at a
// meeting and kept as it was (docs/methodology.md, "Publication"). They live
// in tables of their own, which refreshRollups never touches, and the
// database refuses to change or delete them, as it does for the audit log.
// Rows are stored as the canonical JSON text that the content hash covers, so
// reading them back gives the same bytes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ranking_publication (
      id bigserial primary key,
      scope text not null,
      period_kind text not null,
      period_from date not null,
      period_to date not null,
      period_label text not null,
      method_id integer not null references ranking_method(id),
      method_key text not null,
      method_version integer not null,
      as_of date not null,
      last_data_day date,
      title text not null check (length(title) between 1 and 200),
      comment text not null default '' check (length(comment) <= 2000),
      published_by_id text,
      published_by_email text not null,
      published_by_name text not null default '',
      published_at timestamptz not null,
      supersedes_id bigint unique references ranking_publication(id),
      reason text check (length(reason) between 1 and 1000),
      summary text not null,
      content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
      check ((supersedes_id is null) = (reason is null)),
      check (period_from <= period_to)
    )`.execute(db);
  // One chain per period and network: a second record of the same period is a
  // correction that supersedes the head of the chain (supersedes_id is unique).
  await sql`
    create unique index ranking_publication_root_idx on ranking_publication (scope, period_from, period_to)
    where supersedes_id is null`.execute(db);
  await sql`create index ranking_publication_period_idx on ranking_publication (period_from, period_to)`.execute(db);

  await sql`
    create table ranking_publication_row (
      publication_id bigint not null references ranking_publication(id),
      position integer not null check (position >= 0),
      branch_id integer not null,
      eligible boolean not null,
      rank integer,
      score double precision,
      row_json text not null,
      primary key (publication_id, position),
      unique (publication_id, branch_id)
    )`.execute(db);

  await sql`
    create function ranking_publication_immutable() returns trigger language plpgsql as $$
    begin
      raise exception '% is immutable: a published ranking is never changed or deleted (publish a correction instead)', tg_table_name;
    end $$`.execute(db);
  for (const t of ['ranking_publication', 'ranking_publication_row']) {
    await sql
      .raw(
        `create trigger ${t}_no_update_delete before update or delete on ${t} for each row execute function ranking_publication_immutable();
         create trigger ${t}_no_truncate before truncate on ${t} for each statement execute function ranking_publication_immutable();`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists ranking_publication_row`.execute(db);
  await sql`drop table if exists ranking_publication`.execute(db);
  await sql`drop function if exists ranking_publication_immutable()`.execute(db);
}
