'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { useSearchParams } from 'next/navigation';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { RankingResponse, RankingRow } from '@/lib/api/schemas';
import { COMPONENT_COLORS } from '@/lib/charts/component-colors';
import { formatDay, formatRange } from '@/lib/format/day';
import { formatFixed } from '@/lib/format/number';
import { FEDERAL_DISTRICTS, type FederalDistrict } from '@/lib/networks';
import { useCurrentPublication, useRankings } from '@/lib/query/ranking-hooks';
import type { PublishedRanking } from '@/lib/publications/schema';
import { PublishForm, PublishJump } from '@/components/publications/publish-form';
import { defaultDir, parseRankingState, rankingQuery, rankingSearch, type RankingState, type SortKey } from '@/lib/query/ranking-state';
import { periodSearch } from '@/lib/query/url-state';
import { COMPONENT_IDS } from '@/lib/ranking/component-ids';
import { ErrorState, EmptyState } from '@/components/ui/states';
import { ExportMenu } from '@/components/export/export-menu';
import { PackNowButton } from '@/components/packs/pack-now-button';
import { rankingExportHref, rankingReportHref } from '@/lib/export/ranking-links';
import { PeriodFilter } from './period-filter';
import { Podium, PodiumSkeleton } from './podium';
import { IneligibleTable, RankingTable, TableSkeleton } from './ranking-table';
import { RankRange } from './uncertainty-note';
import { staleDataEnd } from './stale';

// Shown only in some states: a publication in force, data older than two days,
// a period nobody is ranked in yet. Their code loads when one is shown (the
// server renders them into the HTML all the same; docs/benchmarks.md, first-load JavaScript).
const PublicationBar = lazy(() => import('@/components/publications/publication-bar').then((m) => ({ default: m.PublicationBar })));
const StaleBanner = lazy(() => import('./stale-banner').then((m) => ({ default: m.StaleBanner })));
const UnrankedNotice = lazy(() => import('./unranked-notice').then((m) => ({ default: m.UnrankedNotice })));

export interface RankingViewProps {
  initial: RankingResponse | null;
  /** The search string the initial data answers. */
  initialSearch: string;
  ownBranchId: number | null;
  coordinator: boolean;
  nowIso: string;
  /** Central staff and admins can make a meeting pack of the screen. */
  canPack?: boolean;
  /** The published ranking in force for the initial search (null: none; undefined: not looked up). */
  initialPublished?: PublishedRanking | null;
  /** Central staff and admins see the publish form. */
  canPublish?: boolean;
}

