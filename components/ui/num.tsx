'use client';

import { useLocale } from '@/i18n/client';
import { compactFormatter } from '@/lib/format/compact-along';
import { DASH, formatCompact, formatFixed, formatNumber, formatPercent, formatShare, isNumber } from '@/lib/format/number';

export type NumKind = 'number' | 'compact' | 'percent' | 'share' | 'integer';

/**
 * A figure for the screen: compact where asked (KPI cards, never a table column),
 * with the exact value in the title; otherwise a fixed number of fraction digits,
 * so every row of a column agrees (lib/format/column.ts). A missing value is an
 * em dash whose title says why.
 */
export function Num({
  value,
  kind = 'number',
  missing,
  digits,
  along,
}: {
  value: number | null | undefined;
  kind?: NumKind;
  missing?: string;
  digits?: number;
  /** Compact figures shown beside this one: all take one unit (lib/format/column.ts). */
  along?: readonly (number | null | undefined)[];
}) {
  const locale = useLocale();
  if (!isNumber(value)) {
    return (
      <span className="dash" title={missing} aria-label={missing}>
        {DASH}
      </span>
    );
  }
  if (kind === 'compact') {
    const text = along ? compactFormatter([value, ...along], locale)(value) : formatCompact(value, locale);
    const exact = formatNumber(value, locale, 2);
    return (
      <span className="tnum" title={text === exact ? undefined : exact}>
        {text}
      </span>
    );
  }
  const text =
    kind === 'percent'
      ? formatPercent(value, locale, digits ?? 1)
      : kind === 'share'
        ? formatShare(value, locale, digits ?? 0)
        : formatFixed(value, locale, kind === 'integer' ? 0 : (digits ?? 1));
  return <span className="tnum">{text}</span>;
}
