import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { AppLink } from '@/components/ui/app-link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { BranchFilters } from '@/components/branch/branch-filters';
import { KpiCards } from '@/components/branch/kpi-cards';
import { RankHistory } from '@/components/branch/rank-history';
import { TopPosts } from '@/components/branch/top-posts';
import { BranchContent } from '@/components/content/branch-content';
import { PlaybookSection } from '@/components/branch/playbook';
import { getPlaybook } from '@/lib/data/playbook';
import { BranchTargets } from '@/components/targets/branch-targets';
import { ToTopBox } from '@/components/branch/to-top-box';
import { TrendPanel } from '@/components/branch/trend-panel';
import { ExportMenu } from '@/components/export/export-menu';
import { AccountsTable } from '@/components/health/accounts-table';
import { StaleBanner } from '@/components/ranking/stale-banner';
import { RankChange } from '@/components/ui/rank-change';
import { getDb } from '@/db/client';
import { branchSlugSchema, summaryQuerySchema, type Granularity, type Kpi, type SeriesMetric } from '@/lib/api/schemas';
import { getViewer, requirePageViewer } from '@/lib/auth/session';
import { getBranchBySlug } from '@/lib/data/branches';
import { listMonthlyRankHistory, listTopPosts } from '@/lib/data/branch-insights';
import { listBreaks } from '@/lib/data/breaks';
import { breaksInRange } from '@/lib/breaks/model';
import { listAccountHealth } from '@/lib/data/health';
import { getBranchSeries } from '@/lib/data/series';
import { getBranchSummary } from '@/lib/data/summary';
import { carryStock } from '@/lib/charts/series';
import { branchExportHref } from '@/lib/export/links';
import { formatDay, formatRange } from '@/lib/format/day';
import { formatFixed, formatNumber } from '@/lib/format/number';
import { parsePeriodState, periodSearch } from '@/lib/query/url-state';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  // The branch's name in the UI language; the viewer's scope decides, as on the page itself.
  const viewer = await getViewer().catch(() => null);
  const b = viewer && branchSlugSchema.safeParse(slug).success ? await getBranchBySlug(getDb(), viewer, slug) : undefined;
  if (!b) return {};
  return { title: (await getLocale()) === 'en' ? b.nameEn : b.name };
}

/**
 * Series granularity that gives a readable number of points for a period
 * length. Quarters are drawn by day: ISO weeks straddle a quarter's edges, and
 * a week cut to the quarter's days would draw as a false drop.
 */
function granularityFor(days: number): Granularity {
  return days <= 92 ? 'day' : days <= 190 ? 'week' : 'month';
}

// The series drawn under each KPI; ER by followers has none (its denominator is not a daily figure).
const SPARK_METRIC: Partial<Record<Kpi['metric'], SeriesMetric>> = {
  followers: 'followers',
  follower_growth: 'followers',
  views: 'views',
  interactions: 'interactions',
  engagement_rate: 'engagement_rate',
  posts: 'posts',
  posts_per_week: 'posts',
  visits: 'visits',
  social_visits: 'social_visits',
};

