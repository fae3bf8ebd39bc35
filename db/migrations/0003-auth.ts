import { sql, type Kysely } from 'kysely';

// better-auth's tables under our own names (our `account` is a social-media
// account), with snake_case columns mapped in lib/auth/auth.ts. Created here,
// not by better-auth's CLI, so one migration history covers everything.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table app_user (
      id text primary key,
      name text not null,
      email text not null unique check (email = lower(email)),
      email_verified boolean not null default false,
      image text,
      role text not null default 'central' check (role in ('admin','central','coordinator')),
      branch_id integer references branch(id),
      deactivated_at timestamptz,
      failed_sign_ins integer not null default 0,
      locked_until timestamptz,
      last_sign_in_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (role <> 'coordinator' or branch_id is not null)
    )`.execute(db);

  await sql`
    create table auth_session (
      id text primary key,
      user_id text not null references app_user(id) on delete cascade,
      token text not null unique,
      expires_at timestamptz not null,
      ip_address text,
      user_agent text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index auth_session_user_idx on auth_session (user_id)`.execute(db);

  await sql`
    create table auth_account (
      id text primary key,
      user_id text not null references app_user(id) on delete cascade,
      account_id text not null,
      provider_id text not null,
      access_token text,
      refresh_token text,
      id_token text,
      access_token_expires_at timestamptz,
      refresh_token_expires_at timestamptz,
      scope text,
      password text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index auth_account_user_idx on auth_account (user_id)`.execute(db);

  await sql`
    create table auth_verification (
      id text primary key,
      identifier text not null,
      value text not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index auth_verification_identifier_idx on auth_verification (identifier)`.execute(db);

  // Sign-in rate limits live in the database so several web instances share them.
  await sql`
    create table auth_rate_limit (
      id text primary key,
      key text not null unique,
      count integer not null,
      last_request bigint not null
    )`.execute(db);

  await sql`
    create table audit_event (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_id text,
      actor_email text,
      action text not null check (action ~ '^[a-z][a-z0-9_.-]{0,63}$'),
      target text,
      detail jsonb not null default '{}'::jsonb,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index audit_event_at_idx on audit_event (at desc)`.execute(db);
  await sql`create index audit_event_action_at_idx on audit_event (action, at desc)`.execute(db);

  // Append-only: the app has one database role, so immutability is a trigger.
  await sql`
    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_event_no_update_delete before update or delete on audit_event
    for each row execute function audit_event_append_only()`.execute(db);
  await sql`
    create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only()`.execute(db);

  // Credential failures reach the audit log whoever writes them (collection
  // jobs, admin actions): on each change of status to invalid or quota.
  await sql`
    create function credential_failure_audit() returns trigger language plpgsql as $$
    begin
      if new.status <> 'valid' and new.status is distinct from old.status then
        insert into audit_event (action, target, detail)
        values ('credential.failure', new.network || ':' || new.label,
                jsonb_build_object('credentialId', new.id, 'status', new.status, 'error', left(new.last_error, 500)));
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger credential_failure_audit after update of status on credential
    for each row execute function credential_failure_audit()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists credential_failure_audit on credential`.execute(db);
  await sql`drop function if exists credential_failure_audit()`.execute(db);
  await sql`drop table if exists audit_event`.execute(db);
  await sql`drop function if exists audit_event_append_only()`.execute(db);
  for (const t of ['auth_rate_limit', 'auth_verification', 'auth_account', 'auth_session', 'app_user']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
