import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { CHANNELS, channelConfigured, type NotifyConfig } from './config';
import type { NotifyEvent } from './events';

/**
 * Who hears of an event (docs/notifications.md), always within their scope:
 * - flag: the branch's coordinators, and central staff/admins who follow it;
 * - collection_problem: the branch's coordinators and the admins;
 * - rank_change: the branch's coordinators whose threshold it reaches, or on
 *   entering or leaving the top N (central staff read it in the digest);
 * - publication: central staff and admins, and every coordinator (with the own branch's place);
 * - pack: central staff and admins (the only ones who may download it).
 * Deactivated users hear nothing.
 */
export async function recipientsOf(db: DB, event: NotifyEvent): Promise<string[]> {
  let q = db.selectFrom('app_user').select('app_user.id').where('app_user.deactivated_at', 'is', null);
  if (event.type === 'pack') {
    q = q.where('app_user.role', 'in', ['central', 'admin']);
    return (await q.orderBy('app_user.id').execute()).map((r) => r.id);
  }
  if (event.type === 'publication') {
    // Central staff and admins; coordinators of a branch, each told the own branch's place.
    q = q.where((eb) =>
      eb.or([
        eb('app_user.role', 'in', ['central', 'admin']),
        eb.and([eb('app_user.role', '=', 'coordinator'), eb('app_user.branch_id', 'is not', null)]),
      ]),
    );
    return (await q.orderBy('app_user.id').execute()).map((r) => r.id);
  }
  const branchId = event.branch.id;
  q = q.where((eb) => {
    const coordinator = eb.and([eb('app_user.role', '=', 'coordinator'), eb('app_user.branch_id', '=', branchId)]);
    if (event.type === 'flag') {
      return eb.or([
        coordinator,
        eb.and([
          eb('app_user.role', 'in', ['central', 'admin']),
          eb.exists(
            eb
              .selectFrom('notify_follow')
              .select('notify_follow.user_id')
              .whereRef('notify_follow.user_id', '=', 'app_user.id')
              .where('notify_follow.branch_id', '=', branchId),
          ),
        ]),
      ]);
    }
    if (event.type === 'collection_problem') return eb.or([coordinator, eb('app_user.role', '=', 'admin')]);
    // A rank change reaches a coordinator when it is at least their threshold,
    // or when the branch enters or leaves the top N.
    const crossed = event.previousRank !== null && event.rank <= event.topN !== event.previousRank <= event.topN;
    if (crossed) return coordinator;
    const moved = event.previousRank === null ? 0 : Math.abs(event.previousRank - event.rank);
    return eb.and([
      coordinator,
      eb(
        eb.fn.coalesce(
          eb
            .selectFrom('notify_setting')
            .select('notify_setting.rank_change_places')
            .whereRef('notify_setting.user_id', '=', 'app_user.id'),
          eb.val(5),
        ),
        '<=',
        moved,
      ),
    ]);
  });
  return (await q.orderBy('app_user.id').execute()).map((r) => r.id);
}

/**
 * Records an event and its outbox rows in the caller's transaction, so the
 * message exists exactly when the thing it reports was committed. The dedupe
 * key makes a repeat (the same credential failing again, a second check of the
 * same stale day) a no-op. Returns the number of messages queued, or null
 * when the event was already known.
 */
export async function emitEvent(db: DB, cfg: NotifyConfig, event: NotifyEvent, dedupeKey: string): Promise<number | null> {
  const inserted = await db
    .insertInto('notify_event')
    .values({
      type: event.type,
      branch_id: event.type === 'publication' || event.type === 'pack' ? null : event.branch.id,
      payload: JSON.stringify(event),
      dedupe_key: dedupeKey.slice(0, 300),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  const channels = CHANNELS.filter((c) => channelConfigured(cfg, c));
  const users = await recipientsOf(db, event);
  if (!channels.length || !users.length) return 0;
  // One row per receiver and channel the receiver has not turned off; Telegram only when linked.
  const res = await sql<{ n: number }>`
    with ins as (
      insert into notify_outbox (event_id, user_id, channel, kind)
      select ${inserted.id}, u.id, c.channel, 'alert'
      from unnest(${users}::text[]) as u(id)
      cross join unnest(${channels}::text[]) as c(channel)
      where coalesce((select p.enabled from notify_pref p where p.user_id = u.id and p.event_type = ${event.type} and p.channel = c.channel), true)
        and (c.channel <> 'telegram' or exists (select 1 from notify_telegram_link l where l.user_id = u.id))
      on conflict do nothing
      returning 1
    )
    select count(*)::int as n from ins
  `.execute(db);
  return res.rows[0]?.n ?? 0;
}
