'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { CompareResponse } from '@/lib/api/schemas';
import { GRANULARITIES, type SeriesMetric } from '@/lib/api/vocabulary';
import { branchLine, compareLineRows, compareLines, type LineSpec } from '@/lib/compare/lines';
import { appliedBasis, COMPARE_BASES, type CompareBasis } from '@/lib/compare/normalize';
import type { PlatformBreak } from '@/lib/breaks/model';
import { breakSpans } from '@/lib/charts/breaks';
import { formatRange } from '@/lib/format/day';
import { useCompare } from '@/lib/query/hooks';
import { compareQuery, compareSearch, parseCompareState, type CompareState } from '@/lib/query/compare-state';
import { CompareChart } from '@/components/charts/lazy';
import { TREND_METRICS } from '@/components/branch/trend-panel';
import { PeriodFilter } from '@/components/ranking/period-filter';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { ExportMenu } from '@/components/export/export-menu';
import { compareExportHref } from '@/lib/export/links';
import { CompareLegend } from './compare-legend';
import { CompareTable } from './compare-table';
import { LineSample } from './line-sample';
import { BreaksLegend } from '@/components/breaks/breaks-legend';

export interface BranchOption {
  slug: string;
  name: string;
  nameEn: string;
}

/**
 * Compare (docs/ui.md, "Compare"): 1–6 branches the viewer may read, on a basis,
 * over the ranking's period, with the national and district medians and the top
 * three's average. Branches in the link the viewer cannot read (or that do not
 * exist) are left out with a message; the rest is still compared.
 */
