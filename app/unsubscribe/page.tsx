import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/components/ui/app-link';
import { getDb } from '@/db/client';
import { authSecret } from '@/lib/auth/config';
import { turnOff } from '@/lib/notify/prefs';
import { verifyUnsubscribe } from '@/lib/notify/unsubscribe';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('unsubscribe');
  return { title: t('title') };
}

// The link in every e-mail (docs/notifications.md): one click, no sign-in.
// The signed token names the user, the channel and what to turn off; the page
// does exactly that and nothing else. A bad token changes nothing.
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations('unsubscribe');
  const raw = (await searchParams).t;
  const token = typeof raw === 'string' ? raw : '';
  const claim = token ? verifyUnsubscribe(authSecret(), token) : null;
  let done = false;
  if (claim) {
    const db = getDb();
    const user = await db.selectFrom('app_user').select('id').where('id', '=', claim.userId).executeTakeFirst();
    if (user) {
      await turnOff(db, claim.userId, claim.channel, claim.type);
      done = true;
    }
  }
  return (
    <main className="container narrow">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <p role="status">{done && claim ? t('done', { what: t(claim.type === 'digest' ? 'digest' : 'all') }) : t('bad')}</p>
      <p>
        <AppLink href="/settings/notifications">{t('settings')}</AppLink>
      </p>
    </main>
  );
}
