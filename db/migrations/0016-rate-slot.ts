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
  // Telegram reactions as t.me/s shows them (docs/collectors.md): the ± of a sum
  // of rounded counts ("1.2K" is 1200 ± 50), and paid star reactions, which
  // count stars, not readers, so they are kept apart from `reactions`.
  await sql`
    alter table post_day
      add column reactions_margin bigint check (reactions_margin >= 0),
      add column paid_stars bigint check (paid_stars >= 0),
      add column paid_stars_margin bigint check (paid_stars_margin >= 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table post_day drop column if exists reactions_margin, drop column if exists paid_stars, drop column if exists paid_stars_margin`.execute(
    db,
  );
  await sql`drop table if exists rate_slot`.execute(db);
}
