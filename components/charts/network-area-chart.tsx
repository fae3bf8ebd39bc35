'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Granularity, SeriesMetric } from '@/lib/api/schemas';
import type { TrendRow } from '@/lib/charts/series';
import type { BreakSpan } from '@/lib/charts/breaks';
import { formatDay } from '@/lib/format/day';
import { NETWORK_COLORS, NETWORKS, type Network } from '@/lib/networks';
import { bucketTick, metricValue, valueAxis } from './format';
import { stackWithGaps } from '@/lib/charts/stack-gaps';
import { breakMarks } from './break-marks';

/** Stacked areas, one per network in the fixed network order and colours; pattern fills keep them apart in greyscale. */
export default function NetworkAreaChart({
  rows,
  metric,
  granularity,
  networks,
  height = 240,
  breaks = [],
}: {
  rows: TrendRow[];
  metric: SeriesMetric;
  granularity: Granularity;
  networks: Network[];
  height?: number;
  breaks?: readonly BreakSpan[];
}) {
  const locale = useLocale();
  const t = useTranslations('networks');
  const tc = useTranslations('charts');
  const ordered = NETWORKS.filter((n) => networks.includes(n));
  // A day one network missed is a gap in the whole stack (its height is unknown), not a cliff.
  const data = stackWithGaps(rows, ordered);
  const byBucket = new Map(data.map((d) => [d.bucket, d]));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <defs>
          {ordered.map((n, i) => (
            <pattern key={n} id={`pat-${n}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform={`rotate(${i * 30})`}>
              <rect width="6" height="6" fill={NETWORK_COLORS[n]} fillOpacity={0.55} />
              {i % 2 === 1 && <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="1.5" strokeOpacity={0.7} />}
            </pattern>
          ))}
        </defs>
        <CartesianGrid stroke="#e3e6ea" vertical={false} />
        {breakMarks(breaks)}
        <XAxis
          dataKey="bucket"
          tickFormatter={(b: string) => bucketTick(b, granularity, locale)}
          tick={{ fontSize: 11, fill: '#5b6675' }}
          minTickGap={18}
        />
        <YAxis
          {...valueAxis(
            data.map((d) => d.total),
            metric,
            locale,
          )}
          tick={{ fontSize: 11, fill: '#5b6675' }}
          width={56}
        />
        <Tooltip
          content={({ active, label }) => {
            const row = active ? byBucket.get(String(label)) : undefined;
            if (!row) return null;
            return (
              <div className="chart-tooltip" data-testid="network-tooltip">
                <div className="muted">{formatDay(row.bucket, locale)}</div>
                {ordered.map((n) => (
                  <div key={n}>
                    {t(n)}:{' '}
                    {row.measured[n] === null ? (
                      <span className="muted">{tc('noData')}</span>
                    ) : (
                      metricValue(row.measured[n], metric, locale)
                    )}
                  </div>
                ))}
                {row.gap && <div className="small muted">{tc('stackGap')}</div>}
              </div>
            );
          }}
        />
        {ordered.map((n) => (
          <Area
            key={n}
            type="monotone"
            dataKey={n}
            name={t(n)}
            stackId="net"
            connectNulls={false}
            stroke={NETWORK_COLORS[n]}
            strokeWidth={1.5}
            fill={`url(#pat-${n})`}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
}
