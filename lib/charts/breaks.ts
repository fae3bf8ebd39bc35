import type { PlatformBreak } from '@/lib/breaks/model';
import { breaksInRange } from '@/lib/breaks/model';
import type { Network } from '@/lib/networks';
import { bucketEnd, bucketStart, type Granularity } from '@/lib/ranking/period';

// Where a chart draws platform breaks (docs/ui.md "Platform breaks on charts").
// Charts have a category x axis of bucket starts, so a break is drawn from the
// bucket holding its first day to the bucket holding its last, both clipped to
// the chart's buckets. Pure.

/** The colour of break marks and their legend swatch (kept here so the legend does not pull in recharts). */
export const BREAK_FILL = '#8a6d1a';

export interface BreakSpan<B extends PlatformBreak = PlatformBreak> {
  brk: B;
  /** Bucket starts present on the chart's axis. */
  x1: string;
  x2: string;
}

/**
 * The spans of the breaks that touch a chart's buckets (sorted ascending) for a
 * network scope. A chart with no buckets draws none.
 */
export function breakSpans<B extends PlatformBreak>(
  breaks: readonly B[],
  bucketStarts: readonly string[],
  g: Granularity,
  scope: Network | 'all' = 'all',
): BreakSpan<B>[] {
  if (bucketStarts.length === 0) return [];
  const axis = [...bucketStarts].sort();
  const spans: BreakSpan<B>[] = [];
  for (const b of breaksInRange(breaks, axis[0]!, bucketEnd(axis[axis.length - 1]!, g), scope)) {
    const start = bucketStart(b.within.from, g);
    const end = bucketStart(b.within.to, g);
    // An axis may skip buckets (a month with no ranking): snap inwards to the points it has.
    const x1 = axis.find((x) => x >= start);
    const x2 = axis.findLast((x) => x <= end);
    if (x1 !== undefined && x2 !== undefined && x1 <= x2) spans.push({ brk: b, x1, x2 });
  }
  return spans;
}
