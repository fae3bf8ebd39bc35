import { sql, type Kysely } from 'kysely';

// Change notices for the warm ranking lookup's memo (db/change-feed.ts;
// docs/operations.md, "Warm rankings without a round trip"): every statement that
// changes a table the lookup reads sends a notice on `podium_changes`, delivered
// to listening connections when its transaction commits. Statement triggers, so a
// rollup refresh sends one notice per statement, and PostgreSQL folds equal
// notices of one transaction into one.
const TABLES = ['ranking_method', 'ranking_method_choice', 'ranking_snapshot', 'rollup_branch_day'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function podium_notify_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('podium_changes', tg_table_name);
      return null;
    end $$`.execute(db);
  for (const table of TABLES) {
    await sql`
      create trigger ${sql.raw(`${table}_notify_change`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function podium_notify_change()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await sql`drop trigger ${sql.raw(`${table}_notify_change`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function podium_notify_change()`.execute(db);
}
