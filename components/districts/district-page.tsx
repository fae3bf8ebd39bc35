'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { useRouter } from 'next/navigation';
import type { DistrictView } from '@/lib/districts/schema';
import { MAP_METRICS, type MapMetric } from '@/lib/districts/tiers';
import { districtSearch, type DistrictState } from '@/lib/districts/url';
import { formatRange } from '@/lib/format/day';
import { columnFormatter } from '@/lib/format/column';
import { PeriodFilter } from '@/components/ranking/period-filter';
import { DistrictLeague } from './district-league';
import { RegionTable } from './region-table';
import { TierLegend } from './tiers';
import { TileMap } from './tile-map';

type RegionRow = DistrictView['regions'][number];

/** The districts page: filters, the tile map with its table alternative, and the federal-district league. */
export function DistrictPage({ state, view, coordinator }: { state: DistrictState; view: DistrictView; coordinator: boolean }) {
  const t = useTranslations();
  const td = useTranslations('districtView');
  const locale = useLocale();
  const router = useRouter();
  const go = (next: DistrictState) => router.push(`/districts${districtSearch(next)}`);
  const periodLabel = formatRange(view.period.from, view.period.to, locale);
  const unit = td(`unit.${view.metric}`);
  // One number of fraction digits for every region of the view (lib/format/column.ts).
  const num = columnFormatter(
    view.regions.map((r) => r.value),
    locale,
    view.metric === 'score' ? 1 : undefined,
  );
  /** The value of a region or branch in words, with its unit. */
  const valueText = (r: { value: number | null; hidden: boolean; rank: number | null }, hasBranch = true) => {
    if (!hasBranch) return td('noBranch');
    if (r.hidden) return td('hiddenValue');
    if (r.value === null) return view.metric === 'score' ? td('notRanked') : t('missing.notMeasured');
    return view.metric === 'score' && r.rank !== null ? td('scoreWithRank', { value: num(r.value), rank: r.rank }) : num(r.value);
  };
  const describe = (r: RegionRow) =>
    td('tile', {
      region: locale === 'en' ? r.nameEn : r.name,
      metric: td(`metric.${view.metric}`),
      value: valueText(r, r.branch !== null),
      period: periodLabel,
    });
  return (
    <>
      <div className="filters no-print" data-testid="district-filters">
        <PeriodFilter state={state} resolved={view.period} onChange={go} />
        <label className="field">
          <span>{td('metricLabel')}</span>
          <select
            className="select"
            value={state.metric}
            onChange={(e) => go({ ...state, metric: e.target.value as MapMetric })}
            data-testid="district-metric"
          >
            {MAP_METRICS.map((m) => (
              <option key={m} value={m}>
                {td(`metric.${m}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {coordinator && view.metric !== 'score' && <p className="small muted">{td('coordinatorNote')}</p>}
      <section className="card section" aria-labelledby="map-h">
        <div className="section-head">
          <h2 id="map-h">{td('mapTitle', { metric: td(`metric.${view.metric}`) })}</h2>
          <span className="small muted">{td('period', { range: periodLabel })}</span>
        </div>
        <TierLegend view={view} unit={unit} />
        <TileMap view={view} describe={describe} periodLabel={periodLabel} />
        <details className="section" data-testid="region-table">
          <summary>{td('tableSummary')}</summary>
          <RegionTable view={view} valueText={valueText} unit={unit} />
        </details>
      </section>
      <DistrictLeague view={view} valueText={valueText} unit={unit} periodLabel={periodLabel} />
    </>
  );
}
