'use client';

import { ReferenceArea, ReferenceLine } from 'recharts';
import { BREAK_FILL, type BreakSpan } from '@/lib/charts/breaks';

// Platform breaks on a chart (docs/ui.md "Platform breaks on charts"): a shaded
// band over the buckets a break covers, or a dashed line when it falls in one
// bucket. Called as a function inside a chart, so recharts sees its own elements.

export function breakMarks(spans: readonly BreakSpan[]) {
  return spans.map((s) =>
    s.x1 === s.x2 ? (
      <ReferenceLine
        key={`brk-${s.brk.id}`}
        x={s.x1}
        stroke={BREAK_FILL}
        strokeWidth={2}
        strokeDasharray="2 3"
        className="break-mark"
        ifOverflow="hidden"
      />
    ) : (
      <ReferenceArea
        key={`brk-${s.brk.id}`}
        x1={s.x1}
        x2={s.x2}
        fill={BREAK_FILL}
        fillOpacity={0.13}
        stroke={BREAK_FILL}
        strokeOpacity={0.5}
        strokeDasharray="2 3"
        className="break-mark"
        ifOverflow="hidden"
      />
    ),
  );
}
