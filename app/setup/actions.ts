'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import type { ActionResult } from '@/lib/admin/action-result';
import { recordAudit, requestOrigin } from '@/lib/audit';
import { UserInputError, countActiveAdmins, insertUser, lockAdminSet } from '@/lib/auth/users';

/** Creates the first admin; refused (404-like) once any admin exists. */
export async function createFirstAdminAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  const email = String(d.get('email') ?? '');
  const password = String(d.get('password') ?? '');
  if (password !== String(d.get('confirm') ?? ''))
    return { ok: false, field: 'confirm', message: 'The passwords differ', say: { key: 'passwordsDiffer' } };
  const db = getDb();
  try {
    // The advisory lock makes two simultaneous set-ups create one admin at most.
    const created = await db.transaction().execute(async (trx) => {
      await lockAdminSet(trx);
      if ((await countActiveAdmins(trx)) > 0) return false;
      await insertUser(trx, { email, role: 'admin', password, name: String(d.get('name') ?? '') || undefined });
      return true;
    });
    if (!created) return { ok: false, message: 'Set-up is closed: an admin already exists', say: { key: 'setupClosed' } };
  } catch (e) {
    if (e instanceof UserInputError) return { ok: false, field: e.field, message: e.message };
    throw e;
  }
  await recordAudit(db, {
    action: 'user.create',
    target: email.trim().toLowerCase(),
    detail: { role: 'admin', via: 'setup' },
    ...requestOrigin(await headers()),
  });
  redirect('/sign-in?next=/admin');
}
