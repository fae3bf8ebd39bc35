import { getDb } from '@/db/client';
import { notFound, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { compareViewQuerySchema } from '@/lib/api/schemas';
import { recordAudit, requestOrigin } from '@/lib/audit';
import { getViewer } from '@/lib/auth/session';
import { getCompareView } from '@/lib/data/compare';
import { fileSlug } from '@/lib/export/cells';
import {
  BASIS_LABELS,
  compareColumns,
  exportOptionsSchema,
  METRIC_HEADERS,
  splitExportParams,
  type CompareTableRow,
} from '@/lib/export/definitions';
import { exportResponse } from '@/lib/export/respond';
import { requestLocale } from '@/i18n/locale';
import { bilingual } from '@/lib/export/text';

export const dynamic = 'force-dynamic';

// GET /api/export/compare – 1 to 6 branches side by side for one metric, on the screen's basis (absolute by default), as CSV or XLSX
export const GET = route(async (req: Request) => {
  const { options, filters } = splitExportParams(new URL(req.url).searchParams);
  const opts = parseQuery(exportOptionsSchema, options);
  const input = parseQuery(compareViewQuerySchema, filters);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const db = getDb();
  // Scoped in the data layer: undefined if any branch is unknown or not visible to the viewer.
  const res = await getCompareView(db, viewer, input);
  if (!res) throw notFound('Branch not found');
  const rows: CompareTableRow[] = res.buckets.map((bucket, i) => ({ bucket, values: res.series.map((s) => s.values[i] ?? null) }));
  const locale = opts.lang ?? (await requestLocale());
  await recordAudit(db, {
    action: 'export.compare',
    actor: viewer,
    target: res.series.map((s) => s.branch.slug).join(','),
    detail: {
      format: opts.format,
      metric: res.metric,
      basis: res.basis,
      from: res.from,
      to: res.to,
      granularity: res.granularity,
      rows: rows.length,
    },
    ...requestOrigin(req.headers),
  });
  return exportResponse({
    options: opts,
    locale,
    columns: compareColumns(res, locale),
    rows,
    basename: fileSlug(
      'podium',
      'compare',
      res.metric,
      ...(res.basis && res.basis !== 'absolute' ? [res.basis] : []),
      res.granularity,
      res.from,
      'to',
      res.to,
      res.network,
    ),
    sheetName: bilingual('comparison'),
    about: [
      { label: bilingual('metric')[locale], value: METRIC_HEADERS[res.metric][locale] },
      { label: bilingual('unit')[locale], value: BASIS_LABELS[res.basis ?? 'absolute'][locale] },
      { label: bilingual('period')[locale], value: `${res.from} – ${res.to}` },
      { label: bilingual('granularity')[locale], value: res.granularity },
      { label: bilingual('network')[locale], value: res.network },
    ],
  });
});
