import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { Viewer } from '@/lib/auth/viewer';

/** Who performs an admin change and from where; every change is audited with it. */
export interface AdminContext {
  db: Kysely<Database>;
  actor: Viewer;
  ip?: string | null;
  userAgent?: string | null;
}

export class AdminInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function audit(ctx: AdminContext, action: string, target: string | null, detail: Record<string, unknown> = {}) {
  return recordAudit(ctx.db, { action, actor: ctx.actor, target, detail, ip: ctx.ip, userAgent: ctx.userAgent });
}
