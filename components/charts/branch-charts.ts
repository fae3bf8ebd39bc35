// The branch page's three charts as one module, so lazy.tsx loads them as one
// chunk: recharts' Line would otherwise ship twice, in the trend's chunk and in
// the rank history's (docs/benchmarks.md, first-load JavaScript).
export { default as NetworkAreaChart } from './network-area-chart';
export { default as RankHistoryChart } from './rank-history-chart';
export { default as TrendChart } from './trend-chart';
