import { getDb } from '@/db/client';
import { parseQuery, route } from '@/lib/api/errors';
import { listAuditEvents, recordAudit, requestOrigin } from '@/lib/audit';
import { toCsv } from '@/lib/audit/csv';
import { auditFilterSchema } from '@/lib/audit/filter';
import { requireAdmin } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

// GET /api/admin/audit – the audit log as CSV (admins only)
export const GET = route(async (req: Request) => {
  const filter = parseQuery(auditFilterSchema, new URL(req.url).searchParams);
  const viewer = await requireAdmin();
  const db = getDb();
  const rows = await listAuditEvents(db, { ...filter, limit: 10_000 });
  await recordAudit(db, { action: 'audit.export', actor: viewer, detail: { ...filter, rows: rows.length }, ...requestOrigin(req.headers) });
  const csv = toCsv(
    ['at', 'action', 'actor', 'target', 'detail', 'ip', 'user_agent'],
    rows.map((r) => [r.at, r.action, r.actor_email, r.target, r.detail, r.ip, r.user_agent]),
  );
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="podium-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
