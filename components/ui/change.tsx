'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { direction } from '@/lib/charts/change';
import { DASH, formatChangePct, formatPointsChange, formatSigned } from '@/lib/format/number';

/** Places gained or lost: ▲ 3 / ▼ 2 / = ; a dash says why there is none. Colour always with the arrow. */
export function RankChange({ change, reason }: { change: number | null | undefined; reason?: string }) {
  const t = useTranslations('ranking');
  if (typeof change !== 'number' || !Number.isFinite(change)) {
    const why = reason ?? t('changeNew');
    return (
      <span className="chg chg-none dash" title={why} aria-label={why}>
        {DASH}
      </span>
    );
  }
  return <RankChangeInner change={change} />;
}

function RankChangeInner({ change }: { change: number }) {
  const t = useTranslations('ranking');
  if (change > 0)
    return (
      <span className="chg chg-up" aria-label={t('changeUp', { n: change })} title={t('changeUp', { n: change })}>
        ▲ {change}
      </span>
    );
  if (change < 0)
    return (
      <span className="chg chg-down" aria-label={t('changeDown', { n: -change })} title={t('changeDown', { n: -change })}>
        ▼ {-change}
      </span>
    );
  return (
    <span className="chg chg-flat" aria-label={t('changeSame')} title={t('changeSame')}>
      —
    </span>
  );
}

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
