'use client';

import { lazy, Suspense, useSyncExternalStore, type ComponentType } from 'react';

// recharts is loaded only where a chart is shown, never in the first paint of
// the ranking; the placeholder has the chart's height so nothing shifts.
// React.lazy instead of next/dynamic: the same client-only loading without
// next/dynamic's loader in the page's chunk (docs/benchmarks.md, first-load JavaScript).
function ChartPlaceholder({ height }: { height: number }) {
  return <div className="skeleton" style={{ height, width: '100%' }} aria-hidden="true" />;
}

const noSubscription = () => () => {};

/** False on the server and while hydrating, true after: charts are drawn in the browser only. */
function useInBrowser(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

function clientOnly<P extends object>(load: () => Promise<ComponentType<P>>, height: number): ComponentType<P> {
  const Chart = lazy(() => load().then((component) => ({ default: component })));
  const placeholder = <ChartPlaceholder height={height} />;
  return function ClientOnlyChart(props: P) {
    if (!useInBrowser()) return placeholder;
    return (
      <Suspense fallback={placeholder}>
        <Chart {...props} />
      </Suspense>
    );
  };
}

// The branch page's charts share one chunk (./branch-charts).
export const TrendChart = clientOnly(() => import('./branch-charts').then((m) => m.TrendChart), 280);
export const NetworkAreaChart = clientOnly(() => import('./branch-charts').then((m) => m.NetworkAreaChart), 240);
export const RankHistoryChart = clientOnly(() => import('./branch-charts').then((m) => m.RankHistoryChart), 200);
export const CompareChart = clientOnly(() => import('./compare-chart').then((m) => m.default), 300);
