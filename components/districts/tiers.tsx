'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import type { DistrictView } from '@/lib/districts/schema';
import { columnFormatter } from '@/lib/format/column';

/** Four tiers of one blue (ColorBrewer "Blues", readable by colour-blind viewers); neutral tiles are grey. */
export const TIER_COLORS = ['#deebf7', '#9ecae1', '#4292c6', '#08519c'] as const;
export const tileText = (tier: number) => (tier >= 3 ? '#ffffff' : '#1b2430');

/** The map's legend: each tier's range with its unit, and what a grey tile means. */
export function TierLegend({ view, unit }: { view: DistrictView; unit: string }) {
  const t = useTranslations('districtView');
  const locale = useLocale();
  const th = view.thresholds;
  // The legend's bounds share one number of fraction digits (lib/format/column.ts).
  const f = columnFormatter(th ?? [], locale);
  return (
    <ul className="legend" aria-label={t('legend')} data-testid="tier-legend">
      {th &&
        TIER_COLORS.map((c, i) => (
          <li key={c}>
            <span className="tier-swatch" style={{ background: c }} aria-hidden="true" />
            {i === 0
              ? t('below', { v: f(th[0]) })
              : i === 3
                ? t('atLeast', { v: f(th[2]) })
                : t('between', { a: f(th[i - 1]), b: f(th[i]) })}
          </li>
        ))}
      <li>
        <span className="tier-swatch tile-neutral" aria-hidden="true" />
        {t('neutral')}
      </li>
      <li className="muted">{unit}</li>
    </ul>
  );
}
