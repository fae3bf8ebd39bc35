import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';

/** What other code passes to recordAudit: who did what to which thing, from where. */
export interface AuditInput {
  action: string;
  actor?: Pick<Viewer, 'userId' | 'email'> | null;
  target?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
}

/** Where a request came from, for the audit trail. */
export function requestOrigin(headers: Headers | null | undefined): { ip: string | null; userAgent: string | null } {
  if (!headers) return { ip: null, userAgent: null };
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return {
    ip: forwarded || headers.get('x-real-ip') || null,
    userAgent: headers.get('user-agent')?.slice(0, 500) || null,
  };
}

/** Appends one audit event (exports, sign-ins, admin changes, credential failures). */
export async function recordAudit(db: Kysely<Database>, event: AuditInput): Promise<void> {
  const system = event.actor?.userId === 'system';
  await db
    .insertInto('audit_event')
    .values({
      action: event.action,
      actor_id: event.actor && !system ? event.actor.userId : null,
      actor_email: event.actor?.email ?? null,
      target: event.target ?? null,
      detail: JSON.stringify(event.detail ?? {}),
      ip: event.ip ?? null,
      user_agent: event.userAgent ?? null,
    })
    .execute();
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export async function listAuditEvents(db: Kysely<Database>, filter: AuditFilter = {}) {
  let q = db.selectFrom('audit_event').selectAll().orderBy('at', 'desc').orderBy('id', 'desc');
  if (filter.action) q = q.where('action', 'like', `${escapeLike(filter.action)}%`);
  if (filter.actor) q = q.where('actor_email', 'ilike', `%${escapeLike(filter.actor)}%`);
  if (filter.target) q = q.where('target', 'ilike', `%${escapeLike(filter.target)}%`);
  if (filter.from) q = q.where('at', '>=', new Date(`${filter.from}T00:00:00Z`));
  if (filter.to) q = q.where('at', '<', new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000));
  return q.limit(Math.min(filter.limit ?? 500, 10_000)).execute();
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
