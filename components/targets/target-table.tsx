import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { AppLocale } from '@/i18n/config';
import type { TargetWithProgress } from '@/lib/data/targets';
import { formatDay, formatRange } from '@/lib/format/day';
import { formatFixed, formatNumber } from '@/lib/format/number';
import { TARGET_METRIC_INFO } from '@/lib/targets/definitions';

/**
 * Targets with their progress: each figure with its unit and period, the
 * projection stated as linear on elapsed days (docs/methodology.md, "Targets").
 */
export async function TargetTable({
  targets,
  branchName,
  caption,
  actions,
}: {
  targets: TargetWithProgress[];
  /** Branch column shown when given. */
  branchName?: (slug: string) => string;
  caption: string;
  actions?: (t: TargetWithProgress) => ReactNode;
}) {
  const [t, locale] = await Promise.all([getTranslations('targets'), getLocale() as Promise<AppLocale>]);
  const num = (x: TargetWithProgress, v: number | null) => formatFixed(v, locale, TARGET_METRIC_INFO[x.metric].decimals);
  return (
    <div className="table-wrap scroll">
      <table className="data" data-testid="target-table" style={{ minWidth: 760 }}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {branchName && <th scope="col">{t('col.branch')}</th>}
            <th scope="col">{t('col.metric')}</th>
            <th scope="col">{t('col.period')}</th>
            <th scope="col" className="num">
              {t('col.target')}
            </th>
            <th scope="col" className="num">
              {t('col.current')}
            </th>
            <th scope="col" className="num">
              {t('col.projected')}
            </th>
            <th scope="col">{t('col.status')}</th>
            {actions && <th scope="col">{t('col.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {targets.map((x) => {
            const p = x.progress;
            return (
              <tr key={x.id} data-testid={`target-${x.branchSlug}-${x.metric}`}>
                {branchName && <td>{branchName(x.branchSlug)}</td>}
                <td>
                  {t(`metric.${x.metric}`)}
                  <div className="small muted">{t(`unit.${x.metric}`)}</div>
                </td>
                <td>
                  {formatRange(x.from, x.to, locale)}
                  {p.elapsedDays > 0 && !p.finished && (
                    <div className="small muted">{t('daysOf', { elapsed: p.elapsedDays, total: p.totalDays })}</div>
                  )}
                </td>
                <td className="num">{num(x, x.value)}</td>
                <td className="num">
                  {num(x, p.current)}
                  {p.percentOfTarget !== null && (
                    <div className="small muted">{t('ofTarget', { pct: `${formatNumber(p.percentOfTarget, locale, 0)} %` })}</div>
                  )}
                </td>
                <td className="num">{p.finished ? '—' : num(x, p.projected)}</td>
                <td>
                  <span
                    className={
                      p.status === 'met' || p.status === 'onTrack'
                        ? 'chg chg-up'
                        : p.status === 'missed' || p.status === 'behind'
                          ? 'chg chg-down'
                          : 'muted'
                    }
                  >
                    {t(`status.${p.status}`)}
                  </span>
                  {x.asOf && p.elapsedDays > 0 && !p.finished && <div className="small muted">{formatDay(x.asOf, locale)}</div>}
                </td>
                {actions && <td>{actions(x)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
