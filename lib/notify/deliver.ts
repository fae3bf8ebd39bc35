import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../../db/client';
import type { Logger } from '../log';
import type { EmailChannel } from './channels/email';
import type { SendResult } from './channels/result';
import type { TelegramBot } from './channels/telegram';
import type { Channel, NotifyConfig } from './config';
import { digestSchema } from './digest';
import { notifyEventSchema, type NotifyEvent } from './events';
import { footer, greeting, renderAlerts, renderDigest, toHtml } from './render';
import { signUnsubscribe } from './unsubscribe';

// Draining the outbox (docs/notifications.md).
//
// At most once: a message's rows are marked 'sending' with the message's key
// and committed before the message goes out. After a crash (kill -9) mid-send
// nobody knows whether it arrived, so such rows become 'uncertain' — shown to
// admins, never sent again. Retries happen only for answers that say the
// message was not taken (SMTP 4xx, Telegram 429 with retry_after, 5xx,
// connection failures), with backoff, up to MAX_ATTEMPTS.

export const MAX_ATTEMPTS = 6;
const BATCH = 500;

export interface Senders {
  email?: EmailChannel;
  telegram?: TelegramBot;
}

export interface DeliverOptions {
  now?: () => Date;
  /** Secret for unsubscribe links. */
  secret: string;
  concurrency?: number;
  /** Rows left 'sending' longer than this belong to a sender that died. */
  uncertainAfterMs?: number;
  log?: Pick<Logger, 'warn' | 'info'>;
}

export interface DeliverStats {
  messages: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  uncertain: number;
}

interface Group {
  key: string;
  userId: string;
  channel: Channel;
  kind: 'alert' | 'digest';
  ids: number[];
}