/** The home page below the title: filters, podium, table. State lives in the URL. */
export function RankingView({
  initial,
  initialSearch,
  ownBranchId,
  coordinator,
  nowIso,
  canPack = false,
  initialPublished,
  canPublish = false,
}: RankingViewProps) {
  const t = useTranslations();
  const locale = useLocale();
  const params = useSearchParams();
  const state = useMemo(() => parseRankingState(new URLSearchParams(params?.toString() ?? '')), [params]);
  const query = rankingQuery(state);
  const sameAsInitial = rankingSearch({ ...state, sort: 'rank', dir: 'asc' }) === initialSearch;
  const q = useRankings(query, sameAsInitial && initial ? initial : undefined);

  const setState = useCallback((next: RankingState) => {
    // Next.js syncs useSearchParams with the native history API: no server round trip.
    window.history.pushState(null, '', `${window.location.pathname}${rankingSearch(next)}`);
  }, []);

  const onSort = (k: SortKey) => {
    const dir = state.sort === k ? (state.dir === 'asc' ? 'desc' : 'asc') : defaultDir(k);
    window.history.replaceState(null, '', `${window.location.pathname}${rankingSearch({ ...state, sort: k, dir })}`);
  };

  // A published period shows its publication unless the URL asks for the current data (view=live).
  const pub = useCurrentPublication(query, sameAsInitial && initialPublished !== undefined ? { ranking: initialPublished } : undefined);
  const published = pub.data?.ranking ?? null;
  const showing = published && state.view !== 'live' ? 'published' : 'live';
  const data = pub.isPending ? undefined : showing === 'published' && published ? published : q.data;
  const hrefFor = (row: RankingRow) => (row.detail ? `/branches/${row.branch.slug}${periodSearch(state)}` : null);
  const ranked = data?.rows.filter((r) => r.eligible) ?? [];
  const notRanked = data?.rows.filter((r) => !r.eligible) ?? [];
  const detailColumns = !coordinator;
  const ownRow = ownBranchId === null ? undefined : data?.rows.find((r) => r.branch.id === ownBranchId);
  const period = data ? formatRange(data.period.from, data.period.to, locale) : '';

  return (
    <>
      <div className="filters no-print" data-testid="filters">
        <PeriodFilter state={state} resolved={data?.period ?? null} latestDay={data?.freshness.lastDataDay ?? null} onChange={setState} />
        <label className="field">
          <span>{t('filters.district')}</span>
          <select
            className="select"
            value={state.district ?? ''}
            data-testid="district-filter"
            onChange={(e) => setState({ ...state, district: (e.target.value || undefined) as FederalDistrict | undefined })}
          >
            <option value="">{t('filters.allDistricts')}</option>
            {FEDERAL_DISTRICTS.map((d) => (
              <option key={d} value={d}>
                {t(`districts.${d}`)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {published && !pub.isPending && (
        <Suspense>
          <PublicationBar
            meta={published.publication}
            showing={showing}
            onShow={(v) => setState({ ...state, view: v === 'live' ? 'live' : undefined })}
          />
        </Suspense>
      )}
      {data && (
        <p className="page-sub" data-testid="period-label">
          <strong>{period}</strong>
          {' · '}
          {state.network === 'all' ? t('filters.allNetworks') : t(`networks.${state.network}`)}
          {' · '}
          {t('period.vsPrevious', { range: formatRange(data.previousPeriod.from, data.previousPeriod.to, locale) })}
          {data.freshness.asOf < data.period.to && data.freshness.asOf >= data.period.from && (
            <> · {t('period.running', { day: formatDay(data.freshness.asOf, locale) })}</>
          )}
          {' · '}
          <a href="/methodology">
            {t('ranking.methodology')} ({data.method.label})
          </a>
          {canPublish && showing === 'live' && data.counts.eligible > 0 && (
            <>
              {' · '}
              <PublishJump correction={published !== null} />
            </>
          )}
        </p>
      )}
      {data && data.rows.length > 0 && (
        <div className="export-row">
          <ExportMenu href={rankingExportHref(data, state, showing)} reportHref={rankingReportHref(data, showing)} />
          {canPack && <PackNowButton period={data.period.label} network={data.network} district={data.district} source={showing} />}
        </div>
      )}
      <div className="print-only small">
        {data && t('print.dataAsOf', { day: formatDay(data.freshness.lastDataDay ?? data.freshness.asOf, locale) })}
      </div>

      {data && showing === 'live' && staleDataEnd(data.freshness.lastDataDay, nowIso) !== null && (
        <Suspense>
          <StaleBanner lastDataDay={data.freshness.lastDataDay} nowIso={nowIso} />
        </Suspense>
      )}

      {q.isError && !data ? (
        <ErrorState onRetry={() => void q.refetch()} message={q.error.message} minHeight={420} />
      ) : !data ? (
        <>
          <PodiumSkeleton />
          <TableSkeleton />
        </>
      ) : data.rows.length === 0 ? (
        <EmptyState title={t('ranking.noRows')} minHeight={300}>
          {t('ranking.noRowsHint')}
        </EmptyState>
      ) : (
        <div className={q.isFetching && q.isPlaceholderData ? 'is-fetching' : undefined} aria-busy={q.isFetching || undefined}>
          {q.isError && <ErrorState onRetry={() => void q.refetch()} message={q.error.message} />}
          {ownRow && (
            <p className="banner banner-info" data-testid="own-branch">
              <span aria-hidden="true">★</span>
              <span>
                {t('ranking.ownBranch')}:{' '}
                <a href={hrefFor(ownRow) ?? '#'}>
                  <strong>{locale === 'en' ? ownRow.branch.nameEn : ownRow.branch.name}</strong>
                </a>{' '}
                —{' '}
                {ownRow.eligible && ownRow.rank !== null ? (
                  <>
                    {t('ranking.place', { place: ownRow.rank })} <RankRange range={ownRow.rankRange} />, {t('ranking.score').toLowerCase()}{' '}
                    {formatFixed(ownRow.score, locale, 1)}
                  </>
                ) : (
                  t('ranking.ineligible')
                )}
              </span>
            </p>
          )}
          {ranked.length === 0 && data.unranked ? (
            <Suspense>
              <UnrankedNotice
                data={data}
                hrefFor={(p) => `/${rankingSearch({ ...state, period: p.kind, date: p.from })}`}
                onOpen={(p) => setState({ ...state, period: p.kind, date: p.from, from: undefined, to: undefined })}
              />
            </Suspense>
          ) : ranked.length === 0 ? (
            <EmptyState title={t('ranking.noRows')} minHeight={240}>
              {t('ranking.noRowsHint')}
              {data.freshness.lastDataDay && <> {t('ranking.lastData', { day: formatDay(data.freshness.lastDataDay, locale) })}</>}
            </EmptyState>
          ) : (
            <>
              {!state.district && <Podium data={data} hrefFor={hrefFor} />}
              <section className="section" aria-labelledby="table-h">
                <div className="section-head">
                  <h2 id="table-h">{t('ranking.table')}</h2>
                  <span className="small muted">
                    {t('ranking.tableCaption', { period, eligible: data.counts.eligible, total: data.counts.branches })}
                  </span>
                </div>
                {state.district && <p className="small muted">{t('ranking.districtNote')}</p>}
                {detailColumns && (
                  <ul className="legend" aria-label={t('ranking.barLegend')}>
                    {(data.method.components ?? COMPONENT_IDS).map((c) => (
                      <li key={c}>
                        <span className="swatch" style={{ background: COMPONENT_COLORS[c] }} aria-hidden="true" />
                        {t(`componentsShort.${c}`)}
                      </li>
                    ))}
                  </ul>
                )}
                {coordinator && <p className="small muted">{t('ranking.hidden')}</p>}
                <RankingTable
                  rows={ranked}
                  sort={state.sort}
                  dir={state.dir}
                  onSort={onSort}
                  ownBranchId={ownBranchId}
                  detailColumns={detailColumns}
                  hrefFor={hrefFor}
                  caption={t('ranking.tableCaption', { period, eligible: data.counts.eligible, total: data.counts.branches })}
                  engagement={data.method.engagement}
                  activityCap={data.method.activityCap}
                  uncertainty={data.robustness.data}
                  targetsMet={data.targetsMet}
                />
              </section>
            </>
          )}
          <IneligibleTable rows={notRanked} ownBranchId={ownBranchId} hrefFor={hrefFor} />
        </div>
      )}
      {canPublish && q.data && q.data.counts.eligible > 0 && !pub.isPending && (showing === 'live' || !published) && (
        <PublishForm
          key={`${q.data.period.from}:${q.data.period.to}:${q.data.network}:${published?.publication.id ?? 0}`}
          period={q.data.period}
          network={q.data.network}
          method={q.data.method.label}
          supersedes={published?.publication.id ?? null}
        />
      )}
    </>
  );
}