export function CompareView({
  options,
  initial,
  initialSearch,
  defaultBranches,
  coordinator,
  breaks = [],
}: {
  options: BranchOption[];
  initial: CompareResponse | null;
  initialSearch: string;
  /** Branches compared when the link names none (a coordinator's own branch). */
  defaultBranches: string[];
  coordinator: boolean;
  /** Every platform break; those over the chart's buckets for its network are drawn. */
  breaks?: readonly PlatformBreak[];
}) {
  const t = useTranslations();
  const tc = useTranslations('compareView');
  const locale = useLocale();
  const params = useSearchParams();
  const state = useMemo(() => parseCompareState(new URLSearchParams(params?.toString() ?? '')), [params]);
  const setState = useCallback((next: CompareState) => {
    window.history.pushState(null, '', `${window.location.pathname}${compareSearch(next)}`);
  }, []);
  const wanted = state.branches.length ? state.branches : defaultBranches;
  const known = new Set(options.map((o) => o.slug));
  const branches = wanted.filter((s) => known.has(s));
  const unavailable = wanted.length - branches.length;
  const q = useCompare(compareQuery(state, branches), compareSearch(state) === initialSearch && initial ? initial : undefined);
  const optionName = (slug: string) => {
    const o = options.find((x) => x.slug === slug);
    return o ? (locale === 'en' ? o.nameEn : o.name) : '';
  };
  const lines = q.data ? compareLines(q.data) : [];
  const lineName = (l: LineSpec) => {
    if (l.ref.type === 'branch') return optionName(l.ref.slug);
    if (l.ref.kind === 'district_median') return tc('ref.district_median', { district: t(`districts.${l.ref.district as 'central'}`) });
    return tc(`ref.${l.ref.kind}`);
  };
  const basis = appliedBasis(state.metric, state.basis);
  const setBranches = (next: string[]) => setState({ ...state, branches: next });
  const ready = branches.length >= 1;
  const lineRows = q.data ? compareLineRows(q.data) : [];
  const spans = q.data
    ? breakSpans(
        breaks,
        lineRows.map((r) => String(r.bucket)),
        q.data.granularity,
        q.data.network,
      )
    : [];

  return (
    <>
      <div className="filters no-print" data-testid="compare-filters">
        <PeriodFilter state={state} resolved={q.data?.period ?? null} onChange={setState} />
        <label className="field">
          <span>{t('filters.metric')}</span>
          <select
            className="select"
            value={state.metric}
            onChange={(e) => setState({ ...state, metric: e.target.value as SeriesMetric })}
            data-testid="compare-metric"
          >
            {TREND_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`metrics.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{tc('basisLabel')}</span>
          <select
            className="select"
            value={state.basis}
            onChange={(e) => setState({ ...state, basis: e.target.value as CompareBasis })}
            data-testid="compare-basis"
          >
            {COMPARE_BASES.map((b) => (
              <option key={b} value={b} disabled={appliedBasis(state.metric, b) !== b}>
                {tc(`basis.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('filters.granularity')}</span>
          <select
            className="select"
            value={state.granularity}
            onChange={(e) => setState({ ...state, granularity: e.target.value as CompareState['granularity'] })}
          >
            {GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {t(`filters.granularities.${g}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="filters no-print">
        <div className="field" style={{ flex: '1 1 300px', minWidth: 0 }}>
          <span id="chips-label">{coordinator ? tc('chipsCoordinator') : tc('chips')}</span>
          <div className="chips" aria-labelledby="chips-label">
            {branches.map((slug, i) => (
              <span key={slug} className="chip" data-testid="compare-chip">
                <LineSample line={branchLine(slug, i)} />
                {optionName(slug)}
                {(!coordinator || branches.length > 1) && (
                  <button
                    type="button"
                    aria-label={t('compare.remove', { name: optionName(slug) })}
                    onClick={() => setBranches(branches.filter((s) => s !== slug))}
                  >
                    ×
                  </button>
                )}
              </span>
            ))}
            {branches.length < 6 && options.some((o) => !branches.includes(o.slug)) && (
              <select
                className="select"
                aria-label={t('compare.add')}
                value=""
                data-testid="compare-add"
                onChange={(e) => e.target.value && setBranches([...branches, e.target.value])}
              >
                <option value="">{t('compare.addPlaceholder')}</option>
                {options
                  .filter((o) => !branches.includes(o.slug))
                  .map((o) => (
                    <option key={o.slug} value={o.slug}>
                      {locale === 'en' ? o.nameEn : o.name}
                    </option>
                  ))}
              </select>
            )}
          </div>
        </div>
      </div>
      {unavailable > 0 && (
        <div className="banner banner-warn" role="status" data-testid="compare-unavailable">
          <span style={{ flex: 1 }}>{tc('unavailable', { count: unavailable })}</span>
          <button type="button" className="btn btn-small" onClick={() => setBranches(branches)}>
            {tc('dropUnavailable')}
          </button>
        </div>
      )}
      {coordinator && <p className="small muted">{tc('coordinatorNote')}</p>}
      {basis !== state.basis && <p className="small muted">{tc(state.metric === 'engagement_rate' ? 'basisRate' : 'basisFollowers')}</p>}

      {!ready ? (
        <EmptyState title={tc('pickOne')} minHeight={300} />
      ) : q.isError && !q.data ? (
        <ErrorState onRetry={() => void q.refetch()} message={tc('loadFailed')} minHeight={300} />
      ) : (
        <>
          {q.data && (
            <ExportMenu
              href={compareExportHref({
                branches: q.data.series.map((x) => x.branch.slug),
                metric: q.data.metric,
                granularity: q.data.granularity,
                network: q.data.network,
                from: q.data.from,
                to: q.data.to,
                basis: q.data.basis,
              })}
            />
          )}
          <section className="card section" aria-labelledby="cmp-chart-h">
            <div className="section-head">
              <h2 id="cmp-chart-h">{tc('chartCaption', { metric: t(`metrics.${state.metric}`), basis: tc(`unit.${basis}`) })}</h2>
              {q.data && <span className="small muted">{tc('period', { range: formatRange(q.data.from, q.data.to, locale) })}</span>}
            </div>
            {q.data && <CompareLegend lines={lines} nameOf={lineName} />}
            <div className="chart-box" style={{ height: 300 }} data-testid="compare-chart">
              {q.data ? (
                <div className={q.isPlaceholderData ? 'is-fetching' : undefined}>
                  <CompareChart
                    rows={lineRows}
                    series={lines.map((l) => ({ ...l, name: lineName(l) }))}
                    metric={state.metric}
                    basis={q.data.basis ?? 'absolute'}
                    granularity={state.granularity}
                    breaks={spans}
                  />
                </div>
              ) : (
                <div className="skeleton" style={{ height: 300 }} aria-hidden="true" />
              )}
            </div>
            <p className="small muted">{tc('referenceNote')}</p>
            <BreaksLegend breaks={spans.map((s) => s.brk)} />
          </section>
          {q.data && <CompareTable data={q.data} lines={lines} nameOf={lineName} />}
        </>
      )}
    </>
  );
}
