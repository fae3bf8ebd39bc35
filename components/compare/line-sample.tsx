import type { LineSpec } from '@/lib/compare/lines';

/** A short stroke in a line's colour and dash pattern, for chips, the legend and the table. */
export function LineSample({ line }: { line: Pick<LineSpec, 'color' | 'dash' | 'width'> }) {
  return (
    <svg width="28" height="8" aria-hidden="true" style={{ flex: 'none' }}>
      <line x1="0" y1="4" x2="28" y2="4" stroke={line.color} strokeWidth={line.width} strokeDasharray={line.dash || undefined} />
    </svg>
  );
}
