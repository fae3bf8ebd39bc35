import type { DB } from '../../db/client';
import type { AuditFilterInput } from '../audit/filter';
import type { Viewer } from '../auth/viewer';
import type { AuditExportRow } from '../export/definitions';

/**
 * The audit log, newest first, as a stream read through a cursor: memory stays
 * flat however many events match. Admins only; anyone else gets nothing.
 */
export async function* streamAuditEvents(db: DB, viewer: Viewer, filter: AuditFilterInput): AsyncGenerator<AuditExportRow> {
  if (viewer.role !== 'admin') return;
  const q = filtered(db, filter).select(['id', 'at', 'action', 'actor_email', 'target', 'detail', 'ip', 'user_agent']);
  for await (const row of q.orderBy('at', 'desc').orderBy('id', 'desc').stream(1000)) {
    yield row as AuditExportRow;
  }
}

/** How many events the filter matches (admins only; 0 for anyone else). */
export async function countAuditEvents(db: DB, viewer: Viewer, filter: AuditFilterInput): Promise<number> {
  if (viewer.role !== 'admin') return 0;
  const r = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function filtered(db: DB, filter: AuditFilterInput) {
  let q = db.selectFrom('audit_event');
  const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (filter.action) q = q.where('action', 'like', `${like(filter.action)}%`);
  if (filter.actor) q = q.where('actor_email', 'ilike', `%${like(filter.actor)}%`);
  if (filter.target) q = q.where('target', 'ilike', `%${like(filter.target)}%`);
  if (filter.from) q = q.where('at', '>=', new Date(`${filter.from}T00:00:00Z`));
  if (filter.to) q = q.where('at', '<', new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000));
  return q;
}
