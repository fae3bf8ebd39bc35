import { getDb } from '@/db/client';
import { notFound, parseQuery, route, unauthorized } from '@/lib/api/errors';
import { branchSlugSchema } from '@/lib/api/schemas';
import { recordAudit, requestOrigin } from '@/lib/audit';
import { getViewer } from '@/lib/auth/session';
import { branchExportQuerySchema, exportOptionsSchema, splitExportParams } from '@/lib/export/definitions';
import { branchExportSpec } from '@/lib/export/specs';
import { requestLocale } from '@/i18n/locale';

export const dynamic = 'force-dynamic';

// GET /api/export/branches/:slug – one branch's metrics per day, week or month (table=metrics), its content-type
// breakdown (table=content) or its top posts with their type (table=posts), as CSV or XLSX
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
  const locale = opts.lang ?? (await requestLocale());
  // Scoped in the data layer: undefined for an unknown branch or one the viewer may not see.
  const out = await branchExportSpec(db, viewer, slug.data, input, opts, locale);
  if (!out) throw notFound('Branch not found');
  await recordAudit(db, {
    action: 'export.branch',
    actor: viewer,
    target: out.branchSlug,
    detail: {
      format: opts.format,
      table: input.table,
      from: out.from,
      to: out.to,
      granularity: input.granularity,
      network: input.network,
      rows: out.rows,
    },
    ...requestOrigin(req.headers),
  });
  return out.response();
});
