import { sql, type Kysely } from 'kysely';

// Coverage 2026 (issue #15): MAX becomes a network, and a post's type is one of
// the content types of lib/content-types.ts instead of each network's own label.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table account drop constraint if exists account_network_check`.execute(db);
  await sql`
    alter table account add constraint account_network_check
      check (network in ('vk','ok','telegram','max','youtube','rutube','website','dzen'))`.execute(db);

  await sql`alter table post rename column kind to content_type`.execute(db);
  // The labels collectors wrote before: VK post_type, Telegram forward, YouTube short, demo topic/message.
  await sql`
    update post set content_type = case
      when content_type in ('video') then 'video'
      when content_type in ('clip', 'short') then 'clip'
      when content_type in ('copy', 'forward') then 'repost'
      when content_type in ('article') then 'article'
      when content_type in ('post', 'topic', 'message', 'reply', 'postpone', 'suggest') then 'text'
      when content_type is null then null
      else 'other' end`.execute(db);
  await sql`
    alter table post add constraint post_content_type_check
      check (content_type in ('text','photo','video','clip','repost','live','article','other'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table post drop constraint if exists post_content_type_check`.execute(db);
  await sql`alter table post rename column content_type to kind`.execute(db);
  await sql`alter table account drop constraint if exists account_network_check`.execute(db);
  await sql`
    alter table account add constraint account_network_check
      check (network in ('vk','ok','telegram','youtube','rutube','website','dzen'))`.execute(db);
}
