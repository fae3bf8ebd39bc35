import { getDb } from '@/db/client';
import { notFound, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { branchSlugSchema, SERIES_METRICS, type SeriesResponse } from '@/lib/api/schemas';
import { recordAudit, requestOrigin } from '@/lib/audit';
import { getViewer } from '@/lib/auth/session';
import { getBranchSeries } from '@/lib/data/series';
import { fileSlug } from '@/lib/export/cells';
import { branchExportQuerySchema, exportOptionsSchema, seriesColumns, splitExportParams, type SeriesTableRow } from '@/lib/export/definitions';
import { exportResponse } from '@/lib/export/respond';
import { requestLocale } from '@/i18n/locale';

export const dynamic = 'force-dynamic';

// GET /api/export/branches/:slug – one branch's metrics per day, week or month as CSV or XLSX
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug: rawSlug } = await ctx.params;
  const { options, filters } = splitExportParams(new URL(req.url).searchParams);
  const opts = parseQuery(exportOptionsSchema, options);
  const input = parseQuery(branchExportQuerySchema, filters);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const slug = branchSlugSchema.safeParse(rawSlug);
  if (!slug.success) throw notFound('Branch not found');
  const db = getDb();
  // Scoped in the data layer: undefined for an unknown branch or one the viewer may not see.
  const series: SeriesResponse[] = [];
  for (const metric of SERIES_METRICS) {
    const s = await getBranchSeries(db, viewer, slug.data, { ...input, metric });
    if (!s) throw notFound('Branch not found');
    series.push(s);
  }
  const first = series[0]!;
  const rows: SeriesTableRow[] = first.points.map((p, i) => ({
    bucket: p.bucket,
    values: Object.fromEntries(series.map((s) => [s.metric, s.points[i]?.value ?? null])),
  }));
  const locale = opts.lang ?? (await requestLocale());
  await recordAudit(db, {
    action: 'export.branch',
    actor: viewer,
    target: first.branch.slug,
    detail: { format: opts.format, from: first.from, to: first.to, granularity: first.granularity, network: first.network, rows: rows.length },
    ...requestOrigin(req.headers),
  });
  const ru = locale === 'ru';
  return exportResponse({
    options: opts,
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
  });
});
