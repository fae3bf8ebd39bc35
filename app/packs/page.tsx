import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { PackRequestForm } from '@/components/packs/pack-request-form';
import { getDb } from '@/db/client';
import { requirePageViewer } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { formatTimestamp } from '@/lib/format/date';
import { formatNumber } from '@/lib/format/number';
import { PUBLISHED_SOURCE_AVAILABLE } from '@/lib/pack/source';
import { canUsePacks, listPacks } from '@/lib/pack/store';
import { addMonths, todayIn } from '@/lib/ranking/period';
import type { AppLocale } from '@/i18n/config';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('packs');
  return { title: t('title') };
}

// Meeting packs: request or schedule one, list them, download the finished zips.
export default async function PacksPage() {
  const viewer = await requirePageViewer('/packs');
  // Coordinators get the same 404 as for any page outside their scope.
  if (!canUsePacks(viewer)) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<AppLocale>]);
  const packs = await listPacks(getDb(), viewer);
  const zone = env().PODIUM_TIMEZONE;
  const lastMonth = addMonths(`${todayIn(zone).slice(0, 7)}-01`, -1).slice(0, 7);
  return (
    <main className="container">
      <div className="page-head">
        <h1>{t('packs.title')}</h1>
      </div>
      <p className="page-sub">{t('packs.intro')}</p>
      <section className="section" aria-labelledby="pack-form-h">
        <h2 id="pack-form-h">{t('packs.form')}</h2>
        <PackRequestForm defaultPeriod={lastMonth} zone={zone} published={PUBLISHED_SOURCE_AVAILABLE} />
      </section>
      <section className="section" aria-labelledby="pack-list-h">
        <h2 id="pack-list-h">{t('packs.list')}</h2>
        {packs.length === 0 ? (
          <p className="muted">{t('packs.none')}</p>
        ) : (
          <div className="table-wrap scroll">
            <table className="data" data-testid="pack-list">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('packs.id')}
                  </th>
                  <th scope="col">{t('packs.period')}</th>
                  <th scope="col">{t('packs.network')}</th>
                  <th scope="col">{t('packs.source')}</th>
                  <th scope="col">{t('packs.status')}</th>
                  <th scope="col">{t('packs.when')}</th>
                  <th scope="col">{t('packs.requestedBy')}</th>
                  <th scope="col" className="num">
                    {t('packs.size')}
                  </th>
                  <th scope="col">{t('packs.download')}</th>
                </tr>
              </thead>
              <tbody>
                {packs.map((p) => (
                  <tr key={p.id} data-testid="pack-row" data-status={p.status}>
                    <td className="num">{p.id}</td>
                    <td>
                      {p.periodLabel} · {p.locale.toUpperCase()}
                    </td>
                    <td>{p.network === 'all' ? t('filters.allNetworks') : t(`networks.${p.network as 'vk'}`)}</td>
                    <td>{t(`packs.${p.source}`)}</td>
                    <td>
                      {t(`packs.statuses.${p.status}`)}
                      {p.error && (
                        <div className="small" style={{ color: 'var(--down)', maxWidth: 360, overflowWrap: 'anywhere' }}>
                          {p.error}
                        </div>
                      )}
                    </td>
                    <td>{formatTimestamp(p.finishedAt ?? p.runAt, locale)}</td>
                    <td>{p.requestedBy ?? '—'}</td>
                    <td className="num">{p.sizeBytes === null ? '—' : `${formatNumber(p.sizeBytes / 1024, locale, 0)} KB`}</td>
                    <td>
                      {p.status === 'done' ? (
                        <a href={`/api/packs/${p.id}`} download data-testid="pack-download">
                          {t('packs.download')} (zip)
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
