'use server';

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { addAccount, assignAccount, setAccountCredential, setAccountPaused, testAccount } from '@/lib/admin/accounts';
import type { ActionResult } from '@/lib/admin/action-result';
import { createBranch, setBranchArchived, updateBranch } from '@/lib/admin/branches';
import { AdminInputError, type AdminContext } from '@/lib/admin/context';
import { addCredential, deleteCredential, parseCredentialConfig, replaceCredentialToken } from '@/lib/admin/credentials';
import { chooseMethod, publishMethod } from '@/lib/admin/methods';
import { adminCreateUser, adminDeactivate, adminReactivate, adminResetLink, adminSetRole, adminSignOutEverywhere } from '@/lib/admin/users';
import { requestOrigin } from '@/lib/audit';
import { HttpError } from '@/lib/api/errors';
import { requireAdmin } from '@/lib/auth/session';
import { ROLES, type Role } from '@/lib/auth/viewer';
import { secretKey } from '@/lib/crypto/secrets';

// Every action re-checks that an admin is asking: a server action is a public endpoint.
async function adminContext(): Promise<AdminContext> {
  const actor = await requireAdmin();
  return { db: getDb(), actor, ...requestOrigin(await headers()) };
}

async function run(path: string, fn: (ctx: AdminContext) => Promise<Omit<ActionResult, 'ok'> | void>): Promise<ActionResult> {
  let ctx: AdminContext;
  try {
    ctx = await adminContext();
  } catch (e) {
    if (e instanceof HttpError) return { ok: false, message: e.status === 401 ? 'Sign in required' : 'Forbidden' };
    throw e;
  }
  try {
    const r = (await fn(ctx)) ?? {};
    revalidatePath(path);
    return { ok: true, message: 'OK', ...r };
  } catch (e) {
    if (e instanceof AdminInputError) return { ok: false, field: e.field, message: e.message };
    throw e;
  }
}

const str = (d: FormData, k: string) => {
  const v = d.get(k);
  return typeof v === 'string' ? v.trim() : '';
};
const int = (d: FormData, k: string, field = k) => {
  const n = Number(str(d, k));
  // Ids are 4-byte integers in the database: anything larger cannot name a row.
  if (!Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw new AdminInputError(field, `${field}: a whole number is required`);
  return n;
};
const role = (d: FormData): Role => {
  const r = str(d, 'role');
  if (!(ROLES as readonly string[]).includes(r)) throw new AdminInputError('role', 'Choose a role');
  return r as Role;
};

export async function createUserAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/users', async (ctx) => {
    const r = await adminCreateUser(ctx, { email: str(d, 'email'), name: str(d, 'name'), role: role(d), branchSlug: str(d, 'branch') || null, password: str(d, 'password') || undefined });
    return { link: r.inviteUrl ?? undefined };
  });
}

export async function setUserRoleAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/users', (ctx) => adminSetRole(ctx, str(d, 'userId'), role(d), str(d, 'branch') || null));
}

export async function deactivateUserAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/users', (ctx) => (str(d, 'mode') === 'reactivate' ? adminReactivate(ctx, str(d, 'userId')) : adminDeactivate(ctx, str(d, 'userId'))));
}

export async function resetLinkAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/users', async (ctx) => ({ link: await adminResetLink(ctx, str(d, 'userId')) }));
}

export async function signOutEverywhereAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/users', async (ctx) => ({ message: `${await adminSignOutEverywhere(ctx, str(d, 'userId'))} sessions ended` }));
}

function branchInput(d: FormData) {
  const pop = str(d, 'population');
  return {
    slug: str(d, 'slug'),
    name: str(d, 'name'),
    name_en: str(d, 'name_en'),
    region_code: str(d, 'region_code'),
    federal_district: str(d, 'federal_district'),
    population: pop ? Number(pop) : null,
  };
}

export async function createBranchAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/branches', async (ctx) => void (await createBranch(ctx, branchInput(d))));
}

export async function updateBranchAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/branches', (ctx) => updateBranch(ctx, int(d, 'id', 'branch'), branchInput(d)));
}

export async function archiveBranchAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/branches', (ctx) => setBranchArchived(ctx, str(d, 'slug'), str(d, 'mode') !== 'unarchive'));
}

export async function addAccountAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/accounts', async (ctx) => void (await addAccount(ctx, { input: str(d, 'url'), network: str(d, 'network') || undefined, branchSlug: str(d, 'branch'), title: str(d, 'title') })));
}

export async function pauseAccountAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/accounts', (ctx) => setAccountPaused(ctx, int(d, 'id', 'account'), str(d, 'mode') !== 'resume'));
}

export async function testAccountAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  let failed: ActionResult | null = null;
  const r = await run('/admin/accounts', async (ctx) => {
    const t = await testAccount(ctx, int(d, 'id', 'account'));
    if (t.status === 'failed' || t.status === 'skipped') failed = { ok: false, message: `${t.status}: ${t.message ?? ''}` };
    return { message: t.message ? `${t.status}: ${t.message}` : t.status };
  });
  return failed ?? r;
}

export async function setAccountCredentialAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/accounts', (ctx) => setAccountCredential(ctx, int(d, 'id', 'account'), str(d, 'credential') ? int(d, 'credential') : null));
}

export async function assignAccountAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/accounts', (ctx) => assignAccount(ctx, int(d, 'id', 'account'), str(d, 'branch')));
}

export async function addCredentialAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/credentials', async (ctx) => void (await addCredential(ctx, secretKey(), { network: str(d, 'network'), label: str(d, 'label'), token: str(d, 'token'), config: parseCredentialConfig(str(d, 'config')) })));
}

export async function replaceCredentialAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/credentials', (ctx) => replaceCredentialToken(ctx, secretKey(), int(d, 'id', 'credential'), str(d, 'token')));
}

export async function deleteCredentialAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/credentials', (ctx) => deleteCredential(ctx, int(d, 'id', 'credential')));
}

export async function chooseMethodAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/methods', async (ctx) => {
    const r = await chooseMethod(ctx, str(d, 'method'));
    return { message: r.previous && r.previous !== r.label ? `${r.label} is now in effect (was ${r.previous})` : `${r.label} is in effect` };
  });
}

export async function publishMethodAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/methods', async (ctx) => ({ message: `Published version ${await publishMethod(ctx, str(d, 'key') || 'podium', str(d, 'definition'), str(d, 'notes'))}` }));
}
