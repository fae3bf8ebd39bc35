import { sparkline } from '@/lib/charts/series';

/** A tiny SVG line (no chart library): gaps where values are missing. */
export function Sparkline({
  values,
  width = 140,
  height = 28,
  color = '#0072B2',
  label,
}: {
  values: (number | null)[];
  width?: number;
  height?: number;
  color?: string;
  label?: string;
}) {
  const s = sparkline(values);
  if (s.min === null || s.max === null || values.length < 2) return <svg width={width} height={height} aria-hidden="true" />;
  const span = s.max - s.min || 1;
  const x = (i: number) => (i / (values.length - 1)) * (width - 2) + 1;
  const y = (v: number) => height - 2 - ((v - s.min!) / span) * (height - 4);
  const segments: string[] = [];
  let cur = '';
  s.values.forEach((v, i) => {
    if (v === null) {
      if (cur) segments.push(cur);
      cur = '';
    } else cur += `${cur ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (cur) segments.push(cur);
  return (
    <svg
      width="100%"
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke={color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
      ))}
    </svg>
  );
}
