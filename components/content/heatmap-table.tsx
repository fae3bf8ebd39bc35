import { useLocale, useTranslations } from 'next-intl';
import type { HeatCell } from '@/lib/content/analytics';
import { formatFixed } from '@/lib/format/number';
import type { AppLocale } from '@/i18n/config';

// The hour × weekday heatmap as a real table (docs/ui.md "Content"): weekdays
// are columns and hours rows, so it fits a phone; every cell carries its
// median and post count as text, and a screen reader hears the whole cell.
// Server-rendered, so it adds no client JavaScript to the page.

/** Tint by how the cell's median compares with the overall median (log2 of the ratio). */
export function heatLevel(median: number, overall: number | null): 0 | 1 | 2 | 3 | 4 {
  if (overall === null || overall <= 0) return 2;
  const x = Math.log2(Math.max(median, 1e-9) / overall);
  return x <= -0.6 ? 0 : x <= -0.2 ? 1 : x < 0.2 ? 2 : x < 0.6 ? 3 : 4;
}

export const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

export function HeatmapTable({
  cells,
  overall,
  minPosts,
  zone,
  caption,
}: {
  cells: HeatCell[];
  overall: number | null;
  minPosts: number;
  zone: string;
  caption: string;
}) {
  const t = useTranslations('content');
  const locale = useLocale() as AppLocale;
  const withPosts = cells.filter((c) => c.posts > 0).map((c) => c.hour);
  if (withPosts.length === 0) return <p className="muted small">{t('noPosts')}</p>;
  // Only the hours between the first and the last with any post: the night is usually empty.
  const lo = Math.min(...withPosts);
  const hi = Math.max(...withPosts);
  const hours = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const days = ['1', '2', '3', '4', '5', '6', '7'] as const;
  return (
    <div>
      <div className="table-wrap heat-wrap" role="region" aria-label={caption} tabIndex={0}>
        <table className="heat" data-testid="content-heatmap">
          <caption className="small muted">{t('heatCaption', { zone, min: minPosts })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('hour')}</th>
              {days.map((d) => (
                <th scope="col" key={d} abbr={t(`weekdays.${d}`)}>
                  {t(`weekdaysShort.${d}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {hours.map((h) => (
              <tr key={h}>
                <th scope="row">{hourLabel(h)}</th>
                {days.map((d) => {
                  const c = cells[(Number(d) - 1) * 24 + h]!;
                  const day = t(`weekdays.${d}`);
                  const hour = `${hourLabel(h)}–${hourLabel((h + 1) % 24)}`;
                  if (c.posts === 0)
                    return (
                      <td key={d} className="heat-none">
                        <span className="visually-hidden">{t('heatCellNone', { day, hour })}</span>
                      </td>
                    );
                  if (!c.enough || c.median === null)
                    return (
                      <td key={d} className="heat-few" data-posts={c.posts}>
                        <span aria-hidden="true" className="heat-n">
                          {c.posts}
                        </span>
                        <span className="visually-hidden">{t('heatCellFew', { day, hour, count: c.posts, min: minPosts })}</span>
                      </td>
                    );
                  const m = formatFixed(c.median, locale, 1);
                  return (
                    <td key={d} className={`heat-${heatLevel(c.median, overall)}`} data-posts={c.posts}>
                      <span aria-hidden="true">
                        {m}
                        <span className="heat-n">{c.posts}</span>
                      </span>
                      <span className="visually-hidden">{t('heatCell', { day, hour, median: m, count: c.posts })}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="heat-legend small muted" aria-hidden="true">
        <span className="heat-0 sw" /> {t('legendLow')} <span className="heat-2 sw" /> <span className="heat-4 sw" /> {t('legendHigh')} ·{' '}
        <span className="heat-few sw" /> {t('legendFew', { min: minPosts })}
      </p>
    </div>
  );
}
