import type { DB } from '../../db/client';
import { SERIES_METRICS, type RankingResponse } from '../api/schemas';
import type { Viewer } from '../auth/viewer';
import { getBranchTable } from '../data/series';
import { fileSlug, type ExportLocale } from './cells';
import { getBranchBySlug } from '../data/branches';
import { listTopPosts } from '../data/branch-insights';
import { getBranchContent } from '../data/content';
import {
  contentColumns,
  postColumns,
  rankingAbout,
  rankingColumns,
  seriesColumns,
  type BranchExportQuery,
  type ContentTableRow,
  type PostTableRow,
  type ExportOptions,
  type SeriesTableRow,
} from './definitions';
import { sortRankingRows, type RankingSort } from './ranking-sort';
import { exportResponse, type ExportSpec } from './respond';
import type { RankingRow } from '../api/schemas';
import { bilingual, coverageNote, exportMessage } from './text';
import { listTargets, withProgress } from '../data/targets';
import type { ExportColumn } from './table';

/** The ranking export, shared by the route and the CLI. */
export function rankingExportSpec(
  res: RankingResponse,
  options: ExportOptions,
  locale: ExportLocale,
  sort?: RankingSort,
): ExportSpec<RankingRow> {
  return {
    options,
    locale,
    columns: res.targetsMet ? [...rankingColumns(locale), ...targetColumns(res.targetsMet)] : rankingColumns(locale),
    rows: sort ? sortRankingRows(res.rows, sort, locale) : res.rows,
    basename: fileSlug('podium', 'rankings', res.period.kind, res.period.label.replace('..', '-to-'), res.network, res.district),
    sheetName: bilingual('ranking'),
    about: rankingAbout(res, locale),
  };
}

/** "Targets met n of m" as two columns, for the branches the viewer sees in full (docs/methodology.md, "Targets"). */
function targetColumns(met: NonNullable<RankingResponse['targetsMet']>): ExportColumn<RankingRow>[] {
  return [
    {
      key: 'targets_met',
      header: bilingual('targetsMet'),
      type: 'integer',
      value: (r) => met[String(r.branch.id)]?.met ?? null,
      width: 10,
    },
    { key: 'targets_total', header: bilingual('targets'), type: 'integer', value: (r) => met[String(r.branch.id)]?.of ?? null, width: 10 },
  ];
}

const TARGET_TEXT = {
  metric: {
    follower_growth: bilingual('followerGrowthOverThePeriod'),
    posts_per_week: bilingual('postsAWeekAverageOverThePeriod'),
    views_per_100k: bilingual('viewsPer100kResidentsOverThePeriod'),
  },
  status: {
    met: bilingual('met'),
    missed: bilingual('missed'),
    onTrack: bilingual('onTrack'),
    behind: bilingual('behind'),
    notStarted: bilingual('notStarted'),
    noData: bilingual('noData'),
  },
} as const;

/** One "about" line per target overlapping the export's window: target, figure so far, linear projection, status. */
async function targetAbout(db: DB, viewer: Viewer, branchId: number, from: string, to: string, locale: ExportLocale) {
  const list = await withProgress(db, viewer, await listTargets(db, viewer, { branchId, overlaps: { from, to } }));
  const n = (v: number | null) => (v === null ? '—' : String(Math.round(v * 100) / 100));
  return list.map((x) => ({
    label: `${bilingual('target2')[locale]}: ${TARGET_TEXT.metric[x.metric][locale]}, ${x.from} – ${x.to}`,
    value: exportMessage(locale, 'targetProgress', {
      value: n(x.value),
      current: n(x.progress.current),
      elapsed: x.progress.elapsedDays,
      total: x.progress.totalDays,
      projected: n(x.progress.projected),
      status: TARGET_TEXT.status[x.progress.status][locale],
    }),
  }));
}

/**
 * Every metric of one branch per bucket; undefined when the branch is unknown
 * or the viewer may not see it (the data layer decides).
 */
export async function branchExportSpec(
  db: DB,
  viewer: Viewer,
  slug: string,
  input: BranchExportQuery,
  options: ExportOptions,
  locale: ExportLocale,
): Promise<BranchExport | undefined> {
  if (input.table === 'content') return branchContentSpec(db, viewer, slug, input, options, locale);
  if (input.table === 'posts') return branchPostsSpec(db, viewer, slug, input, options, locale);
  const table = await getBranchTable(db, viewer, slug, input, SERIES_METRICS);
  if (!table) return undefined;
  const rows: SeriesTableRow[] = table.buckets.map((bucket, i) => ({
    bucket,
    values: Object.fromEntries(SERIES_METRICS.map((m) => [m, table.values[m][i] ?? null])),
  }));
  const ru = locale === 'ru';
  const spec: ExportSpec<SeriesTableRow> = {
    options,
    locale,
    columns: seriesColumns(SERIES_METRICS),
    rows,
    basename: fileSlug('podium', 'branch', table.branch.slug, table.granularity, table.from, 'to', table.to, table.network),
    sheetName: bilingual('metrics'),
    about: [
      { label: bilingual('branch')[locale], value: ru ? table.branch.name : table.branch.nameEn },
      { label: bilingual('period')[locale], value: `${table.from} – ${table.to}` },
      { label: bilingual('granularity')[locale], value: table.granularity },
      { label: bilingual('network')[locale], value: table.network },
      { label: bilingual('emptyCell')[locale], value: bilingual('notMeasuredNotZero')[locale] },
      ...sharesAbout(table.network, locale),
      ...(await targetAbout(db, viewer, table.branch.id, table.from, table.to, locale)),
    ],
  };
  return { response: () => exportResponse(spec), branchSlug: table.branch.slug, rows: rows.length, from: table.from, to: table.to };
}

