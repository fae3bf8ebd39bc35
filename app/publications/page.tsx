import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { AppLink } from '@/components/ui/app-link';
import { getDb } from '@/db/client';
import type { AppLocale } from '@/i18n/config';
import { requirePageViewer } from '@/lib/auth/session';
import { formatRange, formatTimestamp } from '@/lib/format/date';
import { canPublish, listPublications } from '@/lib/publications';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('publications');
  return { title: t('listTitle') };
}

// Published rankings, newest first: the official records shown at meetings.
export default async function PublicationsPage() {
  const viewer = await requirePageViewer('/publications');
  const [t, tn, locale, rows] = await Promise.all([
    getTranslations('publications'),
    getTranslations(),
    getLocale() as Promise<AppLocale>,
    listPublications(getDb(), viewer),
  ]);
  return (
    <main className="container">
      <div className="page-head">
        <h1>{t('listTitle')}</h1>
      </div>
      <p className="page-sub">{t('listSubtitle')}</p>
      {rows.length === 0 ? (
        <div className="state" style={{ minHeight: 200 }} data-testid="publications-empty">
          <strong>{t('none')}</strong>
          <span className="small">{canPublish(viewer) ? t('noneHintPublisher') : t('noneHint')}</span>
          <AppLink className="btn" href="/">
            {tn('nav.ranking')}
          </AppLink>
        </div>
      ) : (
        <div className="table-wrap scroll">
          <table className="data" data-testid="publications-table">
            <caption className="visually-hidden">{t('listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">{t('fields.title')}</th>
                <th scope="col">{t('period')}</th>
                <th scope="col">{t('method')}</th>
                <th scope="col">{t('publishedCol')}</th>
                <th scope="col">{t('hash')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td className="num">{p.id}</td>
                  <td>
                    <AppLink href={`/publications/${p.id}`}>{p.title}</AppLink>
                  </td>
                  <td>
                    {formatRange(p.period.from, p.period.to, locale)}
                    <div className="small muted">{p.network === 'all' ? tn('filters.allNetworks') : tn(`networks.${p.network}`)}</div>
                  </td>
                  <td>{p.method.label}</td>
                  <td>
                    {p.publishedBy.name || p.publishedBy.email}
                    <div className="small muted">{formatTimestamp(p.publishedAt, locale)}</div>
                  </td>
                  <td>
                    <code className="small">{p.hash.slice(0, 12)}</code>
                  </td>
                  <td>
                    {p.supersededBy !== null ? (
                      <span className="badge badge-warn">{t('supersededBy', { id: p.supersededBy })}</span>
                    ) : (
                      <span className="badge badge-ok">{t('inForce')}</span>
                    )}
                    {p.supersedes && <div className="small muted">{t('correctionOf', { id: p.supersedes.id })}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
