import { excerpt } from '@/lib/format/excerpt';
import { authBaseUrl } from '@/lib/auth/config';
import { issueResetLink } from '@/lib/auth/reset-links';
import {
  UserInputError,
  countActiveAdmins,
  deactivateUser,
  inTransaction,
  insertUser,
  lockAdminSet,
  reactivateUser,
  revokeUserSessions,
  updateUserRole,
} from '@/lib/auth/users';
import type { Role } from '@/lib/auth/viewer';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/config';
import { audit, refuse, type AdminContext } from './context';

async function branchIdFor(ctx: AdminContext, slug: string | null | undefined): Promise<number | null> {
  if (!slug) return null;
  const b = await ctx.db.selectFrom('branch').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!b) throw refuse('branch', 'noBranchSlug', { slug: excerpt(slug) });
  return b.id;
}

async function userById(ctx: AdminContext, id: string) {
  const u = await ctx.db.selectFrom('app_user').select(['id', 'email', 'role', 'deactivated_at']).where('id', '=', id).executeTakeFirst();
  if (!u) throw refuse('user', 'noUser');
  return u;
}

/** lib/auth's refusals as the admin's, by the field they name (lib/auth/users.ts writes them). */
function rethrow(e: unknown, email = ''): never {
  if (!(e instanceof UserInputError)) throw e;
  if (e.field === 'password') throw refuse('password', 'passwordLength', { min: MIN_PASSWORD_LENGTH, max: 128 });
  if (e.field === 'email' && /already exists/.test(e.message))
    throw refuse('email', 'emailTaken', { email: excerpt(email.trim().toLowerCase()) });
  if (e.field === 'branch') throw refuse('branch', /coordinator/i.test(e.message) ? 'coordinatorBranch' : 'noBranch');
  throw refuse(e.field, 'invalidValue');
}

export interface CreateUserRequest {
  email: string;
  name?: string;
  role: Role;
  branchSlug?: string | null;
  /** Without a password the user is invited: a one-time link is returned. */
  password?: string;
  baseUrl?: string;
}

export async function adminCreateUser(ctx: AdminContext, r: CreateUserRequest): Promise<{ id: string; inviteUrl: string | null }> {
  const branchId = await branchIdFor(ctx, r.branchSlug);
  let id: string;
  try {
    id = await insertUser(ctx.db, { email: r.email, name: r.name, role: r.role, branchId, password: r.password || undefined });
  } catch (e) {
    rethrow(e, r.email);
  }
  let inviteUrl: string | null = null;
  if (!r.password) inviteUrl = (await issueResetLink(ctx.db, id, r.baseUrl ?? authBaseUrl())).url;
  await audit(ctx, 'user.create', r.email.trim().toLowerCase(), { role: r.role, branch: r.branchSlug ?? null, invited: !r.password });
  return { id, inviteUrl };
}

/**
 * Runs `change` on a user unless it would remove the last active admin, so the
 * product stays manageable. Check and change share one transaction under the
 * admin-set lock: two admins demoting each other at once cannot both pass.
 */
async function changeKeepingAnAdmin(ctx: AdminContext, userId: string, change: (trx: AdminContext['db']) => Promise<void>) {
  return inTransaction(ctx.db, async (trx) => {
    await lockAdminSet(trx);
    const u = await userById({ ...ctx, db: trx }, userId);
    if (u.role === 'admin' && !u.deactivated_at && (await countActiveAdmins(trx)) <= 1) {
      throw refuse('user', 'lastAdmin');
    }
    await change(trx);
    return u;
  });
}

export async function adminSetRole(ctx: AdminContext, userId: string, role: Role, branchSlug: string | null): Promise<void> {
  const branchId = await branchIdFor(ctx, branchSlug);
  const update = async (db: AdminContext['db']) => {
    try {
      await updateUserRole(db, userId, role, branchId);
    } catch (e) {
      rethrow(e);
    }
  };
  let u: Awaited<ReturnType<typeof userById>>;
  if (role === 'admin') {
    // Promoting someone cannot leave the product without an admin.
    u = await userById(ctx, userId);
    await update(ctx.db);
  } else {
    u = await changeKeepingAnAdmin(ctx, userId, update);
  }
  await audit(ctx, 'user.role', u.email, { from: u.role, to: role, branch: branchSlug });
}

export async function adminDeactivate(ctx: AdminContext, userId: string): Promise<void> {
  const u = await changeKeepingAnAdmin(ctx, userId, (trx) => deactivateUser(trx, userId));
  await audit(ctx, 'user.deactivate', u.email);
}

export async function adminReactivate(ctx: AdminContext, userId: string): Promise<void> {
  const u = await userById(ctx, userId);
  await reactivateUser(ctx.db, userId);
  await audit(ctx, 'user.reactivate', u.email);
}

export async function adminResetLink(ctx: AdminContext, userId: string, baseUrl = authBaseUrl()): Promise<string> {
  const u = await userById(ctx, userId);
  const { url } = await issueResetLink(ctx.db, userId, baseUrl);
  // The link itself is a credential: the audit records that one was issued, not the link.
  await audit(ctx, 'user.reset_link', u.email);
  return url;
}

export async function adminSignOutEverywhere(ctx: AdminContext, userId: string): Promise<number> {
  const u = await userById(ctx, userId);
  const n = await revokeUserSessions(ctx.db, userId);
  await audit(ctx, 'user.sign_out_everywhere', u.email, { sessions: n });
  return n;
}
