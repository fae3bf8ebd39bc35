'use client';

import { useLocale } from 'next-intl';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Granularity, SeriesMetric } from '@/lib/api/schemas';
import { DASHES, seriesColor } from '@/lib/charts/palette';
import type { BreakSpan } from '@/lib/charts/breaks';
import type { CompareRow } from '@/lib/charts/series';
import { formatDay } from '@/lib/format/date';
import { breakMarks } from './break-marks';
import { bucketTick, metricValue } from './format';

/** One line per branch: colour plus a distinct dash pattern, so it reads in greyscale too. */
export default function CompareChart({ rows, series, metric, granularity, height = 300, breaks = [] }: { rows: CompareRow[]; series: { key: string; name: string }[]; metric: SeriesMetric; granularity: Granularity; height?: number; breaks?: readonly BreakSpan[] }) {
  const locale = useLocale();
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <CartesianGrid stroke="#e3e6ea" vertical={false} />
        {breakMarks(breaks)}
        <XAxis dataKey="bucket" tickFormatter={(b: string) => bucketTick(b, granularity, locale)} tick={{ fontSize: 11, fill: '#5b6675' }} minTickGap={18} />
        <YAxis tickFormatter={(v: number) => metricValue(v, metric, locale, true)} tick={{ fontSize: 11, fill: '#5b6675' }} width={56} />
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
