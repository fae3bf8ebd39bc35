import { sql, type Kysely } from 'kysely';

// Platform breaks (issue #15, docs/methodology.md "Platform breaks"): days on
// which a network changed how it counts or was throttled nationally, so a
// branch's figures move for reasons that are not the branch's work. Two are
// built in (docs/methodology.md names their sources); admins add their own.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table platform_break (
      id serial primary key,
      -- Set on built-in breaks only: their text comes from the UI messages; they cannot be edited or deleted.
      builtin_key text unique,
      -- NULL: every network.
      network text check (network in ('vk','ok','telegram','max','youtube','rutube','website','dzen')),
      starts_on date not null,
      -- NULL: still going on (open-ended).
      ends_on date,
      note text not null check (length(note) between 1 and 500),
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_on is null or ends_on >= starts_on),
      check (starts_on >= date '2000-01-01' and starts_on <= date '2100-12-31'),
      check (ends_on is null or ends_on <= date '2100-12-31')
    )`.execute(db);
  await sql`create index platform_break_days on platform_break (starts_on, ends_on)`.execute(db);
  // VK Video counted a long video's view after 5 seconds from the start of 2026, rolled out by 3 Feb 2026;
  // Telegram is throttled in Russia from 10 Feb 2026, with no end announced.
  await sql`
    insert into platform_break (builtin_key, network, starts_on, ends_on, note) values
      ('vk_video_counting', 'vk', date '2026-01-01', date '2026-02-03',
       'VK Video: a long video''s view counts after 5 seconds of watching (rolled out 1 Jan – 3 Feb 2026; old views not recounted)'),
      ('telegram_throttling', 'telegram', date '2026-02-10', null,
       'Telegram throttled in Russia from 10 Feb 2026')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists platform_break`.execute(db);
}
