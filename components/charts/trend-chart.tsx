'use client';

import { useLocale } from 'next-intl';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Granularity, SeriesMetric } from '@/lib/api/schemas';
import type { TrendRow } from '@/lib/charts/series';
import { formatDay } from '@/lib/format/date';
import { bucketTick, metricValue } from './format';

export interface TrendChartProps {
  rows: TrendRow[];
  metric: SeriesMetric;
  granularity: Granularity;
  labels: { current: string; previous: string };
  height?: number;
}

/** This period as a solid line, the previous one dashed under it. Pure: fed by props. */
export default function TrendChart({ rows, metric, granularity, labels, height = 280 }: TrendChartProps) {
  const locale = useLocale();
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <CartesianGrid stroke="#e3e6ea" vertical={false} />
        <XAxis dataKey="bucket" tickFormatter={(b: string) => bucketTick(b, granularity, locale)} tick={{ fontSize: 11, fill: '#5b6675' }} minTickGap={18} />
        <YAxis tickFormatter={(v: number) => metricValue(v, metric, locale, true)} tick={{ fontSize: 11, fill: '#5b6675' }} width={56} />
        <Tooltip
          formatter={(v, name) => [metricValue(typeof v === 'number' ? v : null, metric, locale), name]}
          labelFormatter={(b) => formatDay(String(b), locale)}
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
        <Line type="monotone" dataKey="value" name={labels.current} stroke="#0072B2" strokeWidth={2.4} dot={false} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
