'use client';

import { useLocale, useTranslations } from 'next-intl';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Granularity, SeriesMetric } from '@/lib/api/schemas';
import type { TrendRow } from '@/lib/charts/series';
import type { BreakSpan } from '@/lib/charts/breaks';
import { formatDay } from '@/lib/format/date';
import { NETWORK_COLORS, NETWORKS, type Network } from '@/lib/networks';
import { breakMarks } from './break-marks';
import { bucketTick, metricValue } from './format';

/** Stacked areas, one per network in the fixed network order and colours; pattern fills keep them apart in greyscale. */
export default function NetworkAreaChart({ rows, metric, granularity, networks, height = 240, breaks = [] }: { rows: TrendRow[]; metric: SeriesMetric; granularity: Granularity; networks: Network[]; height?: number; breaks?: readonly BreakSpan[] }) {
  const locale = useLocale();
  const t = useTranslations('networks');
  const ordered = NETWORKS.filter((n) => networks.includes(n));
  const data = rows.map((r) => ({ bucket: r.bucket, ...Object.fromEntries(ordered.map((n) => [n, r.networks[n] ?? null])) }));
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
        <XAxis dataKey="bucket" tickFormatter={(b: string) => bucketTick(b, granularity, locale)} tick={{ fontSize: 11, fill: '#5b6675' }} minTickGap={18} />
        <YAxis tickFormatter={(v: number) => metricValue(v, metric, locale, true)} tick={{ fontSize: 11, fill: '#5b6675' }} width={56} />
        <Tooltip formatter={(v, name) => [metricValue(typeof v === 'number' ? v : null, metric, locale), name]} labelFormatter={(b) => formatDay(String(b), locale)} />
        {ordered.map((n) => (
          <Area
            key={n}
            type="monotone"
            dataKey={n}
            name={t(n)}
            stackId="net"
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
