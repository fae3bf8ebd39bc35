import { sql, type Kysely } from 'kysely';

// Rate-limit slots shared by every process that collects with one credential
// (worker, `npm run collect`, "collect now" in admin): docs/collectors.md,
// "Rate limits". One row per slot of a key; free_at is when the slot may be
// taken again, on the database's clock so all processes share one clock.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rate_slot (
      key text not null check (length(key) between 1 and 200),
      slot integer not null check (slot >= 0),
      free_at timestamptz not null default '-infinity',
      primary key (key, slot)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists rate_slot`.execute(db);
}