/** Backoff for the n-th failed attempt: 30 s, 1, 2, 4, 8 min… capped at 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}

async function claim(db: DB, now: Date): Promise<Group[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await sql<{ id: number; user_id: string; channel: Channel; kind: 'alert' | 'digest' }>`
      select id, user_id, channel, kind from notify_outbox
      -- The database's clock too: a row queued within the same millisecond as
      -- this round carries microseconds that a JavaScript Date cannot.
      where status = 'pending' and next_attempt_at <= greatest(${now}::timestamptz, clock_timestamp())
      order by id limit ${BATCH}
      for update skip locked
    `.execute(trx);
    const groups = new Map<string, Group>();
    for (const r of rows.rows) {
      // A user's alerts of one channel go out as one message; each digest is its own.
      const g = r.kind === 'digest' ? `${r.id}` : `${r.user_id}|${r.channel}`;
      const entry = groups.get(g) ?? { key: '', userId: r.user_id, channel: r.channel, kind: r.kind, ids: [] };
      entry.ids.push(Number(r.id));
      groups.set(g, entry);
    }
    for (const g of groups.values()) {
      g.key = `podium-${g.channel}-${crypto.createHash('sha256').update(g.ids.join(',')).digest('hex').slice(0, 32)}`;
      await trx
        .updateTable('notify_outbox')
        .set((eb) => ({ status: 'sending', claimed_at: now, message_key: g.key, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', g.ids)
        .execute();
    }
    return [...groups.values()];
  });
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

/** One round: marks orphaned sends uncertain, then sends everything that is due. */
export async function deliverRound(db: DB, cfg: NotifyConfig, senders: Senders, opts: DeliverOptions): Promise<DeliverStats> {
  const now = opts.now ?? (() => new Date());
  const stats: DeliverStats = { messages: 0, sent: 0, retried: 0, failed: 0, skipped: 0, uncertain: 0 };
  const orphaned = await db
    .updateTable('notify_outbox')
    .set({
      status: 'uncertain',
      last_error: 'the sender stopped while this message was being sent; not sent again, so that nobody gets it twice',
    })
    .where('status', '=', 'sending')
    .where('claimed_at', '<', new Date(now().getTime() - (opts.uncertainAfterMs ?? 5 * 60_000)))
    .executeTakeFirst();
  stats.uncertain = Number(orphaned.numUpdatedRows);

  for (;;) {
    const groups = await claim(db, now());
    if (!groups.length) break;
    stats.messages += groups.length;
    const ids = groups.flatMap((g) => g.ids);
    const rows = await db
      .selectFrom('notify_outbox')
      .leftJoin('notify_event', 'notify_event.id', 'notify_outbox.event_id')
      .select(['notify_outbox.id', 'notify_outbox.digest', 'notify_outbox.attempts', 'notify_event.payload'])
      .where('notify_outbox.id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    const users = await db
      .selectFrom('app_user')
      .leftJoin('notify_setting', 'notify_setting.user_id', 'app_user.id')
      .leftJoin('notify_telegram_link', 'notify_telegram_link.user_id', 'app_user.id')
      .select([
        'app_user.id',
        'app_user.email',
        'app_user.name',
        'app_user.role',
        'app_user.branch_id',
        'app_user.deactivated_at',
        'notify_setting.locale',
        'notify_telegram_link.chat_id',
      ])
      .where('app_user.id', 'in', [...new Set(groups.map((g) => g.userId))])
      .execute();
    const userById = new Map(users.map((u) => [u.id, u]));

    const finish = async (g: Group, result: SendResult | { skipped: string }) => {
      const attempts = Math.max(...g.ids.map((id) => byId.get(id)?.attempts ?? 1));
      let set: { status: 'sent' | 'pending' | 'failed' | 'skipped'; sent_at?: Date; next_attempt_at?: Date; last_error?: string | null };
      if ('skipped' in result) {
        set = { status: 'skipped', last_error: result.skipped };
        stats.skipped++;
      } else if (result.ok) {
        set = { status: 'sent', sent_at: now(), last_error: null };
        stats.sent++;
      } else if (result.retry && attempts < MAX_ATTEMPTS) {
        const wait = Math.max(result.retryAfterMs ?? 0, retryDelayMs(attempts));
        set = { status: 'pending', next_attempt_at: new Date(now().getTime() + wait), last_error: result.error };
        stats.retried++;
      } else {
        set = { status: 'failed', last_error: result.error };
        stats.failed++;
        opts.log?.warn({ channel: g.channel, key: g.key, error: result.error }, 'notification not delivered');
      }
      await db.updateTable('notify_outbox').set(set).where('id', 'in', g.ids).where('status', '=', 'sending').execute();
    };

    await pool(groups, opts.concurrency ?? 8, async (g) => {
      const u = userById.get(g.userId);
      if (!u || u.deactivated_at) return finish(g, { skipped: 'user deactivated' });
      const locale = u.locale ?? 'ru';
      let rendered;
      if (g.kind === 'digest') {
        const d = digestSchema.safeParse(
          typeof byId.get(g.ids[0]!)?.digest === 'string' ? JSON.parse(byId.get(g.ids[0]!)!.digest as string) : byId.get(g.ids[0]!)?.digest,
        );
        if (!d.success) return finish(g, { ok: false, retry: false, error: 'stored digest does not match its schema' });
        rendered = renderDigest(d.data, locale, cfg.baseUrl);
      } else {
        const events: NotifyEvent[] = [];
        for (const id of g.ids) {
          const p = notifyEventSchema.safeParse(byId.get(id)?.payload);
          if (p.success) events.push(p.data);
        }
        if (!events.length) return finish(g, { ok: false, retry: false, error: 'no readable event' });
        rendered = renderAlerts(events, locale, cfg.baseUrl, u.role === 'coordinator' ? u.branch_id : null);
      }
      if (g.channel === 'email') {
        if (!senders.email) return finish(g, { skipped: 'e-mail is not configured (SMTP_URL)' });
        const type = g.kind === 'digest' ? 'digest' : 'all';
        const unsubscribeUrl = `${cfg.baseUrl}/unsubscribe?t=${signUnsubscribe(opts.secret, { userId: u.id, channel: 'email', type })}`;
        const lines = [greeting(locale, u.name), '', ...rendered.lines, '', ...footer(locale, cfg.baseUrl, unsubscribeUrl)];
        return finish(
          g,
          await senders.email.send({
            to: u.email,
            subject: rendered.subject,
            text: lines.join('\n'),
            html: toHtml(lines),
            messageKey: g.key,
            unsubscribeUrl,
          }),
        );
      }
      if (!senders.telegram) return finish(g, { skipped: 'Telegram is not configured (TELEGRAM_BOT_TOKEN)' });
      if (u.chat_id === null) return finish(g, { skipped: 'Telegram is not linked' });
      const text = [rendered.subject, '', ...rendered.lines, '', ...footer(locale, cfg.baseUrl, null)].join('\n');
      return finish(g, await senders.telegram.send(Number(u.chat_id), text));
    });
  }
  if (stats.messages) opts.log?.info({ ...stats }, 'notifications delivered');
  return stats;
}
