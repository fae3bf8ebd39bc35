'use client';

import { useTranslations } from '@/i18n/client';
import { DASH } from '@/lib/format/number';

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
