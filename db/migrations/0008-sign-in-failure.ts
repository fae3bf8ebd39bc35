import { sql, type Kysely } from 'kysely';

// Failed sign-ins by e-mail and client address, for the throttle in
// lib/auth/throttle.ts (docs/access.md, "Sign-in throttling"). Rows older
// than a day are pruned as new ones arrive. The per-account lockout columns
// on app_user are no longer written: any stranger could use them to lock a
// real user out (issue #17).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sign_in_failure (
      id bigserial primary key,
      at timestamptz not null default now(),
      email text not null,
      address text not null
    )`.execute(db);
  await sql`create index sign_in_failure_at_idx on sign_in_failure (at)`.execute(db);
  await sql`create index sign_in_failure_address_idx on sign_in_failure (address, at)`.execute(db);
  await sql`create index sign_in_failure_pair_idx on sign_in_failure (email, address, at)`.execute(db);
  await sql`update app_user set failed_sign_ins = 0, locked_until = null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table sign_in_failure`.execute(db);
}
