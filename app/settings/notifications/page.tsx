import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { NotifySettingsForm } from '@/components/notify/settings-form';
import { TelegramLink } from '@/components/notify/telegram-link';
import { getDb } from '@/db/client';
import { requirePageViewer } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { notifyConfig } from '@/lib/notify/config';
import { EVENT_TYPES } from '@/lib/notify/events';
import { LINK_CODE_MINUTES } from '@/lib/notify/link';
import { loadPrefs } from '@/lib/notify/prefs';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notifySettings');
  return { title: t('title') };
}

// A user's own notification settings (docs/notifications.md). Reads and
// writes only the signed-in user's rows.
export default async function NotificationSettingsPage() {
  const viewer = await requirePageViewer('/settings/notifications');
  const db = getDb();
  const cfg = notifyConfig(env());
  const [t, locale, prefs, link, branches] = await Promise.all([
    getTranslations('notifySettings'),
    getLocale(),
    loadPrefs(db, viewer.userId),
    db.selectFrom('notify_telegram_link').select(['username']).where('user_id', '=', viewer.userId).executeTakeFirst(),
    viewer.role === 'coordinator'
      ? Promise.resolve([])
      : db.selectFrom('branch').select(['id', 'name', 'name_en']).where('archived_at', 'is', null).orderBy('name').execute(),
  ]);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 10, 1 + cfg.digestAt.weekday)),
  );
  const time = `${String(cfg.digestAt.hour).padStart(2, '0')}:${String(cfg.digestAt.minute).padStart(2, '0')}`;
  return (
    <main className="container narrow">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <p className="page-sub">{t('subtitle')}</p>
      <section className="card" aria-labelledby="channels-h">
        <h2 id="channels-h">{t('channels')}</h2>
        <dl className="kv">
          <dt>{t('email')}</dt>
          <dd>{cfg.email ? t('emailOn', { email: viewer.email }) : t('emailOff')}</dd>
          <dt>{t('telegram')}</dt>
          <dd>
            {!cfg.telegram ? (
              t('telegramOff')
            ) : (
              <TelegramLink
                linked={link ? t('telegramLinked', { user: link.username ? ` @${link.username}` : '' }) : null}
                minutes={LINK_CODE_MINUTES}
              />
            )}
          </dd>
        </dl>
      </section>
      <NotifySettingsForm
        types={[...EVENT_TYPES]}
        channels={{ email: cfg.email !== null, telegram: cfg.telegram !== null && link !== undefined }}
        prefs={prefs}
        branches={branches.map((b) => ({ id: b.id, name: locale === 'en' ? b.name_en : b.name }))}
        role={viewer.role}
        digestNote={t('digestAt', { day: weekday, time, timeZone: cfg.timeZone })}
      />
    </main>
  );
}
