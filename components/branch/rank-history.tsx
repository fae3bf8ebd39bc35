import { useTranslations } from 'next-intl';
import type { PlatformBreak } from '@/lib/breaks/model';
import type { NetworkScope } from '@/lib/api/schemas';
import { breakSpans } from '@/lib/charts/breaks';
import type { RankPoint } from '@/lib/data/branch-insights';
import { BreaksLegend } from '@/components/breaks/breaks-legend';
import { RankHistoryChart } from '@/components/charts/lazy';

export function RankHistory({
  points,
  breaks = [],
  network = 'all',
}: {
  points: RankPoint[];
  breaks?: readonly PlatformBreak[];
  network?: NetworkScope;
}) {
  const t = useTranslations('branch');
  const tc = useTranslations('charts');
  const of = Math.max(3, ...points.map((p) => p.of));
  const ranked = points.filter((p) => p.rank !== null);
  // Months are the axis; a break is drawn over the months it touches.
  const spans = breakSpans(
    breaks,
    points.map((p) => p.from),
    'month',
    network,
  );
  return (
    <section className="card section" aria-labelledby="rankh-h">
      <h2 id="rankh-h">{t('rankHistory')}</h2>
      <p className="small muted" style={{ marginTop: -6 }}>
        {t('rankHistoryCaption')}
      </p>
      <ul className="legend" data-testid="rank-legend">
        <li>
          <span className="swatch" style={{ background: '#0072B2', height: 3 }} aria-hidden="true" />
          {tc('rankLine')}
        </li>
        <li>
          <span className="swatch swatch-dash" aria-hidden="true" />
          {tc('top3Line')}
        </li>
      </ul>
      <div
        className="chart-box small"
        data-testid="rank-chart"
        role="img"
        aria-label={`${t('rankHistory')}: ${ranked.map((p) => `${p.period} — ${p.rank}`).join(', ')}`}
      >
        {ranked.length === 0 ? <p className="muted">{t('noRankHistory')}</p> : <RankHistoryChart points={points} of={of} breaks={spans} />}
      </div>
      {ranked.length > 0 && <BreaksLegend breaks={spans.map((s) => s.brk)} />}
    </section>
  );
}
