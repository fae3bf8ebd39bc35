'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import type { ActionResult } from '@/lib/admin/action-result';
import { recordAudit, requestOrigin } from '@/lib/audit';
import { ResetLinkError, consumeResetLink } from '@/lib/auth/reset-links';
import { UserInputError } from '@/lib/auth/users';

/** Public by design: the one-time token is the authorization. */
export async function resetPasswordAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  const token = String(d.get('token') ?? '');
  const password = String(d.get('password') ?? '');
  if (password !== String(d.get('confirm') ?? ''))
    return { ok: false, field: 'confirm', message: 'The passwords differ', say: { key: 'passwordsDiffer' } };
  const db = getDb();
  let userId: string;
  try {
    userId = await consumeResetLink(db, token, password);
  } catch (e) {
    if (e instanceof UserInputError || e instanceof ResetLinkError) return { ok: false, message: e.message };
    throw e;
  }
  const u = await db.selectFrom('app_user').select('email').where('id', '=', userId).executeTakeFirst();
  await recordAudit(db, {
    action: 'user.password_set',
    actor: { userId, email: u?.email ?? '' },
    target: u?.email ?? userId,
    detail: { via: 'one-time link' },
    ...requestOrigin(await headers()),
  });
  redirect('/sign-in');
}
