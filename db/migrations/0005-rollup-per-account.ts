import { sql, type Kysely } from 'kysely';

// Rollups now settle each account before summing a branch (views, else the
// views of its posts of the day). Rows built the old way are queued for a
// rebuild; the next refresh (after a collection, or at `npm start`) makes them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into rollup_dirty (branch_id, day)
    select distinct branch_id, day from rollup_branch_day order by 1, 2
    on conflict do nothing`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to undo: rebuilt rollups are valid under the old code as well.
}
