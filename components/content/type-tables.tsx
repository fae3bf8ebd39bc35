import { useLocale, useTranslations } from 'next-intl';
import { NetworkTag } from '@/components/ui/network-tag';
import type { GroupStats, NetworkRow, TypeRow } from '@/lib/content/analytics';
import { formatNumber, formatPercent } from '@/lib/format/number';
import type { AppLocale } from '@/i18n/config';

// Posts, views, interactions and engagement per content type or network, with a total row.
// Server-rendered: no client JavaScript. NULL shows as "not measured", never 0.

function Cells({ s, locale, none }: { s: GroupStats; locale: AppLocale; none: string }) {
  const n = (v: number | null) => (v === null ? <span className="muted">{none}</span> : formatNumber(v, locale, 0));
  const p = (v: number | null) => (v === null ? <span className="muted">{none}</span> : formatPercent(v, locale, 2));
  return (
    <>
      <td className="num">{formatNumber(s.posts, locale, 0)}</td>
      <td className="num">{n(s.views)}</td>
      <td className="num">{n(s.interactions)}</td>
      <td className="num">{p(s.engagementRate)}</td>
      <td className="num">{p(s.medianEngagement)}</td>
    </>
  );
}

export function GroupTable({
  kind,
  rows,
  total,
  caption,
}: {
  kind: 'type' | 'network';
  rows: (TypeRow | NetworkRow)[];
  total: GroupStats;
  caption: string;
}) {
  const t = useTranslations('content');
  const locale = useLocale() as AppLocale;
  const none = t('notMeasured');
  return (
    <div className="table-wrap scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="data compact" data-testid={`content-by-${kind}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{kind === 'type' ? t('type') : t('network')}</th>
            <th scope="col" className="num">
              {t('posts')}
            </th>
            <th scope="col" className="num">
              {t('views')}
            </th>
            <th scope="col" className="num">
              {t('interactions')}
            </th>
            <th scope="col" className="num">
              {t('er')}
            </th>
            <th scope="col" className="num">
              {t('medianEr')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const key = 'network' in r ? r.network : (r.contentType ?? 'unknown');
            return (
              <tr key={key}>
                <th scope="row" style={{ fontWeight: 400, textAlign: 'left' }}>
                  {'network' in r ? <NetworkTag network={r.network} /> : t(`types.${r.contentType ?? 'unknown'}`)}
                </th>
                <Cells s={r} locale={locale} none={none} />
              </tr>
            );
          })}
          <tr>
            <th scope="row" style={{ textAlign: 'left' }}>
              {t('total')}
            </th>
            <Cells s={total} locale={locale} none={none} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
