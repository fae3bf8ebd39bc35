import { z } from 'zod';
import type { DB } from '../../db/client';
import { CHANNELS, type Channel } from './config';
import { EVENT_TYPES, type EventType } from './events';

// Per user, per event type and channel: on or off. Everything is on until the
// user turns it off; a channel the user cannot receive (Telegram not linked,
// no SMTP) is skipped at sending time, not here.

export const prefsFormSchema = z.object({
  locale: z.enum(['ru', 'en']),
  rankChangePlaces: z.coerce.number().int().min(1).max(82),
  enabled: z.array(z.string().regex(/^[a-z_]{1,40}:(email|telegram)$/)).max(EVENT_TYPES.length * CHANNELS.length),
  follow: z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(200),
});
export type PrefsForm = z.infer<typeof prefsFormSchema>;

export interface UserPrefs {
  locale: 'ru' | 'en';
  rankChangePlaces: number;
  enabled: Record<EventType, Record<Channel, boolean>>;
  follow: number[];
}

export async function loadPrefs(db: DB, userId: string): Promise<UserPrefs> {
  const [setting, rows, follows] = await Promise.all([
    db.selectFrom('notify_setting').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('notify_pref').selectAll().where('user_id', '=', userId).execute(),
    db.selectFrom('notify_follow').select('branch_id').where('user_id', '=', userId).execute(),
  ]);
  const enabled = Object.fromEntries(EVENT_TYPES.map((t) => [t, { email: true, telegram: true }])) as UserPrefs['enabled'];
  for (const r of rows) {
    if ((EVENT_TYPES as readonly string[]).includes(r.event_type)) enabled[r.event_type as EventType][r.channel] = r.enabled;
  }
  return {
    locale: setting?.locale ?? 'ru',
    rankChangePlaces: setting?.rank_change_places ?? 5,
    enabled,
    follow: follows.map((f) => f.branch_id),
  };
}

/** Stores the whole settings form; branches to follow are kept only for central staff and admins. */
export async function savePrefs(db: DB, userId: string, form: PrefsForm, canFollow: boolean): Promise<void> {
  const on = new Set(form.enabled);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notify_setting')
      .values({ user_id: userId, locale: form.locale, rank_change_places: form.rankChangePlaces, updated_at: new Date() })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ locale: form.locale, rank_change_places: form.rankChangePlaces, updated_at: new Date() }),
      )
      .execute();
    await trx.deleteFrom('notify_pref').where('user_id', '=', userId).execute();
    await trx
      .insertInto('notify_pref')
      .values(
        EVENT_TYPES.flatMap((t) => CHANNELS.map((c) => ({ user_id: userId, event_type: t, channel: c, enabled: on.has(`${t}:${c}`) }))),
      )
      .execute();
    await trx.deleteFrom('notify_follow').where('user_id', '=', userId).execute();
    if (canFollow && form.follow.length) {
      const existing = await trx
        .selectFrom('branch')
        .select('id')
        .where('id', 'in', form.follow)
        .where('archived_at', 'is', null)
        .execute();
      if (existing.length)
        await trx
          .insertInto('notify_follow')
          .values(existing.map((b) => ({ user_id: userId, branch_id: b.id })))
          .execute();
    }
  });
}

/** Turns one event type (or all) off for one channel: the unsubscribe link. */
export async function turnOff(db: DB, userId: string, channel: Channel, type: EventType | 'all'): Promise<void> {
  const types = type === 'all' ? EVENT_TYPES : [type];
  await db
    .insertInto('notify_pref')
    .values(types.map((t) => ({ user_id: userId, event_type: t, channel, enabled: false })))
    .onConflict((oc) => oc.columns(['user_id', 'event_type', 'channel']).doUpdateSet({ enabled: false }))
    .execute();
}
