import { z } from 'zod';
import { getDb } from '@/db/client';
import { parseQuery, route, unauthorized } from '@/lib/api/errors';
import { recordAudit, requestOrigin } from '@/lib/audit';
import { getViewer } from '@/lib/auth/session';
import { getPresenceMatrix } from '@/lib/data/presence';
import { fileSlug } from '@/lib/export/cells';
import { exportOptionsSchema, splitExportParams } from '@/lib/export/definitions';
import { presenceColumns } from '@/lib/export/presence';
import { bilingual } from '@/lib/export/text';
import { exportResponse } from '@/lib/export/respond';
import { requestLocale } from '@/i18n/locale';

export const dynamic = 'force-dynamic';

// GET /api/export/presence – the presence matrix (branch × network) as CSV or XLSX; a coordinator gets their own branch.
export const GET = route(async (req: Request) => {
  const { options, filters } = splitExportParams(new URL(req.url).searchParams);
  const opts = parseQuery(exportOptionsSchema, options);
  // The matrix takes no filters: anything else in the query is a mistake worth naming.
  parseQuery(z.strictObject({}), filters);
  const viewer = await getViewer();
  if (!viewer) throw unauthorized();
  const db = getDb();
  const now = new Date();
  // Scoped in the data layer: central staff and admins every branch, a coordinator their own.
  const m = await getPresenceMatrix(db, viewer, now);
  await recordAudit(db, {
    action: 'export.presence',
    actor: viewer,
    detail: { format: opts.format, rows: m.rows.length },
    ...requestOrigin(req.headers),
  });
  const locale = opts.lang ?? (await requestLocale());
  return exportResponse({
    options: opts,
    locale,
    columns: presenceColumns(locale),
    rows: m.rows,
    basename: fileSlug('podium', 'presence', now.toISOString().slice(0, 10)),
    sheetName: bilingual('presence'),
    about: [
      { label: bilingual('asOfUtc')[locale], value: now.toISOString().slice(0, 16).replace('T', ' ') },
      { label: bilingual('collectionScheduleCron')[locale], value: m.schedule.cron },
      { label: bilingual('freshLastSuccessWithinH')[locale], value: m.schedule.freshWithinHours },
    ],
  });
});