/** A branch export ready to stream (metrics per bucket, the content breakdown or the top posts) and what the audit records of it. */
export interface BranchExport {
  response: () => Response;
  branchSlug: string;
  rows: number;
  from: string;
  to: string;
}

function branchAbout(name: string, input: BranchExportQuery, locale: ExportLocale, extra: { label: string; value: string }[]) {
  return [
    { label: bilingual('branch')[locale], value: name },
    { label: bilingual('period')[locale], value: `${input.from} – ${input.to}` },
    { label: bilingual('network')[locale], value: input.network },
    ...extra,
    { label: bilingual('emptyCell')[locale], value: bilingual('notMeasuredNotZero')[locale] },
    ...sharesAbout(input.network, locale),
  ];
}

/** Why Telegram's shares are empty, in every export that can hold Telegram's figures (docs/collectors.md, telegram). */
function sharesAbout(network: string, locale: ExportLocale): { label: string; value: string }[] {
  return network === 'all' || network === 'telegram'
    ? [{ label: bilingual('shares')[locale], value: coverageNote('telegramForwards', locale) }]
    : [];
}

/** The content-type and network breakdown of a branch's posts in the period (docs/methodology.md "Content analytics"). */
async function branchContentSpec(
  db: DB,
  viewer: Viewer,
  slug: string,
  input: BranchExportQuery,
  options: ExportOptions,
  locale: ExportLocale,
): Promise<BranchExport | undefined> {
  const report = await getBranchContent(db, viewer, slug, { from: input.from!, to: input.to!, network: input.network });
  if (!report || !report.branch) return undefined;
  const rows: ContentTableRow[] = [
    ...report.byType.map((r) => ({ group: 'type' as const, key: r.contentType, ...pickStats(r) })),
    ...report.byNetwork.map((r) => ({ group: 'network' as const, key: r.network, ...pickStats(r) })),
    { group: 'total' as const, key: null, ...pickStats(report.totals) },
  ];
  const ru = locale === 'ru';
  const spec: ExportSpec<ContentTableRow> = {
    options,
    locale,
    columns: contentColumns(locale),
    rows,
    basename: fileSlug('podium', 'branch', report.branch.slug, 'content', input.from!, 'to', input.to!, input.network),
    sheetName: bilingual('contentTypes'),
    about: branchAbout(ru ? report.branch.name : report.branch.nameEn, input, locale, [
      { label: bilingual('timeZone')[locale], value: report.period.timeZone },
      { label: bilingual('method')[locale], value: report.method },
    ]),
  };
  return { response: () => exportResponse(spec), branchSlug: report.branch.slug, rows: rows.length, from: input.from!, to: input.to! };
}

function pickStats(s: Omit<ContentTableRow, 'group' | 'key'>): Omit<ContentTableRow, 'group' | 'key'> {
  return {
    posts: s.posts,
    measuredPosts: s.measuredPosts,
    views: s.views,
    interactions: s.interactions,
    engagementRate: s.engagementRate,
    medianEngagement: s.medianEngagement,
  };
}

/** The branch's top posts of the period by views and by engagement, each with its content type. */
async function branchPostsSpec(
  db: DB,
  viewer: Viewer,
  slug: string,
  input: BranchExportQuery,
  options: ExportOptions,
  locale: ExportLocale,
): Promise<BranchExport | undefined> {
  const branch = await getBranchBySlug(db, viewer, slug);
  if (!branch) return undefined;
  const top = await listTopPosts(db, viewer, branch.id, { from: input.from!, to: input.to!, network: input.network, limit: 20 });
  const rows: PostTableRow[] = [
    ...top.byViews.map((p) => ({ list: 'views' as const, ...p })),
    ...top.byEngagement.map((p) => ({ list: 'engagement' as const, ...p })),
  ];
  const ru = locale === 'ru';
  const spec: ExportSpec<PostTableRow> = {
    options,
    locale,
    columns: postColumns(locale),
    rows,
    basename: fileSlug('podium', 'branch', branch.slug, 'posts', input.from!, 'to', input.to!, input.network),
    sheetName: bilingual('topPosts'),
    about: branchAbout(ru ? branch.name : branch.nameEn, input, locale, []),
  };
  return { response: () => exportResponse(spec), branchSlug: branch.slug, rows: rows.length, from: input.from!, to: input.to! };
}
