import type { DB } from '../../db/client';
import { SERIES_METRICS, type RankingResponse, type SeriesResponse } from '../api/schemas';
import type { Viewer } from '../auth/viewer';
import { getBranchSeries } from '../data/series';
import { fileSlug, type ExportLocale } from './cells';
import {
  rankingAbout,
  rankingColumns,
  seriesColumns,
  type BranchExportQuery,
  type ExportOptions,
  type SeriesTableRow,
} from './definitions';
import type { ExportSpec } from './respond';
import type { RankingRow } from '../api/schemas';

/** The ranking export, shared by the route and the CLI. */
export function rankingExportSpec(res: RankingResponse, options: ExportOptions, locale: ExportLocale): ExportSpec<RankingRow> {
  return {
    options,
    locale,
    columns: rankingColumns(locale),
    rows: res.rows,
    basename: fileSlug('podium', 'rankings', res.period.kind, res.period.label.replace('..', '-to-'), res.network, res.district),
    sheetName: { ru: 'Рейтинг', en: 'Ranking' },
    about: rankingAbout(res, locale),
  };
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
  const series: SeriesResponse[] = [];
  for (const metric of SERIES_METRICS) {
    const s = await getBranchSeries(db, viewer, slug, { ...input, metric });
    if (!s) return undefined;
    series.push(s);
  }
  const first = series[0]!;
  const rows: SeriesTableRow[] = first.points.map((p, i) => ({
    bucket: p.bucket,
    values: Object.fromEntries(series.map((s) => [s.metric, s.points[i]?.value ?? null])),
  }));
  const ru = locale === 'ru';
  return {
    branchSlug: first.branch.slug,
    rows: rows.length,
    from: first.from,
    to: first.to,
    spec: {
      options,
      locale,
      columns: seriesColumns(SERIES_METRICS),
      rows,
      basename: fileSlug('podium', 'branch', first.branch.slug, first.granularity, first.from, 'to', first.to, first.network),
      sheetName: { ru: 'Показатели', en: 'Metrics' },
      about: [
        { label: ru ? 'Отделение' : 'Branch', value: ru ? first.branch.name : first.branch.nameEn },
        { label: ru ? 'Период' : 'Period', value: `${first.from} – ${first.to}` },
        { label: ru ? 'Шаг' : 'Granularity', value: first.granularity },
        { label: ru ? 'Сеть' : 'Network', value: first.network },
        { label: ru ? 'Пустая ячейка' : 'Empty cell', value: ru ? 'нет данных (не ноль)' : 'not measured (not zero)' },
      ],
    },
  };
}
