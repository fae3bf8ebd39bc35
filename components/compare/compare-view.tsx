'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { CompareResponse } from '@/lib/api/schemas';
import { GRANULARITIES, type SeriesMetric } from '@/lib/api/vocabulary';
import type { PlatformBreak } from '@/lib/breaks/model';
import { breakSpans } from '@/lib/charts/breaks';
import { DASHES, seriesColor } from '@/lib/charts/palette';
import { compareRows, METRIC_AGGREGATION, periodTotals } from '@/lib/charts/series';
import { formatRange } from '@/lib/format/date';
import { NETWORKS } from '@/lib/networks';
import { useCompare } from '@/lib/query/hooks';
import { compareSearch, parseCompareState, type CompareState } from '@/lib/query/url-state';
import { CompareChart } from '@/components/charts/lazy';
import { TREND_METRICS } from '@/components/branch/trend-panel';
import { Num } from '@/components/ui/num';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { ExportMenu } from '@/components/export/export-menu';
import { compareExportHref } from '@/lib/export/links';
import { BreaksLegend } from '@/components/breaks/breaks-legend';

export interface BranchOption {
  slug: string;
  name: string;
  nameEn: string;
}

export function CompareView({
  options,
  initial,
  initialSearch,
  breaks = [],
}: {
  options: BranchOption[];
  initial: CompareResponse | null;
  initialSearch: string;
  /** Every platform break; those over the chart's buckets for its network are drawn. */
  breaks?: readonly PlatformBreak[];
}) {
  const t = useTranslations();
  const locale = useLocale();
  const params = useSearchParams();
  const state = useMemo(() => parseCompareState(new URLSearchParams(params?.toString() ?? '')), [params]);
  const setState = useCallback((next: CompareState) => {
    window.history.pushState(null, '', `${window.location.pathname}${compareSearch(next)}`);
  }, []);
  const q = useCompare(
    { branches: state.branches, metric: state.metric, granularity: state.granularity, network: state.network },
    compareSearch(state) === initialSearch && initial ? initial : undefined,
  );
  const nameOf = (slug: string) => {
    const o = options.find((x) => x.slug === slug);
    return o ? (locale === 'en' ? o.nameEn : o.name) : slug;
  };
  const rows = q.data ? compareRows(q.data) : [];
  const spans = q.data ? breakSpans(breaks, rows.map((r) => r.bucket), q.data.granularity, q.data.network) : [];
  // Lines follow the data shown (the previous answer stays while a new one loads).
  const series = (q.data?.series ?? []).map((x) => ({ key: x.branch.slug, name: locale === 'en' ? x.branch.nameEn : x.branch.name }));
  const agg = METRIC_AGGREGATION[state.metric];
  const kind = state.metric === 'engagement_rate' ? 'percent' : 'compact';
  const ready = state.branches.length >= 2;

  return (
    <>
      <div className="filters no-print" data-testid="compare-filters">
        <div className="field" style={{ flex: '1 1 300px', minWidth: 0 }}>
          <span id="chips-label">{t('compare.subtitle')}</span>
          <div className="chips" aria-labelledby="chips-label">
            {state.branches.map((slug, i) => (
              <span key={slug} className="chip" data-testid="compare-chip">
                <svg width="18" height="8" aria-hidden="true">
                  <line x1="0" y1="4" x2="18" y2="4" stroke={seriesColor(i)} strokeWidth="2.5" strokeDasharray={DASHES[i % DASHES.length] || undefined} />
                </svg>
                {nameOf(slug)}
                <button type="button" aria-label={t('compare.remove', { name: nameOf(slug) })} onClick={() => setState({ ...state, branches: state.branches.filter((s) => s !== slug) })}>
                  ×
                </button>
              </span>
            ))}
            {state.branches.length < 6 && (
              <select
                className="select"
                aria-label={t('compare.add')}
                value=""
                data-testid="compare-add"
                onChange={(e) => e.target.value && setState({ ...state, branches: [...state.branches, e.target.value] })}
              >
                <option value="">{t('compare.addPlaceholder')}</option>
                {options
                  .filter((o) => !state.branches.includes(o.slug))
                  .map((o) => (
                    <option key={o.slug} value={o.slug}>
                      {locale === 'en' ? o.nameEn : o.name}
                    </option>
                  ))}
              </select>
            )}
          </div>
        </div>
        <label className="field">
          <span>{t('filters.metric')}</span>
          <select className="select" value={state.metric} onChange={(e) => setState({ ...state, metric: e.target.value as SeriesMetric })} data-testid="compare-metric">
            {TREND_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`metrics.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('filters.granularity')}</span>
          <select className="select" value={state.granularity} onChange={(e) => setState({ ...state, granularity: e.target.value as CompareState['granularity'] })}>
            {GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {t(`filters.granularities.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('filters.network')}</span>
          <select className="select" value={state.network} onChange={(e) => setState({ ...state, network: e.target.value as CompareState['network'] })}>
            <option value="all">{t('filters.allNetworks')}</option>
            {NETWORKS.map((n) => (
              <option key={n} value={n}>
                {t(`networks.${n}`)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {!ready ? (
        <EmptyState title={t('compare.needTwo')} minHeight={300} />
      ) : q.isError && !q.data ? (
        <ErrorState onRetry={() => void q.refetch()} message={q.error.message} minHeight={300} />
      ) : (
        <>
          {q.data && (
            <ExportMenu
              href={compareExportHref({ branches: q.data.series.map((x) => x.branch.slug), metric: q.data.metric, granularity: q.data.granularity, network: q.data.network, from: q.data.from, to: q.data.to })}
            />
          )}
          <section className="card section" aria-labelledby="cmp-chart-h">
            <div className="section-head">
              <h2 id="cmp-chart-h">{t('compare.chartCaption', { metric: t(`metrics.${state.metric}`) })}</h2>
              {q.data && <span className="small muted">{t('compare.window', { range: formatRange(q.data.from, q.data.to, locale) })}</span>}
            </div>
            <div className="chart-box" style={{ height: 300 }} data-testid="compare-chart">
              {q.data ? (
                <div className={q.isPlaceholderData ? 'is-fetching' : undefined}>
                  <CompareChart rows={rows} series={series} metric={state.metric} granularity={state.granularity} breaks={spans} />
                </div>
              ) : (
                <div className="skeleton" style={{ height: 300 }} aria-hidden="true" />
              )}
            </div>
            <BreaksLegend breaks={spans.map((s) => s.brk)} />
          </section>
          <section className="section" aria-labelledby="cmp-table-h">
            <h2 id="cmp-table-h">{t('compare.table')}</h2>
            <div className="table-wrap scroll">
              <table className="data" data-testid="compare-table">
                <thead>
                  <tr>
                    <th scope="col">{t('ranking.cols.branch')}</th>
                    <th scope="col" className="num">
                      {agg === 'sum' ? t('compare.total') : agg === 'last' ? t('compare.last') : t('compare.average')}
                    </th>
                    <th scope="col" className="num">
                      {t('compare.average')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {(q.data?.series ?? state.branches.map((slug) => ({ branch: { slug, name: nameOf(slug), nameEn: nameOf(slug) }, values: [] as (number | null)[] }))).map((s, i) => {
                    const vals = s.values.map((v) => ({ value: v, previous: null }));
                    const main = periodTotals(vals, agg).current;
                    const mean = periodTotals(vals, 'mean').current;
                    return (
                      <tr key={s.branch.slug}>
                        <td className="branch-cell">
                          <svg width="18" height="8" aria-hidden="true" style={{ marginRight: 6 }}>
                            <line x1="0" y1="4" x2="18" y2="4" stroke={seriesColor(i)} strokeWidth="2.5" strokeDasharray={DASHES[i % DASHES.length] || undefined} />
                          </svg>
                          <a href={`/branches/${s.branch.slug}`}>{locale === 'en' ? s.branch.nameEn : s.branch.name}</a>
                        </td>
                        <td className="num">{q.data ? <Num value={main} kind={kind} missing={t('missing.notMeasured')} /> : <span className="skeleton skeleton-line" style={{ display: 'inline-block', width: 60 }} />}</td>
                        <td className="num">{q.data ? <Num value={mean} kind={kind} missing={t('missing.notMeasured')} /> : <span className="skeleton skeleton-line" style={{ display: 'inline-block', width: 60 }} />}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
