'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import type { PeriodDto, RankingResponse } from '@/lib/api/schemas';
import { formatDay, formatRange } from '@/lib/format/day';
import { formatShare } from '@/lib/format/number';
import { daysInclusive, maxDay, minDay } from '@/lib/ranking/days';

/**
 * Nobody is ranked in the period: says why (how much of the period has data
 * against the method's coverage rule) and links to the nearest period of the
 * same kind that has a ranking.
 */
export function UnrankedNotice({
  data,
  hrefFor,
  onOpen,
}: {
  data: RankingResponse;
  hrefFor: (p: PeriodDto) => string;
  onOpen: (p: PeriodDto) => void;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const u = data.unranked;
  if (!u) return null;
  const p = data.period;
  const range = formatRange(p.from, p.to, locale);
  // A running period is judged on its elapsed days.
  const elapsed = data.freshness.asOf < p.from ? 0 : daysInclusive(p.from, minDay(p.to, data.freshness.asOf));
  const share = formatShare(u.minCoverage, locale);
  const alt = u.alternative;
  const last = data.freshness.lastDataDay;
  return (
    <div className="banner banner-info" role="status" data-testid="unranked-notice" style={{ flexDirection: 'column', gap: 6 }}>
      <strong>{t('ranking.unranked', { period: range })}</strong>
      <span className="small">
        {u.daysWithData === 0
          ? t('ranking.unrankedNoData')
          : elapsed > 0 && u.daysWithData / elapsed < u.minCoverage
            ? t('ranking.unrankedCoverage', {
                withData: u.daysWithData,
                days: elapsed,
                share,
                range: formatRange(maxDay(p.from, u.firstDataDay ?? p.from), minDay(p.to, last ?? p.to), locale),
              })
            : t('ranking.unrankedRules', { share })}
      </span>
      {alt ? (
        <a
          href={hrefFor(alt)}
          data-testid="unranked-alternative"
          onClick={(e) => {
            e.preventDefault();
            onOpen(alt);
          }}
        >
          {t('ranking.openAlternative', { period: formatRange(alt.from, alt.to, locale) })}
          {last && alt.to > last && <> ({t('period.running', { day: formatDay(last, locale) })})</>} →
        </a>
      ) : (
        <span className="small">{t('ranking.noAlternative')}</span>
      )}
    </div>
  );
}
