'use client';

import dynamic from 'next/dynamic';

// recharts is loaded only where a chart is shown, never in the first paint of
// the ranking; the placeholder has the chart's height so nothing shifts.
function ChartPlaceholder({ height }: { height: number }) {
  return <div className="skeleton" style={{ height, width: '100%' }} aria-hidden="true" />;
}

// The branch page's charts share one chunk (./branch-charts).
export const TrendChart = dynamic(() => import('./branch-charts').then((m) => m.TrendChart), {
  ssr: false,
  loading: () => <ChartPlaceholder height={280} />,
});
export const NetworkAreaChart = dynamic(() => import('./branch-charts').then((m) => m.NetworkAreaChart), {
  ssr: false,
  loading: () => <ChartPlaceholder height={240} />,
});
export const RankHistoryChart = dynamic(() => import('./branch-charts').then((m) => m.RankHistoryChart), {
  ssr: false,
  loading: () => <ChartPlaceholder height={200} />,
});
export const CompareChart = dynamic(() => import('./compare-chart'), { ssr: false, loading: () => <ChartPlaceholder height={300} /> });
