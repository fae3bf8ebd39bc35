import { useLocale, useTranslations } from '#i18n';
import type { Eligibility, Explanation, Flag } from '@/lib/api/schemas';
import { formatDay } from '@/lib/format/day';
import { formatNumber, formatRatio, formatShare } from '@/lib/format/number';

type Headline = NonNullable<Explanation['headline']>;

/**
 * Text builders shared by the podium, the table and the branch page. No 'use client':
 * the branch page's to-top box calls it on the server (next-intl's hooks work in both).
 */
export function useRankingTexts() {
  const t = useTranslations();
  const locale = useLocale();

  const reason = (h: Headline | null | undefined): string => {
    if (!h) return t('ranking.noReason');
    const component = t(`components.${h.component}`);
    if (h.ratio !== null && Number.isFinite(h.ratio) && h.ratio > 0)
      return t('ranking.reason', { component, ratio: formatRatio(h.ratio, locale) });
    if (h.percentile !== null) return t('ranking.reasonPercentile', { component, pct: formatShare(h.percentile / 100, locale) });
    return component;
  };

  const ineligible = (e: Eligibility | null | undefined): string => {
    if (!e || e.reasons.length === 0) return t('missing.notRanked');
    return e.reasons
      .map((r) => {
        const isShare = r.code === 'low_coverage';
        const f = (v: number | null) => (v === null ? '—' : isShare ? formatShare(v, locale) : formatNumber(v, locale, 1));
        return t(`reasons.${r.code}`, { actual: f(r.actual), required: f(r.required) });
      })
      .join('; ');
  };

  const flag = (f: Flag): string => {
    const network = f.network ? ` (${t(`networks.${f.network}`)})` : '';
    return t(`flags.${f.kind}`, {
      network,
      value: formatNumber(f.value, locale, 0),
      day: formatDay(f.day, locale),
      until: formatDay(f.until, locale),
    });
  };

  return { reason, ineligible, flag };
}
