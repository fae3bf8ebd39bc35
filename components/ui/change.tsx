'use client';

import { useLocale } from '@/i18n/client';
import { direction } from '@/lib/charts/change';
import { DASH } from '@/lib/format/number';
import { formatChangePct, formatPointsChange, formatSigned } from '@/lib/format/signed';

// Changes of a figure; a rank's change is in rank-change.tsx, apart so the ranking
// page's browser code carries only that (docs/benchmarks.md, first-load JavaScript).

/** A percent (or absolute) change with ▲/▼; a missing change is a dash with its reason. */
export function PctChange({
  value,
  abs,
  unit = 'pct',
  missing,
  invert = false,
}: {
  value: number | null | undefined;
  abs?: number | null;
  unit?: 'pct' | 'pp' | 'abs';
  missing?: string;
  /** When lower is better. */
  invert?: boolean;
}) {
  const locale = useLocale();
  const shown = unit === 'pct' ? value : abs;
  const d = direction(shown ?? null);
  if (d === 'none') {
    return (
      <span className="chg chg-none dash" title={missing} aria-label={missing}>
        {DASH}
      </span>
    );
  }
  const good = invert ? d === 'down' : d === 'up';
  const cls = d === 'flat' ? 'chg-flat' : good ? 'chg-up' : 'chg-down';
  const arrow = d === 'up' ? '▲' : d === 'down' ? '▼' : '•';
  const text =
    unit === 'pct' ? formatChangePct(shown, locale) : unit === 'pp' ? formatPointsChange(shown, locale) : formatSigned(shown, locale, 0);
  return (
    <span className={`chg ${cls}`}>
      <span aria-hidden="true">{arrow}</span> {text}
    </span>
  );
}
