import { useLocale, useTranslations } from 'next-intl';
import type { BranchSummary } from '@/lib/api/schemas';
import { formatNumber, formatPercent } from '@/lib/format/number';
import { formatChangePct } from '@/lib/format/signed';
import type { ComponentId } from '@/lib/ranking/method';
import { useRankingTexts } from '@/components/ranking/texts';
import { breakSentence } from '@/components/breaks/texts';
import type { AppLocale } from '@/i18n/config';
import type { PlatformBreak } from '@/lib/breaks/model';

const PCT: ReadonlySet<ComponentId> = new Set(['engagement_rate', 'follower_growth']);

/** What it would take to reach the top three, and what lifts or holds back the score. */
export function ToTopBox({
  summary,
  breaks = [],
}: {
  summary: BranchSummary;
  breaks?: readonly (PlatformBreak & { within: { from: string; to: string } })[];
}) {
  const t = useTranslations();
  const locale = useLocale();
  const { ineligible } = useRankingTexts();
  const { detail, rank } = summary;
  const fmt = (c: ComponentId, v: number | null) => (PCT.has(c) ? formatPercent(v, locale) : formatNumber(v, locale, 1));
  const ex = detail.explanation;
  // Engagement is named by the variant the method scores; activity says its cap and the real rate.
  const name = (c: ComponentId) =>
    c === 'engagement_rate' && summary.method.engagement === 'by_followers' ? t('metrics.engagement_by_followers') : t(`components.${c}`);
  const realPerWeek = summary.kpis.find((k) => k.metric === 'posts_per_week')?.value ?? null;
  const cap = summary.method.activityCap;
  const item = (i: NonNullable<typeof ex>['lifts'][number]) => (
    <li key={i.component}>
      {name(i.component)}: {t('branch.vsMedian', { value: fmt(i.component, i.value), median: fmt(i.component, i.median) })}
      {i.component === 'activity' && cap !== undefined && realPerWeek !== null && (
        <> ({t('branch.activityNote', { cap, real: formatNumber(realPerWeek, locale, 1) })})</>
      )}{' '}
      <span className={i.impact >= 0 ? 'chg chg-up' : 'chg chg-down'}>
        {i.impact >= 0 ? '▲' : '▼'} {formatNumber(Math.abs(i.impact), locale, 1)}
      </span>
    </li>
  );
  let headline: string;
  if (!rank.eligible) headline = t('branch.notEligibleBody', { reasons: ineligible(detail.eligibility) });
  else if (detail.pathToTop) {
    const p = detail.pathToTop;
    headline = t('branch.toTopBody', {
      component: name(p.component),
      current: fmt(p.component, p.current),
      target: fmt(p.component, p.target),
      change: formatChangePct(p.changePct, locale),
      rank: p.rank,
    });
  } else if (rank.rank !== null && rank.rank <= 3)
    headline = t('branch.inTop', { lifts: ex?.lifts.map((l) => t(`componentsShort.${l.component}`)).join(', ') || '—' });
  else headline = t('branch.noPath');
  return (
    <section className="card top-box section" aria-labelledby="totop-h" data-testid="to-top">
      <h2 id="totop-h">{t('branch.toTop')}</h2>
      <p style={{ margin: '0 0 8px' }}>{headline}</p>
      {ex && ex.lifts.length > 0 && (
        <>
          <h3 style={{ marginTop: 8 }}>{t('branch.lifts')}</h3>
          <ul className="small">{ex.lifts.slice(0, 3).map(item)}</ul>
        </>
      )}
      {ex && ex.holdsBack.length > 0 && (
        <>
          <h3 style={{ marginTop: 8 }}>{t('branch.holdsBack')}</h3>
          <ul className="small">{ex.holdsBack.slice(0, 3).map(item)}</ul>
        </>
      )}
      {breaks.length > 0 && (
        <div className="small" data-testid="period-breaks" style={{ marginTop: 8 }}>
          <h3 style={{ marginTop: 0 }}>{t('breaks.legend')}</h3>
          <p style={{ margin: '0 0 4px' }}>{t('breaks.inPeriod')}</p>
          <ul style={{ margin: 0 }}>
            {breaks.map((b) => (
              <li key={b.id}>{breakSentence(b, { t }, locale as AppLocale)}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="small" style={{ marginBottom: 0 }}>
        <a href="/methodology">{t('ranking.methodology')}</a>
      </p>
    </section>
  );
}