// Branch page: KPIs, trends, rank history, top posts, accounts, path to the top three.
export default async function BranchPage({ params, searchParams }: Props) {
  const [{ slug }, sp] = await Promise.all([params, searchParams]);
  const state = parsePeriodState(sp);
  const viewer = await requirePageViewer(`/branches/${slug}${periodSearch(state)}`);
  if (!branchSlugSchema.safeParse(slug).success) notFound();
  const parsed = summaryQuerySchema.safeParse({
    period: state.period,
    date: state.date,
    from: state.from,
    to: state.to,
    network: state.network,
  });
  if (!parsed.success) notFound();
  const db = getDb();
  const summary = await getBranchSummary(db, viewer, slug, parsed.data);
  if (!summary) notFound();

  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const { period, branch } = summary;
  const g = granularityFor(period.days);
  const window = { from: period.from, to: period.to, granularity: g, network: state.network };
  const sparkMetrics = [...new Set(summary.kpis.map((k) => SPARK_METRIC[k.metric]).filter((m): m is SeriesMetric => m !== undefined))];
  const [seriesList, posts, history, accounts, playbook, breaks] = await Promise.all([
    Promise.all(sparkMetrics.map((metric) => getBranchSeries(db, viewer, slug, { ...window, metric }))),
    listTopPosts(db, viewer, branch.id, { from: period.from, to: period.to, network: state.network }),
    listMonthlyRankHistory(db, viewer, slug, { to: period.to, network: state.network }),
    listAccountHealth(db, viewer, { branchId: branch.id }),
    // Only for a ranked branch outside the top three (null otherwise).
    getPlaybook(db, viewer, slug, parsed.data),
    listBreaks(db),
  ]);
  const periodBreaks = breaksInRange(breaks, period.from, period.to, state.network);
  const seriesBy = new Map(sparkMetrics.map((m, i) => [m, seriesList[i]]));
  const followers = seriesBy.get('followers');
  if (followers) seriesBy.set('followers', carryStock(followers));
  const sparks = Object.fromEntries(
    summary.kpis.map((k) => [
      k.metric,
      (SPARK_METRIC[k.metric] && seriesBy.get(SPARK_METRIC[k.metric]!)?.points.map((p) => p.value)) ?? [],
    ]),
  );
  const name = locale === 'en' ? branch.nameEn : branch.name;
  const nowIso = new Date().toISOString();
  const r = summary.rank;

  return (
    <main className="container">
      <p className="small no-print" style={{ margin: '0 0 4px' }}>
        <AppLink href={`/${periodSearch(state)}`}>← {t('nav.ranking')}</AppLink>
      </p>
      <div className="page-head">
        <div>
          <h1 data-testid="branch-name">{name}</h1>
          <p className="page-sub">
            {t(`districts.${branch.federalDistrict}`)} · {t('branch.population')}: {formatNumber(branch.population, locale, 0)} ·{' '}
            <strong>{formatRange(period.from, period.to, locale)}</strong> ·{' '}
            {t('period.vsPrevious', { range: formatRange(summary.previousPeriod.from, summary.previousPeriod.to, locale) })}
            {summary.freshness.asOf < period.to && summary.freshness.asOf >= period.from && (
              <> · {t('period.running', { day: formatDay(summary.freshness.asOf, locale) })}</>
            )}
          </p>
        </div>
        <div className="card" style={{ padding: '8px 14px', minWidth: 180 }} data-testid="branch-rank">
          <div className="kpi-label">{t('branch.rank')}</div>
          {r.eligible && r.rank !== null ? (
            <div>
              <span className="kpi-value">{r.rank}</span> <span className="muted small">{t('branch.rankOf', { of: r.of })}</span>{' '}
              <RankChange change={r.change} reason={t('ranking.changeNew')} />
              <div className="small muted">
                {t('ranking.score')}: {formatFixed(r.score, locale, 1)} ·{' '}
                <a href="/methodology" className="small">
                  {summary.method.label}
                </a>
              </div>
            </div>
          ) : (
            <div className="kpi-value muted">{t('branch.notRanked')}</div>
          )}
        </div>
      </div>
      <p className="print-only small">
        {t('print.dataAsOf', { day: formatDay(summary.freshness.lastDataDay ?? summary.freshness.asOf, locale) })}
      </p>
      <StaleBanner lastDataDay={summary.freshness.lastDataDay} nowIso={nowIso} />
      <BranchFilters state={state} resolved={period} latestDay={summary.freshness.lastDataDay} />
      <ExportMenu href={branchExportHref(branch.slug, window)} />
      <KpiCards kpis={summary.kpis} sparks={sparks} />
      <div className="two-col">
        <TrendPanel slug={slug} window={window} initial={seriesBy.get('views') ?? null} breaks={breaks} />
        <div>
          <ToTopBox summary={summary} breaks={periodBreaks} />
          <RankHistory points={history} breaks={breaks} network={state.network} />
        </div>
      </div>
      {playbook && <PlaybookSection playbook={playbook} />}
      <BranchTargets db={db} viewer={viewer} branch={branch} period={period} />
      <TopPosts byViews={posts.byViews} byEngagement={posts.byEngagement} />
      <Suspense fallback={<section className="section card skeleton" style={{ minHeight: 240 }} aria-busy="true" />}>
        <BranchContent viewer={viewer} slug={slug} from={period.from} to={period.to} network={state.network} />
      </Suspense>
      <section className="section" aria-labelledby="acc-h">
        <div className="section-head">
          <h2 id="acc-h">{t('branch.accounts')}</h2>
          <AppLink href={`/compare?branches=${slug}`} className="small no-print">
            {t('branch.compareWith')} →
          </AppLink>
        </div>
        <AccountsTable accounts={accounts} nowIso={nowIso} caption={t('branch.accounts')} />
      </section>
    </main>
  );
}
