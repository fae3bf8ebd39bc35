import { sql, type Kysely } from 'kysely';

// Targets that central staff set per branch, metric and period
// (docs/methodology.md, "Targets"). One target per branch, metric and exact
// period; setting it again replaces the value. The checks repeat the domain's
// limits (lib/targets/definitions.ts) so a bad row cannot come in another way.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table branch_target (
      id serial primary key,
      branch_id integer not null references branch(id) on delete cascade,
      metric text not null check (metric in ('follower_growth', 'posts_per_week', 'views_per_100k')),
      period_from date not null,
      period_to date not null,
      value double precision not null check (value > -1e12 and value < 1e12),
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (period_from <= period_to),
      unique (branch_id, metric, period_from, period_to)
    )
  `.execute(db);
  await sql`create index branch_target_period_idx on branch_target (period_from, period_to)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table branch_target`.execute(db);
}
