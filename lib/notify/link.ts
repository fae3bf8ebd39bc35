import crypto from 'node:crypto';
import type { DB } from '../../db/client';
import type { Logger } from '../log';
import type { TelegramBot } from './channels/telegram';
import type { NotifyConfig } from './config';
import { botText } from './render';

// Linking a Telegram chat: the settings page makes a one-time code and shows
// the deep link https://t.me/<bot>?start=<code>; the user presses Start, the
// bot receives "/start <code>", and the worker links that chat. Nobody types
// a chat id. Codes are stored hashed and expire after LINK_CODE_MINUTES.

export const LINK_CODE_MINUTES = 30;
const hash = (code: string) => crypto.createHash('sha256').update(code).digest('hex');

export async function createLinkCode(db: DB, userId: string, now = new Date()): Promise<string> {
  const code = crypto.randomBytes(18).toString('base64url'); // 24 characters, within /start's 64
  await db.deleteFrom('notify_link_code').where('user_id', '=', userId).execute();
  await db
    .insertInto('notify_link_code')
    .values({ code_hash: hash(code), user_id: userId, expires_at: new Date(now.getTime() + LINK_CODE_MINUTES * 60_000) })
    .execute();
  return code;
}

export async function unlinkTelegram(db: DB, userId: string): Promise<void> {
  await db.deleteFrom('notify_telegram_link').where('user_id', '=', userId).execute();
  // Messages queued for that chat are no longer deliverable.
  await db
    .updateTable('notify_outbox')
    .set({ status: 'skipped', last_error: 'telegram unlinked' })
    .where('user_id', '=', userId)
    .where('channel', '=', 'telegram')
    .where('status', '=', 'pending')
    .execute();
}

/** The bot's username for deep links, asked once and remembered. */
export async function botUsername(db: DB, bot: TelegramBot): Promise<string | null> {
  const row = await db.selectFrom('notify_state').select('value').where('key', '=', 'telegram_bot').executeTakeFirst();
  const cached = (row?.value as { username?: string } | undefined)?.username;
  if (cached) return cached;
  const me = await bot.getMe();
  if (!me.username) return null;
  await db
    .insertInto('notify_state')
    .values({ key: 'telegram_bot', value: JSON.stringify({ username: me.username }) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ username: me.username }) }))
    .execute();
  return me.username;
}

export function deepLink(cfg: NotifyConfig, username: string, code: string): string {
  return `${(cfg.telegram?.webUrl ?? 'https://t.me').replace(/\/+$/, '')}/${encodeURIComponent(username)}?start=${encodeURIComponent(code)}`;
}

/**
 * Reads the bot's new messages and links chats that sent a valid code. The
 * offset is stored after the updates are handled, in the same transaction as
 * the links they made, so a crash re-reads rather than loses them.
 */
export async function pollTelegram(
  db: DB,
  cfg: NotifyConfig,
  bot: TelegramBot,
  log?: Pick<Logger, 'warn' | 'info'>,
  now = new Date(),
): Promise<number> {
  const row = await db.selectFrom('notify_state').select('value').where('key', '=', 'telegram_offset').executeTakeFirst();
  const offset = Number((row?.value as { offset?: number } | undefined)?.offset ?? 0);
  const updates = await bot.getUpdates(offset);
  if (!updates.length) return 0;
  let linked = 0;
  const replies: { chatId: number; text: string }[] = [];
  await db.transaction().execute(async (trx) => {
    for (const u of updates) {
      const msg = u.message;
      // Only private chats link: a group would share one person's alerts.
      if (!msg?.text || (msg.chat.type && msg.chat.type !== 'private')) continue;
      const m = /^\/start(?:@\w+)?(?:\s+(\S{1,64}))?\s*$/.exec(msg.text.trim());
      if (!m) continue;
      if (!m[1]) {
        replies.push({ chatId: msg.chat.id, text: botText('ru', 'hello', cfg.baseUrl) });
        continue;
      }
      const code = await trx
        .selectFrom('notify_link_code')
        .innerJoin('app_user', 'app_user.id', 'notify_link_code.user_id')
        .leftJoin('notify_setting', 'notify_setting.user_id', 'app_user.id')
        .select([
          'notify_link_code.user_id',
          'notify_link_code.expires_at',
          'notify_link_code.used_at',
          'app_user.name',
          'app_user.deactivated_at',
          'notify_setting.locale',
        ])
        .where('notify_link_code.code_hash', '=', hash(m[1]))
        .executeTakeFirst();
      if (!code || code.used_at || code.deactivated_at || new Date(code.expires_at) < now) {
        replies.push({ chatId: msg.chat.id, text: botText(code?.locale ?? 'ru', 'badCode', cfg.baseUrl) });
        continue;
      }
      await trx.updateTable('notify_link_code').set({ used_at: now }).where('code_hash', '=', hash(m[1])).execute();
      // A chat belongs to one user; linking it elsewhere moves it.
      await trx.deleteFrom('notify_telegram_link').where('chat_id', '=', msg.chat.id).execute();
      await trx
        .insertInto('notify_telegram_link')
        .values({ user_id: code.user_id, chat_id: msg.chat.id, username: msg.from?.username ?? null, linked_at: now })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({ chat_id: msg.chat.id, username: msg.from?.username ?? null, linked_at: now }),
        )
        .execute();
      linked++;
      replies.push({ chatId: msg.chat.id, text: botText(code.locale ?? 'ru', 'linked', cfg.baseUrl, code.name) });
    }
    const next = Math.max(...updates.map((u) => u.update_id)) + 1;
    await trx
      .insertInto('notify_state')
      .values({ key: 'telegram_offset', value: JSON.stringify({ offset: next }) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ offset: next }) }))
      .execute();
  });
  for (const r of replies) {
    const res = await bot.send(r.chatId, r.text);
    if (!res.ok) log?.warn({ error: res.error }, 'telegram reply not sent');
  }
  if (linked) log?.info({ linked }, 'telegram chats linked');
  return linked;
}
