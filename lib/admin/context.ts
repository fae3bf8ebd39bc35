import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { Viewer } from '@/lib/auth/viewer';
import { adminErrorText, type AdminErrorKey, type AdminErrorSay, type AdminErrorValues } from './errors';

/** Who performs an admin change and from where; every change is audited with it. */
export interface AdminContext {
  db: Kysely<Database>;
  actor: Viewer;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Input an admin change refuses, naming the field. `say` is the refusal as a message key
 * (lib/admin/errors.ts), shown in the viewer's language; `message` is its English text
 * for the HTTP API, the CLI and logs. Use `refuse` to build one.
 */
export class AdminInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly say?: AdminErrorSay,
  ) {
    super(message);
  }
}

/** A refusal of `field` with a message of `adminErrors`; `values.field` defaults to the field. */
export function refuse(field: string, key: AdminErrorKey, values: AdminErrorValues = {}): AdminInputError {
  const say: AdminErrorSay = { key, values: { field, ...values } };
  return new AdminInputError(field, adminErrorText('en', say), say);
}

export function audit(ctx: AdminContext, action: string, target: string | null, detail: Record<string, unknown> = {}) {
  return recordAudit(ctx.db, { action, actor: ctx.actor, target, detail, ip: ctx.ip, userAgent: ctx.userAgent });
}
