import { getTranslations } from 'next-intl/server';
import { AdminTable } from '@/components/admin/admin-table';
import { getDb } from '@/db/client';
import { getLocale } from '@/lib/admin/locale';
import { requirePageAdmin } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { formatTimestamp } from '@/lib/format/date';
import { notifyConfig } from '@/lib/notify/config';
import { deliveryCounts, deliveryProblems } from '@/lib/notify/admin';

export const dynamic = 'force-dynamic';

// Admins see how delivery goes: counts per status and channel, and every
// message that failed or whose fate is unknown, with the server's answer.
export default async function NotificationDeliveryPage() {
  await requirePageAdmin('/admin/notifications');
  const db = getDb();
  const cfg = notifyConfig(env());
  const [t, locale, counts, problems] = await Promise.all([
    getTranslations('notifyAdmin'),
    getLocale(),
    deliveryCounts(db),
    deliveryProblems(db),
  ]);
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('channels', { email: cfg.email ? t('on') : t('off'), telegram: cfg.telegram ? t('on') : t('off') })}</p>
      <h2>{t('counts')}</h2>
      {counts.length === 0 ? (
        <p>{t('noMessages')}</p>
      ) : (
        <AdminTable label={t('counts')} columns={[t('status'), t('channel'), t('n')]} numeric={[2]}>
          {counts.map((c) => (
            <tr key={`${c.status}-${c.channel}`}>
              <td>{t(`statuses.${c.status}`)}</td>
              <td>{c.channel}</td>
              <td className="num">{c.n}</td>
            </tr>
          ))}
        </AdminTable>
      )}
      <h2>{t('problems')}</h2>
      {problems.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <AdminTable
          label={t('problems')}
          columns={[t('when'), t('user'), t('channel'), t('kind'), t('status'), t('attempts'), t('error')]}
          numeric={[5]}
        >
          {problems.map((p) => (
            <tr key={p.id}>
              <td>{formatTimestamp(p.created_at, locale)}</td>
              <td>{p.email}</td>
              <td>{p.channel}</td>
              <td>{t(`kinds.${p.kind}`)}</td>
              <td>{t(`statuses.${p.status}`)}</td>
              <td className="num">{p.attempts}</td>
              <td>{p.last_error}</td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}
