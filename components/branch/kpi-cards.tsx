import { useTranslations } from 'next-intl';
import type { Kpi } from '@/lib/api/schemas';
import { PctChange } from '@/components/ui/change';
import { Num } from '@/components/ui/num';
import { Sparkline } from '@/components/charts/sparkline';

const RATE = new Set(['follower_growth', 'engagement_rate', 'engagement_by_followers']);

export function KpiCards({ kpis, sparks }: { kpis: Kpi[]; sparks: Partial<Record<Kpi['metric'], (number | null)[]>> }) {
  const t = useTranslations();
  return (
    <section aria-labelledby="kpi-h">
      <h2 id="kpi-h" className="visually-hidden">
        {t('branch.kpis')}
      </h2>
      <div className="kpis" data-testid="kpis">
        {kpis.map((k) => {
          const rate = RATE.has(k.metric);
          const missingChange =
            k.value === null
              ? t('missing.notMeasured')
              : k.previous === null
                ? t('missing.noPrevious')
                : k.previous === 0
                  ? t('missing.fromZero')
                  : undefined;
          return (
            <div key={k.metric} className="card kpi" data-metric={k.metric}>
              <span className="kpi-label">{t(`metrics.${k.metric}`)}</span>
              <span className="kpi-value">
                <Num value={k.value} kind={rate ? 'percent' : 'compact'} missing={t('missing.notMeasured')} />
              </span>
              <span className="small" title={t('branch.vsPrev')}>
                {rate ? (
                  <PctChange value={k.changeAbs} abs={k.changeAbs} unit="pp" missing={missingChange} />
                ) : (
                  <PctChange value={k.changePct} missing={missingChange} />
                )}{' '}
                <span className="muted">{t('branch.vsPrev')}</span>
              </span>
              <span className="kpi-spark">
                <Sparkline values={sparks[k.metric] ?? []} />
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}
