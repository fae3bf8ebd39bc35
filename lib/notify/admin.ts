import { sql } from 'kysely';
import type { DB } from '../../db/client';
import type { NotifyChannel, OutboxStatus } from '../../db/schema-notify';

/** Messages of the last 7 days by status and channel (a message is one outbox row per receiver and event). */
export async function deliveryCounts(db: DB, now = new Date()): Promise<{ status: OutboxStatus; channel: NotifyChannel; n: number }[]> {
  return db
    .selectFrom('notify_outbox')
    .select(['status', 'channel', sql<number>`count(*)::int`.as('n')])
    .where('created_at', '>=', new Date(now.getTime() - 7 * 86_400_000))
    .groupBy(['status', 'channel'])
    .orderBy('status')
    .orderBy('channel')
    .execute();
}

/** The latest failed and uncertain messages, with the receiver's address and the server's answer. */
export async function deliveryProblems(db: DB, limit = 100) {
  return db
    .selectFrom('notify_outbox')
    .innerJoin('app_user', 'app_user.id', 'notify_outbox.user_id')
    .select([
      'notify_outbox.id',
      'notify_outbox.created_at',
      'app_user.email',
      'notify_outbox.channel',
      'notify_outbox.kind',
      'notify_outbox.status',
      'notify_outbox.attempts',
      'notify_outbox.last_error',
    ])
    .where('notify_outbox.status', 'in', ['failed', 'uncertain'])
    .orderBy('notify_outbox.id', 'desc')
    .limit(limit)
    .execute();
}
