import { sql, type Kysely } from 'kysely';

// VK clips and OK posts (issue #15 items 1-2; docs/collectors.md):
// - a VK community's lifetime clip counters from groups.getById `counters`
//   (`clips_views`, `clips_likes`), stored on the collection day's row like
//   followers. NULL when VK does not return them — never 0.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table account_day
      add column clips_views bigint check (clips_views >= 0),
      add column clips_likes bigint check (clips_likes >= 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table account_day drop column if exists clips_views, drop column if exists clips_likes`.execute(db);
}
