'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import type { DistrictView } from '@/lib/districts/schema';
import { formatFixed } from '@/lib/format/number';

type Branch = DistrictView['districts'][number]['branches'][number];

/** The federal-district league: districts by their value, each with its branches ranked inside it. */
export function DistrictLeague({
  view,
  valueText,
  unit,
  periodLabel,
}: {
  view: DistrictView;
  valueText: (r: { value: number | null; hidden: boolean; rank: number | null }) => string;
  unit: string;
  periodLabel: string;
}) {
  const t = useTranslations();
  const td = useTranslations('districtView');
  const locale = useLocale();
  const name = (b: Branch) => (locale === 'en' ? b.nameEn : b.name);
  return (
    <section className="section" aria-labelledby="league-h" data-testid="district-league">
      <h2 id="league-h">{td('leagueTitle')}</h2>
      <p className="small muted">{td(view.metric === 'score' ? 'leagueScoreNote' : 'leagueFigureNote', { unit, period: periodLabel })}</p>
      <ol className="league">
        {view.districts.map((d, i) => (
          <li key={d.district} className="card league-card">
            <h3>
              {i + 1}. {td('districtName', { district: t(`districts.${d.district}`) })}
            </h3>
            <p className="small">
              {td(`metric.${view.metric}`)}: <strong className="tnum">{valueText({ value: d.value, hidden: false, rank: null })}</strong>
              {' · '}
              {td('branchCount', { count: d.branchCount })}
            </p>
            {d.branches.length > 0 && (
              <div
                className="table-wrap scroll"
                tabIndex={0}
                role="region"
                aria-label={td('districtName', { district: t(`districts.${d.district}`) })}
              >
                <table className="data compact">
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        {td('inDistrict')}
                      </th>
                      <th scope="col">{t('ranking.cols.branch')}</th>
                      <th scope="col" className="num">
                        {td('national')}
                      </th>
                      {view.metric !== 'score' && (
                        <th scope="col" className="num">
                          {td(`metricShort.${view.metric}`)}
                        </th>
                      )}
                      <th scope="col" className="num">
                        {t('ranking.cols.score')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.branches.map((b) => (
                      <tr key={b.slug}>
                        <td className="num">{b.districtRank ?? '—'}</td>
                        <td>{name(b)}</td>
                        <td className="num">{b.rank ?? '—'}</td>
                        {view.metric !== 'score' && <td className="num">{valueText({ value: b.value, hidden: b.hidden, rank: null })}</td>}
                        <td className="num">{formatFixed(b.score, locale, 1)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
