'use client';

import dynamic from 'next/dynamic';

// recharts is loaded only where a chart is shown, never in the first paint of
// the ranking; the placeholder has the chart's height so nothing shifts.
function ChartPlaceholder({ height }: { height: number }) {
  return <div className="skeleton" style={{ height, width: '100%' }} aria-hidden="true" />;
}

export const TrendChart = dynamic(() => import('./trend-chart'), { ssr: false, loading: () => <ChartPlaceholder height={280} /> });
export const NetworkAreaChart = dynamic(() => import('./network-area-chart'), { ssr: false, loading: () => <ChartPlaceholder height={240} /> });
export const RankHistoryChart = dynamic(() => import('./rank-history-chart'), { ssr: false, loading: () => <ChartPlaceholder height={200} /> });
export const CompareChart = dynamic(() => import('./compare-chart'), { ssr: false, loading: () => <ChartPlaceholder height={300} /> });
