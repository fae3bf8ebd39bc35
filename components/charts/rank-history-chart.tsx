'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BreakSpan } from '@/lib/charts/breaks';
import { formatMonth } from '@/lib/format/day-axis';
import { breakMarks } from './break-marks';

/** Rank as a step line; the axis is inverted so 1st place is at the top. */
export default function RankHistoryChart({
  points,
  of,
  height = 200,
  breaks = [],
}: {
  points: { from: string; rank: number | null }[];
  of: number;
  height?: number;
  breaks?: readonly BreakSpan[];
}) {
  const locale = useLocale();
  const t = useTranslations('ranking');
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e3e6ea" vertical={false} />
        {breakMarks(breaks)}
        <XAxis
          dataKey="from"
          tickFormatter={(d: string) => formatMonth(d, locale)}
          tick={{ fontSize: 11, fill: '#5b6675' }}
          minTickGap={12}
        />
        <YAxis
          reversed
          domain={[1, Math.max(of, 3)]}
          allowDecimals={false}
          tick={{ fontSize: 11, fill: '#5b6675' }}
          width={34}
          ticks={[1, ...[10, 20, 40, 60, 80].filter((x) => x < of)]}
        />
        <ReferenceLine y={3.5} stroke="#b8901a" strokeDasharray="3 3" />
        <Tooltip
          formatter={(v) => [typeof v === 'number' ? t('place', { place: v }) : '—', t('cols.rank')]}
          labelFormatter={(d) => formatMonth(String(d), locale)}
        />
        <Line
          type="stepAfter"
          dataKey="rank"
          stroke="#0072B2"
          strokeWidth={2.2}
          dot={{ r: 3 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
