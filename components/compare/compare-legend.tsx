'use client';

import { useTranslations } from '@/i18n/client';
import type { LineSpec } from '@/lib/compare/lines';
import { LineSample } from './line-sample';

/** The chart's legend: every line with its colour and dash pattern, in the chips' order, then the reference lines. */
export function CompareLegend({ lines, nameOf }: { lines: LineSpec[]; nameOf: (l: LineSpec) => string }) {
  const t = useTranslations('compareView');
  return (
    <ul className="legend compare-legend" aria-label={t('legend')} data-testid="compare-legend">
      {lines.map((l) => (
        <li key={l.key} data-line={l.key}>
          <LineSample line={l} />
          <span>{nameOf(l)}</span>
        </li>
      ))}
    </ul>
  );
}
