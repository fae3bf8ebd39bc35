import type { Network } from '../networks';
import type { TrendRow } from './series';

/** One bucket of a stacked network chart. */
export interface StackRow {
  bucket: string;
  /** What each network measured (null: no data that day). */
  measured: Partial<Record<Network, number | null>>;
  /** True when a network shown has no data: the stack's height is unknown. */
  gap: boolean;
  /** The stack's height; null in a gap. */
  total: number | null;
  /** The values drawn, one key per network: all null in a gap, so every layer breaks there. */
  [network: string]: unknown;
}

/**
 * Rows for a stacked area chart per network (docs/ui.md, "Charts"): a bucket in which any
 * shown network has no value draws as a gap in every layer, because the layers above it would
 * otherwise drop by the missing value and draw a cliff that is not in the data. NULL is never 0.
 */
export function stackWithGaps(rows: TrendRow[], networks: readonly Network[]): StackRow[] {
  return rows.map((r) => {
    const measured = Object.fromEntries(networks.map((n) => [n, r.networks[n] ?? null])) as Partial<Record<Network, number | null>>;
    const gap = networks.some((n) => measured[n] === null);
    const total = gap ? null : networks.reduce((sum, n) => sum + (measured[n] as number), 0);
    return { bucket: r.bucket, measured, gap, total, ...Object.fromEntries(networks.map((n) => [n, gap ? null : measured[n]])) };
  });
}

/** Whether any bucket is a gap (the chart's legend then explains the break). */
export function hasGap(rows: TrendRow[], networks: readonly Network[]): boolean {
  return stackWithGaps(rows, networks).some((r) => r.gap);
}
