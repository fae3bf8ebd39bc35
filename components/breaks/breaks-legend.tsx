'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import type { AppLocale } from '@/i18n/config';
import type { PlatformBreak } from '@/lib/breaks/model';
import { BREAK_FILL } from '@/lib/charts/breaks';
import { breakSentence } from './texts';

/** The legend entry for platform breaks on a chart, and the breaks named in words (the chart's text alternative). */
export function BreaksLegend({ breaks }: { breaks: readonly PlatformBreak[] }) {
  const t = useTranslations();
  const locale = useLocale() as AppLocale;
  if (breaks.length === 0) return null;
  return (
    <div className="small" data-testid="breaks-legend" style={{ margin: '6px 0 0' }}>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        <svg width="22" height="10" aria-hidden="true">
          <rect
            x="0"
            y="0"
            width="22"
            height="10"
            fill={BREAK_FILL}
            fillOpacity={0.13}
            stroke={BREAK_FILL}
            strokeOpacity={0.5}
            strokeDasharray="2 3"
          />
        </svg>
        <strong>{t('breaks.legend')}</strong>
      </span>
      <ul className="muted" style={{ margin: '2px 0 0', paddingLeft: 18 }}>
        {breaks.map((b) => (
          <li key={b.id}>{breakSentence(b, { t }, locale)}</li>
        ))}
      </ul>
    </div>
  );
}
