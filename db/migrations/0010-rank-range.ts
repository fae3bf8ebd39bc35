import { sql, type Kysely } from 'kysely';

// Each ranked row stores the 90 % range of its rank from the bootstrap of the
// period's days (lib/ranking/uncertainty.ts). Snapshots built before have no
// range: they are dropped and rebuilt on the next request, like after any
// change of inputs (they are materialized results, not records).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ranking_snapshot_row add column rank_low integer, add column rank_high integer`.execute(db);
  await sql`delete from ranking_snapshot`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ranking_snapshot_row drop column rank_low, drop column rank_high`.execute(db);
}
