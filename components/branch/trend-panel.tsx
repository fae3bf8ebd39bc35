'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { useState } from 'react';
import type { Granularity, NetworkScope, SeriesMetric, SeriesResponse } from '@/lib/api/schemas';
import type { PlatformBreak } from '@/lib/breaks/model';
import { breakSpans } from '@/lib/charts/breaks';
import { METRIC_AGGREGATION, trendRows, trendTotals } from '@/lib/charts/series';
import { formatRange } from '@/lib/format/day';
import { comparisonBuckets } from '@/lib/ranking/period';
import { NETWORK_COLORS } from '@/lib/networks';
import { useSeries } from '@/lib/query/hooks';
import { PctChange } from '@/components/ui/change';
import { Num } from '@/components/ui/num';
import { ErrorState } from '@/components/ui/states';
import { NetworkAreaChart, TrendChart } from '@/components/charts/lazy';
import { hasGap } from '@/lib/charts/stack-gaps';
import { NetworkMark } from '@/components/ui/network-tag';
import { BreaksLegend } from '@/components/breaks/breaks-legend';

export const TREND_METRICS: SeriesMetric[] = ['views', 'followers', 'interactions', 'engagement_rate', 'posts', 'visits', 'social_visits'];
/** Container: fetches the series of the chosen metric and feeds the pure charts. */
export function TrendPanel({
  slug,
  window,
  initial,
  initialMetric = 'views',
  breaks = [],
}: {
  slug: string;
  window: { from: string; to: string; granularity: Granularity; network: NetworkScope };
  initial: SeriesResponse | null;
  initialMetric?: SeriesMetric;
  /** Every platform break; the panel draws those over its buckets for its network. */
  breaks?: readonly PlatformBreak[];
}) {
  const t = useTranslations();
  const locale = useLocale();
  const [metric, setMetric] = useState<SeriesMetric>(initialMetric);
  const q = useSeries(slug, { ...window, metric }, metric === initialMetric && initial ? initial : undefined);
  const rows = q.data ? trendRows(q.data) : [];
  // The same previous period as the KPI cards (and as the server's series).
  const cmp = comparisonBuckets(window.from, window.to, window.granularity);
  const windows = { current: { from: cmp.current.from, to: cmp.current.to }, previous: { from: cmp.previous.from, to: cmp.previous.to } };
  const spans = breakSpans(
    breaks,
    rows.map((r) => r.bucket),
    window.granularity,
    window.network,
  );
  const currentRange = formatRange(windows.current.from, windows.current.to, locale);
  const previousRange = formatRange(windows.previous.from, windows.previous.to, locale);
  const totals = trendTotals(rows, q.data?.previous.points ?? [], METRIC_AGGREGATION[metric]);
  const networks = q.data?.byNetwork.map((n) => n.network) ?? [];
  const label = t(`metrics.${metric}`);
  return (
    <section className="section card" aria-labelledby="trend-h" data-testid="trend-panel">
      <div className="section-head">
        <h2 id="trend-h">{t('branch.trend')}</h2>
        <div className="segmented no-print" role="group" aria-label={t('filters.metric')}>
          {TREND_METRICS.map((m) => (
            <button key={m} type="button" aria-pressed={metric === m} onClick={() => setMetric(m)} data-metric={m}>
              {t(`metrics.${m}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="stat-row" style={{ margin: '0 0 8px' }}>
        <span>
          <span className="muted small">{currentRange}: </span>
          <strong>
            <Num
              value={totals.current}
              kind={metric === 'engagement_rate' ? 'percent' : 'compact'}
              along={[totals.previous]}
              missing={t('missing.notMeasured')}
            />
          </strong>
        </span>
        <span>
          <span className="muted small">{previousRange}: </span>
          <Num
            value={totals.previous}
            kind={metric === 'engagement_rate' ? 'percent' : 'compact'}
            along={[totals.current]}
            missing={t('missing.noPrevious')}
          />
        </span>
        <span data-testid="trend-change">
          <PctChange value={totals.change} missing={totals.previous === 0 ? t('missing.fromZero') : t('missing.noPrevious')} />
        </span>
      </div>
      <figure style={{ margin: 0 }} aria-label={t('branch.trendCaption', { metric: label })}>
        <ul className="legend" aria-hidden="true">
          <li>
            <svg width="22" height="8">
              <line x1="0" y1="4" x2="22" y2="4" stroke="#0072B2" strokeWidth="2.4" />
            </svg>
            <span data-testid="trend-current-range">
              {t('branch.current')}: {currentRange}
            </span>
          </li>
          <li>
            <svg width="22" height="8">
              <line x1="0" y1="4" x2="22" y2="4" stroke="#5b6675" strokeWidth="1.5" strokeDasharray="5 4" />
            </svg>
            <span data-testid="trend-previous-range">
              {t('branch.previous')}: {previousRange}
            </span>
          </li>
        </ul>
        <div className="chart-box chart-frame" data-testid="trend-chart">
          {q.isError && !q.data ? (
            <ErrorState onRetry={() => void q.refetch()} message={q.error.message} minHeight={280} />
          ) : !q.data ? (
            <div className="skeleton" style={{ height: 280 }} aria-hidden="true" />
          ) : (
            <div className={q.isPlaceholderData ? 'is-fetching' : undefined}>
              <TrendChart
                rows={rows}
                metric={metric}
                granularity={window.granularity}
                windows={windows}
                labels={{
                  current: currentRange,
                  previous: previousRange,
                  change: t('branch.vsPrev'),
                  noPrevious: t('branch.noPreviousDay'),
                }}
                breaks={spans}
              />
            </div>
          )}
        </div>
        <BreaksLegend breaks={spans.map((s) => s.brk)} />
        <figcaption className="visually-hidden">{t('branch.trendCaption', { metric: label })}</figcaption>
      </figure>
      {metric === 'social_visits' && q.data?.channels && q.data.channels.length > 0 && <SiteChannels channels={q.data.channels} />}
      {networks.length > 1 && metric !== 'engagement_rate' && (
        <figure style={{ margin: '16px 0 0' }}>
          <h3>
            {t('branch.networkBreakdown')}: {label}
          </h3>
          <ul className="legend">
            {networks.map((n) => (
              <li key={n}>
                <span className="swatch" style={{ background: NETWORK_COLORS[n] }} aria-hidden="true" />
                <NetworkMark network={n} /> {t(`networks.${n}`)}
              </li>
            ))}
            {hasGap(rows, networks) && (
              <li data-testid="network-gap-legend">
                <span className="swatch swatch-gap" aria-hidden="true" />
                {t('charts.gapLegend')}
              </li>
            )}
          </ul>
          <div className="chart-box small" data-testid="network-chart">
            {q.data && (
              <NetworkAreaChart
                rows={rows}
                metric={metric}
                granularity={window.granularity}
                networks={networks}
                height={200}
                breaks={spans}
              />
            )}
          </div>
        </figure>
      )}
    </section>
  );
}

/** The period's website visits from social networks and messengers, by the network Metrica names. */
function SiteChannels({ channels }: { channels: NonNullable<SeriesResponse['channels']> }) {
  const t = useTranslations('siteChannels');
  const total = channels.reduce((s, c) => s + c.visits, 0);
  const known = new Set(['vkontakte', 'odnoklassniki', 'youtube', 'dzen', 'telegram', 'max', 'whatsapp']);
  return (
    <section style={{ margin: '16px 0 0' }} data-testid="site-channels">
      <h3>{t('byChannel')}</h3>
      <table className="data small">
        <tbody>
          {channels.map((c) => (
            <tr key={`${c.source}:${c.channel}`}>
              <th scope="row">
                {known.has(c.channel) ? t(`names.${c.channel as 'vkontakte'}`) : c.channel} <span className="muted">({t(c.source)})</span>
              </th>
              <td className="num">
                <Num value={c.visits} kind="integer" missing="—" />
              </td>
              <td className="num">
                <Num value={total > 0 ? c.visits / total : null} kind="share" missing="—" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
