import { getDb } from '@/db/client';
import { badRequest, parseQuery, route } from '@/lib/api/errors';
import { recordAudit, requestOrigin } from '@/lib/audit';
import { auditFilterSchema } from '@/lib/audit/filter';
import { requireAdmin } from '@/lib/auth/session';
import { countAuditEvents, streamAuditEvents } from '@/lib/data/audit-export';
import { fileSlug } from '@/lib/export/cells';
import { XLSX_MAX_ROWS } from '@/lib/export/xlsx';
import { auditColumns, exportOptionsSchema, splitExportParams } from '@/lib/export/definitions';
import { exportResponse } from '@/lib/export/respond';
import { requestLocale } from '@/i18n/locale';
import { bilingual } from '@/lib/export/text';

export const dynamic = 'force-dynamic';

// GET /api/export/audit – the audit log, streamed (admins only)
export const GET = route(async (req: Request) => {
  const { options, filters } = splitExportParams(new URL(req.url).searchParams);
  const opts = parseQuery(exportOptionsSchema, options);
  const filter = parseQuery(auditFilterSchema, filters);
  const viewer = await requireAdmin();
  const db = getDb();
  if (opts.format === 'xlsx') {
    // XLSX is compressed as it is written and cannot keep memory flat past this size; CSV can.
    const n = await countAuditEvents(db, viewer, filter);
    if (n > XLSX_MAX_ROWS)
      throw badRequest(
        `Invalid parameter "format": ${n} events are too many for XLSX (at most ${XLSX_MAX_ROWS}); use format=csv or narrow the filters`,
      );
  }
  await recordAudit(db, {
    action: 'export.audit',
    actor: viewer,
    detail: { format: opts.format, ...filter },
    ...requestOrigin(req.headers),
  });
  const locale = opts.lang ?? (await requestLocale());
  const today = new Date().toISOString().slice(0, 10);
  return exportResponse({
    options: opts,
    locale,
    columns: auditColumns(),
    rows: streamAuditEvents(db, viewer, filter),
    basename: fileSlug('podium', 'audit', filter.from ?? 'start', 'to', filter.to ?? today),
    sheetName: bilingual('auditLog'),
    about: Object.entries(filter).map(([k, v]) => ({ label: k, value: String(v) })),
  });
});
