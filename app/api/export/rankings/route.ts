import { getDb } from '@/db/client';
import { badRequest, notFound, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { rankingsQuerySchema } from '@/lib/api/schemas';
import { recordAudit, requestOrigin } from '@/lib/audit';
import { getViewer } from '@/lib/auth/session';
import { UnknownMethodError } from '@/lib/data/methods';
import { withTargetsMet } from '@/lib/data/targets';
import { loadRanking, PackSourceError, rankingSourceSchema, splitSourceParam } from '@/lib/pack/source';
import { exportOptionsSchema, splitExportParams } from '@/lib/export/definitions';
import { rankingSortSchema, splitSortParams } from '@/lib/export/ranking-sort';
import { exportResponse } from '@/lib/export/respond';
import { rankingExportSpec } from '@/lib/export/specs';
import { requestLocale } from '@/i18n/locale';

export const dynamic = 'force-dynamic';

// GET /api/export/rankings – the ranking (same filters as /api/rankings) as CSV or XLSX
export const GET = route(async (req: Request) => {
  const { options, filters } = splitExportParams(new URL(req.url).searchParams);
  const { sort: sortParams, rest: afterSort } = splitSortParams(filters);
  const { source: sourceParams, rest } = splitSourceParam(afterSort);
  const opts = parseQuery(exportOptionsSchema, options);
  const sort = parseQuery(rankingSortSchema, sortParams);
  const { source } = parseQuery(rankingSourceSchema, sourceParams);
  const input = parseQuery(rankingsQuerySchema, rest);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const db = getDb();
  let res;
  try {
    // Scoped in the data layer: a coordinator gets other branches' name, rank and score only.
    res = await loadRanking(db, viewer, input, source);
  } catch (err) {
    if (err instanceof UnknownMethodError) throw badRequest(`Invalid parameter "method": ${err.message}`);
    if (err instanceof PackSourceError) throw notFound(`No published ranking: ${err.message}`);
    throw err;
  }
  const locale = opts.lang ?? (await requestLocale());
  await recordAudit(db, {
    action: 'export.rankings',
    actor: viewer,
    target: res.period.label,
    detail: {
      format: opts.format,
      delimiter: opts.delimiter,
      sort: sort.sort,
      source,
      period: res.period.label,
      network: res.network,
      district: res.district,
      rows: res.rows.length,
    },
    ...requestOrigin(req.headers),
  });
  // Targets met by branch, scoped like the rest (a coordinator's own branch only).
  return exportResponse(rankingExportSpec(await withTargetsMet(db, viewer, res), opts, locale, sort));
});
