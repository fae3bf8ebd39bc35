'use client';

import { useLocale } from '@/i18n/client';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Granularity, SeriesMetric } from '@/lib/api/schemas';
import type { TrendRow } from '@/lib/charts/series';
import type { BreakSpan } from '@/lib/charts/breaks';
import { formatChangePct } from '@/lib/format/signed';
import { bucketSpan, bucketTick, metricValue, valueAxis } from './format';
import { breakMarks } from './break-marks';

export interface TrendChartProps {
  rows: TrendRow[];
  metric: SeriesMetric;
  granularity: Granularity;
  /** The exact days of each line, for the tooltip. */
  windows: { current: { from: string; to: string }; previous: { from: string; to: string } };
  labels: { current: string; previous: string; change: string; noPrevious: string };
  height?: number;
  /** Platform breaks over this period's buckets (lib/charts/breaks.ts). */
  breaks?: readonly BreakSpan[];
}

/**
 * This period as a solid line, the previous one dashed under it, bucket k over
 * bucket k (12 Oct over 12 Sep). The tooltip names both days. Pure: fed by props.
 */
export default function TrendChart({ rows, metric, granularity, windows, labels, height = 280, breaks = [] }: TrendChartProps) {
  const locale = useLocale();
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
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
            rows.flatMap((r) => [r.value, r.previous]),
            metric,
            locale,
          )}
          tick={{ fontSize: 11, fill: '#5b6675' }}
          width={56}
        />
        <Tooltip
          content={({ active, payload }) => {
            const row = active ? (payload?.[0]?.payload as TrendRow | undefined) : undefined;
            if (!row) return null;
            return (
              <div className="chart-tooltip" data-testid="trend-tooltip">
                <div>
                  <span className="muted">{bucketSpan(row.bucket, granularity, windows.current, locale)}:</span>{' '}
                  <strong>{metricValue(row.value, metric, locale)}</strong>
                </div>
                <div>
                  {row.previousBucket ? (
                    <>
                      <span className="muted">{bucketSpan(row.previousBucket, granularity, windows.previous, locale)}:</span>{' '}
                      {metricValue(row.previous, metric, locale)}
                    </>
                  ) : (
                    <span className="muted">{labels.noPrevious}</span>
                  )}
                </div>
                {row.change !== null && (
                  <div className="small">
                    {labels.change}: {formatChangePct(row.change, locale)}
                  </div>
                )}
              </div>
            );
          }}
        />
        <Line
          type="monotone"
          dataKey="previous"
          name={labels.previous}
          stroke="#5b6675"
          strokeDasharray="5 4"
          strokeWidth={1.5}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="value"
          name={labels.current}
          stroke="#0072B2"
          strokeWidth={2.4}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
