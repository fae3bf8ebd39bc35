'use client';

import { useLocale } from 'next-intl';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Granularity, SeriesMetric } from '@/lib/api/schemas';
import { DASHES, seriesColor } from '@/lib/charts/palette';
import type { CompareRow } from '@/lib/charts/series';
import { formatDay } from '@/lib/format/date';
import { bucketTick, metricValue, valueAxis } from './format';

/** One line per branch: colour plus a distinct dash pattern, so it reads in greyscale too. */
export default function CompareChart({ rows, series, metric, granularity, height = 300 }: { rows: CompareRow[]; series: { key: string; name: string }[]; metric: SeriesMetric; granularity: Granularity; height?: number }) {
  const locale = useLocale();
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <CartesianGrid stroke="#e3e6ea" vertical={false} />
        <XAxis dataKey="bucket" tickFormatter={(b: string) => bucketTick(b, granularity, locale)} tick={{ fontSize: 11, fill: '#5b6675' }} minTickGap={18} />
        <YAxis {...valueAxis(rows.flatMap((r) => series.map((x) => (r as Record<string, unknown>)[x.key] as number | null)), metric, locale)} tick={{ fontSize: 11, fill: '#5b6675' }} width={56} />
        <Tooltip formatter={(v, name) => [metricValue(typeof v === 'number' ? v : null, metric, locale), name]} labelFormatter={(b) => formatDay(String(b), locale)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={seriesColor(i)}
            strokeDasharray={DASHES[i % DASHES.length] || undefined}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
