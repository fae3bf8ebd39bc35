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
    sheetName: { ru: 'Рейтинг', en: 'Ranking' },
    about: rankingAbout(res, locale),
  };
}

/** "Targets met n of m" as two columns, for the branches the viewer sees in full (docs/methodology.md, "Targets"). */
function targetColumns(met: NonNullable<RankingResponse['targetsMet']>): ExportColumn<RankingRow>[] {
  return [
    { key: 'targets_met', header: { ru: 'Целей выполнено', en: 'Targets met' }, type: 'integer', value: (r) => met[String(r.branch.id)]?.met ?? null, width: 10 },
    { key: 'targets_total', header: { ru: 'Целей всего', en: 'Targets' }, type: 'integer', value: (r) => met[String(r.branch.id)]?.of ?? null, width: 10 },
  ];
}

const TARGET_TEXT = {
  metric: {
    follower_growth: { ru: 'Рост подписчиков, % за период', en: 'Follower growth, % over the period' },
    posts_per_week: { ru: 'Публикаций в неделю (среднее за период)', en: 'Posts a week (average over the period)' },
    views_per_100k: { ru: 'Просмотры на 100 тыс. жителей за период', en: 'Views per 100k residents over the period' },
  },
  status: {
    met: { ru: 'выполнена', en: 'met' },
    missed: { ru: 'не выполнена', en: 'missed' },
    onTrack: { ru: 'идёт к выполнению', en: 'on track' },
    behind: { ru: 'отстаёт', en: 'behind' },
    notStarted: { ru: 'период не начался', en: 'not started' },
    noData: { ru: 'нет данных', en: 'no data' },
  },
} as const;

/** One "about" line per target overlapping the export's window: target, figure so far, linear projection, status. */
async function targetAbout(db: DB, viewer: Viewer, branchId: number, from: string, to: string, locale: ExportLocale) {
  const list = await withProgress(db, viewer, await listTargets(db, viewer, { branchId, overlaps: { from, to } }));
  const ru = locale === 'ru';
  const n = (v: number | null) => (v === null ? '—' : String(Math.round(v * 100) / 100));
  return list.map((x) => ({
    label: `${ru ? 'Цель' : 'Target'}: ${TARGET_TEXT.metric[x.metric][locale]}, ${x.from} – ${x.to}`,
    value: ru
      ? `${n(x.value)} (сейчас ${n(x.progress.current)}; прогноз на конец периода, линейный по прошедшим ${x.progress.elapsedDays} из ${x.progress.totalDays} дн.: ${n(x.progress.projected)}; ${TARGET_TEXT.status[x.progress.status].ru})`
      : `${n(x.value)} (so far ${n(x.progress.current)}; projected to the period's end, linear on ${x.progress.elapsedDays} of ${x.progress.totalDays} elapsed days: ${n(x.progress.projected)}; ${TARGET_TEXT.status[x.progress.status].en})`,
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
      sheetName: { ru: 'Показатели', en: 'Metrics' },
      about: [
        { label: ru ? 'Отделение' : 'Branch', value: ru ? table.branch.name : table.branch.nameEn },
        { label: ru ? 'Период' : 'Period', value: `${table.from} – ${table.to}` },
        { label: ru ? 'Шаг' : 'Granularity', value: table.granularity },
        { label: ru ? 'Сеть' : 'Network', value: table.network },
        { label: ru ? 'Пустая ячейка' : 'Empty cell', value: ru ? 'нет данных (не ноль)' : 'not measured (not zero)' },
        ...(await targetAbout(db, viewer, table.branch.id, table.from, table.to, locale)),
      ],
    },
  };
}
