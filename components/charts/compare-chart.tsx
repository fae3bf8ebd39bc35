'use client';

import { useLocale } from '@/i18n/client';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Granularity, SeriesMetric } from '@/lib/api/schemas';
import type { BreakSpan } from '@/lib/charts/breaks';
import type { CompareBasis } from '@/lib/compare/normalize';
import { columnDigits } from '@/lib/format/column';
import { formatDay } from '@/lib/format/day';
import { breakMarks } from './break-marks';
import { bucketTick, compareValue, valueAxis } from './format';

/**
 * One line per branch and per reference (colour plus a dash pattern, so it reads in greyscale too).
 * The legend is drawn by the page next to the chips, in the same order (components/compare/legend.tsx).
 */
export default function CompareChart({
  rows,
  series,
  metric,
  basis,
  granularity,
  height = 300,
  breaks = [],
}: {
  rows: Record<string, string | number | null>[];
  series: { key: string; name: string; color: string; dash: string; width: number }[];
  metric: SeriesMetric;
  basis: CompareBasis;
  granularity: Granularity;
  height?: number;
  /** Platform breaks over the chart's buckets (docs/methodology.md, "Platform breaks"). */
  breaks?: readonly BreakSpan[];
}) {
  const locale = useLocale();
  const values = rows.flatMap((r) => series.map((x) => r[x.key] as number | null));
  const digits = columnDigits(values);
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
        {/* Round 1/2/5×10^n ticks in one unit on every basis; per-100k and per-follower figures may step by fractions. */}
        <YAxis
          {...valueAxis(values, metric, locale, basis === 'absolute' && metric !== 'engagement_rate')}
          tick={{ fontSize: 11, fill: '#5b6675' }}
          width={56}
        />
        <Tooltip
          formatter={(v, name) => [compareValue(typeof v === 'number' ? v : null, metric, basis, locale, digits), name]}
          labelFormatter={(b) => formatDay(String(b), locale)}
        />
        {series.map((s) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeDasharray={s.dash || undefined}
            strokeWidth={s.width}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
