import type { DB } from '../../db/client';
import { SERIES_METRICS, type RankingResponse } from '../api/schemas';
import type { Viewer } from '../auth/viewer';
import { getBranchTable } from '../data/series';
import { fileSlug, type ExportLocale } from './cells';
import {
  rankingAbout,
  rankingColumns,
  seriesColumns,
  type BranchExportQuery,
  type ExportOptions,
  type SeriesTableRow,
} from './definitions';
import { sortRankingRows, type RankingSort } from './ranking-sort';
import type { ExportSpec } from './respond';
import type { RankingRow } from '../api/schemas';
import { bilingual, exportMessage } from './text';
import { listTargets, withProgress } from '../data/targets';
import type { ExportColumn } from './table';

/** The ranking export, shared by the route and the CLI. */
export function rankingExportSpec(res: RankingResponse, options: ExportOptions, locale: ExportLocale, sort?: RankingSort): ExportSpec<RankingRow> {
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
    { key: 'targets_met', header: bilingual('targetsMet'), type: 'integer', value: (r) => met[String(r.branch.id)]?.met ?? null, width: 10 },
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
): Promise<{ spec: ExportSpec<SeriesTableRow>; branchSlug: string; rows: number; from: string; to: string } | undefined> {
  const table = await getBranchTable(db, viewer, slug, input, SERIES_METRICS);
  if (!table) return undefined;
  const rows: SeriesTableRow[] = table.buckets.map((bucket, i) => ({
    bucket,
    values: Object.fromEntries(SERIES_METRICS.map((m) => [m, table.values[m][i] ?? null])),
  }));
  const ru = locale === 'ru';
  return {
    branchSlug: table.branch.slug,
    rows: rows.length,
    from: table.from,
    to: table.to,
    spec: {
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
        ...(await targetAbout(db, viewer, table.branch.id, table.from, table.to, locale)),
      ],
    },
  };
}
