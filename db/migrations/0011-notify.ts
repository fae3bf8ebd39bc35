import { sql, type Kysely } from 'kysely';

// Alerts and digests (docs/notifications.md): who hears what, through which
// channel, and an outbox that the worker drains. Events and their outbox rows
// are written in the transaction that causes them.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A user's notification settings: language, and per (event type, channel) on/off.
  await sql`
    create table notify_setting (
      user_id text primary key references app_user(id) on delete cascade,
      locale text not null default 'ru' check (locale in ('ru', 'en')),
      rank_change_places integer not null default 5 check (rank_change_places between 1 and 82),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table notify_pref (
      user_id text not null references app_user(id) on delete cascade,
      event_type text not null,
      channel text not null check (channel in ('email', 'telegram')),
      enabled boolean not null,
      primary key (user_id, event_type, channel)
    )`.execute(db);
  // Central staff follow branches to hear of their flags.
  await sql`
    create table notify_follow (
      user_id text not null references app_user(id) on delete cascade,
      branch_id integer not null references branch(id) on delete cascade,
      primary key (user_id, branch_id)
    )`.execute(db);
  // A linked Telegram chat; a user links by sending the bot a one-time code.
  await sql`
    create table notify_telegram_link (
      user_id text primary key references app_user(id) on delete cascade,
      chat_id bigint not null unique,
      username text,
      linked_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table notify_link_code (
      code_hash text primary key,
      user_id text not null references app_user(id) on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);
  // Bookkeeping for the bot's getUpdates offset and other small state.
  await sql`create table notify_state (key text primary key, value jsonb not null)`.execute(db);

  // One row per thing that happened; dedupe_key makes emitting idempotent.
  await sql`
    create table notify_event (
      id bigserial primary key,
      type text not null,
      branch_id integer references branch(id) on delete cascade,
      payload jsonb not null,
      dedupe_key text not null unique,
      created_at timestamptz not null default now()
    )`.execute(db);
  // One row per (event, receiver, channel). The sender groups a user's pending
  // rows of one channel into one message per round and marks them with the
  // message's key before sending: a row is sent at most once.
  await sql`
    create table notify_outbox (
      id bigserial primary key,
      event_id bigint references notify_event(id) on delete cascade,
      user_id text not null references app_user(id) on delete cascade,
      channel text not null check (channel in ('email', 'telegram')),
      kind text not null check (kind in ('alert', 'digest')),
      status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'uncertain', 'skipped')),
      message_key text,
      claimed_at timestamptz,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      digest jsonb,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      unique (event_id, user_id, channel)
    )`.execute(db);
  await sql`create index notify_outbox_due_idx on notify_outbox (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index notify_outbox_key_idx on notify_outbox (message_key)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'notify_outbox',
    'notify_event',
    'notify_state',
    'notify_link_code',
    'notify_telegram_link',
    'notify_follow',
    'notify_pref',
    'notify_setting',
  ]) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
