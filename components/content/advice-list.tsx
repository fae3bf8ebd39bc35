import { useLocale, useTranslations } from 'next-intl';
import type { Advice } from '@/lib/content/analytics';
import { MIN_POSTS, MIN_POSTS_FOR_ADVICE } from '@/lib/content/analytics';
import { formatNumber } from '@/lib/format/number';
import type { AppLocale } from '@/i18n/config';
import { hourLabel } from './heatmap-table';

// Recommendations, each stated with its evidence: how far the group's median is
// from the overall one and how many posts it rests on (docs/methodology.md).
/** `scope`: "own" speaks of "your median" (one branch), "all" of the overall median (several branches). */
export function AdviceList({ advice, measured, scope }: { advice: Advice[]; measured: number; scope: 'own' | 'all' }) {
  const t = useTranslations('content');
  const tn = useTranslations('networks');
  const locale = useLocale() as AppLocale;
  const f = (a: Advice) => ({
    ratio: formatNumber(a.ratio, locale, 1),
    posts: a.groupPosts,
    total: a.totalPosts,
    whose: t(`whose.${scope}`),
    whose2: t(`whose2.${scope}`),
  });
  const text = (a: Advice) => {
    switch (a.kind) {
      case 'type':
        return t(a.direction === 'more' ? 'adviceTypeMore' : 'adviceTypeLess', { ...f(a), type: t(`types.${a.contentType}`) });
      case 'network':
        return t(a.direction === 'more' ? 'adviceNetworkMore' : 'adviceNetworkLess', { ...f(a), network: tn(a.network) });
      case 'hour':
        return t('adviceHour', { ...f(a), from: hourLabel(a.hour), to: hourLabel((a.hour + 1) % 24) });
      case 'weekday':
        return t('adviceWeekday', { ...f(a), day: t(`weekdaysPlural.${String(a.weekday) as '1' | '2' | '3' | '4' | '5' | '6' | '7'}`) });
    }
  };
  return (
    <div data-testid="content-advice">
      <h3>{t('adviceTitle')}</h3>
      {advice.length === 0 ? (
        <p className="muted small">{t('adviceNone', { min: MIN_POSTS_FOR_ADVICE, group: MIN_POSTS })}</p>
      ) : (
        <>
          <ul className="advice">
            {advice.map((a, i) => (
              <li key={i}>{text(a)}</li>
            ))}
          </ul>
          <p className="muted small">{t('adviceBasis', { total: measured })}</p>
        </>
      )}
    </div>
  );
}
