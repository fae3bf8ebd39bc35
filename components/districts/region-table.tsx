'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import type { DistrictView } from '@/lib/districts/schema';

type Row = DistrictView['regions'][number];

/** The map as a table: every region with its district, branch, rank and value (the map's text alternative). */
export function RegionTable({
  view,
  valueText,
  unit,
}: {
  view: DistrictView;
  valueText: (r: Row, hasBranch?: boolean) => string;
  unit: string;
}) {
  const t = useTranslations();
  const td = useTranslations('districtView');
  const locale = useLocale();
  const rows = [...view.regions].sort((a, b) =>
    locale === 'en' ? a.nameEn.localeCompare(b.nameEn, 'en') : a.name.localeCompare(b.name, 'ru'),
  );
  return (
    <div className="table-wrap scroll" tabIndex={0} role="region" aria-label={td('tableSummary')}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{td('region')}</th>
            <th scope="col">{t('filters.district')}</th>
            <th scope="col" className="num">
              {t('ranking.cols.rank')}
            </th>
            <th scope="col" className="num">
              {td(`metric.${view.metric}`)}
              <span className="small muted"> ({unit})</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">{locale === 'en' ? r.nameEn : r.name}</th>
              <td>{t(`districts.${r.district}`)}</td>
              <td className="num">{r.rank ?? '—'}</td>
              <td className="num">{valueText({ ...r, rank: null }, r.branch !== null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
