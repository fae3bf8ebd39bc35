'use server';

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { addAccount, assignAccount, setAccountCredential, setAccountPaused, testAccount } from '@/lib/admin/accounts';
import type { ActionResult } from '@/lib/admin/action-result';
import { createBreak, deleteBreak, updateBreak } from '@/lib/admin/breaks';
import { createBranch, setBranchArchived, updateBranch } from '@/lib/admin/branches';
import { AdminInputError, type AdminContext } from '@/lib/admin/context';
import { adminErrorText } from '@/lib/admin/errors';
import { getLocale } from '@/lib/admin/locale';
import { DEFAULT_LOCALE } from '@/i18n/config';
import { forms, parseForm } from '@/lib/admin/forms';
import { addCredential, deleteCredential, parseCredentialConfig, replaceCredentialToken } from '@/lib/admin/credentials';
import { checkMethodJson, chooseMethod, publishMethod } from '@/lib/admin/methods';
import { previewMethod } from '@/lib/data/method-preview';
import { adminCreateUser, adminDeactivate, adminReactivate, adminResetLink, adminSetRole, adminSignOutEverywhere } from '@/lib/admin/users';
import { requestOrigin } from '@/lib/audit';
import { databaseInputProblem, HttpError } from '@/lib/api/errors';
import { requireAdmin } from '@/lib/auth/session';
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
    if (e instanceof HttpError)
      return e.status === 401
        ? { ok: false, message: 'Sign in required', say: { key: 'signInRequired' } }
        : { ok: false, message: 'Forbidden', say: { key: 'forbidden' } };
    throw e;
  }
  try {
    const r = (await fn(ctx)) ?? {};
    revalidatePath(path);
    return { ok: true, message: 'OK', say: { key: 'done' }, ...r };
  } catch (e) {
    if (e instanceof AdminInputError) {
      if (!e.say) return { ok: false, field: e.field, message: e.message };
      // The refusal in the viewer's language; `message` stays English for callers without one.
      const locale = await getLocale().catch(() => DEFAULT_LOCALE);
      return { ok: false, field: e.field, message: e.message, refusal: e.say, shown: adminErrorText(locale, e.say) };
    }
    // A value the forms let through but the database refused: still the admin's input, never a 500.
    const problem = databaseInputProblem(e);
    if (problem) {
      console.warn('database refused admin input', (e as { code?: string }).code, problem.field);
      return { ok: false, ...problem };
    }
    throw e;
  }
}

export async function createUserAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/users', async (ctx) => {
    const f = parseForm(forms.createUser, d);
    const r = await adminCreateUser(ctx, {
      email: f.email,
      name: f.name,
      role: f.role,
      branchSlug: f.branch || null,
      password: f.password.trim() || undefined,
    });
    return { link: r.inviteUrl ?? undefined };
  });
}

export async function setUserRoleAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/users', (ctx) => {
    const f = parseForm(forms.setUserRole, d);
    return adminSetRole(ctx, f.userId, f.role, f.branch || null);
  });
}

export async function deactivateUserAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/users', (ctx) => {
    const f = parseForm(forms.deactivateUser, d);
    return f.mode === 'reactivate' ? adminReactivate(ctx, f.userId) : adminDeactivate(ctx, f.userId);
  });
}

export async function resetLinkAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/users', async (ctx) => ({ link: await adminResetLink(ctx, parseForm(forms.userId, d).userId) }));
}

export async function signOutEverywhereAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/users', async (ctx) => {
    const n = await adminSignOutEverywhere(ctx, parseForm(forms.userId, d).userId);
    return { message: `${n} sessions ended`, say: { key: 'sessionsEnded', values: { n } } };
  });
}

export async function createBranchAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/branches', async (ctx) => void (await createBranch(ctx, parseForm(forms.branch, d))));
}

export async function updateBranchAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/branches', (ctx) =>
    updateBranch(ctx, parseForm(forms.updateBranch, d, { id: 'branch' }).id, parseForm(forms.branch, d)),
  );
}

export async function archiveBranchAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/branches', (ctx) => {
    const f = parseForm(forms.archiveBranch, d);
    return setBranchArchived(ctx, f.slug, f.mode !== 'unarchive');
  });
}

export async function addAccountAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/accounts', async (ctx) => {
    const f = parseForm(forms.addAccount, d);
    await addAccount(ctx, { input: f.url, network: f.network || undefined, branchSlug: f.branch, title: f.title });
  });
}

export async function pauseAccountAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/accounts', (ctx) => {
    const f = parseForm(forms.pauseAccount, d, { id: 'account' });
    return setAccountPaused(ctx, f.id, f.mode !== 'resume');
  });
}

export async function testAccountAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  let failed: ActionResult | null = null;
  const r = await run('/admin/accounts', async (ctx) => {
    const t = await testAccount(ctx, parseForm(forms.accountId, d, { id: 'account' }).id);
    if (t.status === 'failed' || t.status === 'skipped') failed = { ok: false, message: `${t.status}: ${t.message ?? ''}` };
    return { message: t.message ? `${t.status}: ${t.message}` : t.status, say: undefined };
  });
  return failed ?? r;
}

export async function setAccountCredentialAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/accounts', (ctx) => {
    const f = parseForm(forms.setAccountCredential, d, { id: 'account' });
    return setAccountCredential(ctx, f.id, f.credential);
  });
}

export async function assignAccountAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/accounts', (ctx) => {
    const f = parseForm(forms.assignAccount, d, { id: 'account' });
    return assignAccount(ctx, f.id, f.branch);
  });
}

export async function addCredentialAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/credentials', async (ctx) => {
    const f = parseForm(forms.addCredential, d);
    await addCredential(ctx, secretKey(), { network: f.network, label: f.label, token: f.token, config: parseCredentialConfig(f.config) });
  });
}

export async function replaceCredentialAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/credentials', (ctx) => {
    const f = parseForm(forms.replaceCredential, d, { id: 'credential' });
    return replaceCredentialToken(ctx, secretKey(), f.id, f.token);
  });
}

export async function deleteCredentialAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/credentials', (ctx) => deleteCredential(ctx, parseForm(forms.credentialId, d, { id: 'credential' }).id));
}

export async function chooseMethodAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/methods', async (ctx) => {
    const r = await chooseMethod(ctx, parseForm(forms.chooseMethod, d).method);
    return r.previous && r.previous !== r.label
      ? {
          message: `${r.label} is now in effect (was ${r.previous})`,
          say: { key: 'methodSwitched' as const, values: { label: r.label, previous: r.previous } },
        }
      : {
          message: `${r.label} is in effect`,
          say: { key: 'methodInEffect' as const, values: { label: r.label } as Record<string, string> },
        };
  });
}

export async function publishMethodAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/methods', async (ctx) => {
    const f = parseForm(forms.publishMethod, d);
    const v = await publishMethod(ctx, f.key || 'podium', f.definition, f.notes);
    return { message: `Published version ${v}`, say: { key: 'methodPublished', values: { v } } };
  });
}

/** The top ten a definition would give on the current month, before it is published; nothing is stored. */
export async function previewMethodAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/methods', async (ctx) => {
    const f = parseForm(forms.publishMethod, d);
    const preview = await previewMethod(ctx.db, checkMethodJson(f.key || 'podium', f.definition));
    return {
      message: `Preview of ${preview.rows.length} ranks`,
      say: { key: 'methodPreviewed' as const, values: { n: preview.rows.length } as Record<string, number> },
      preview,
    };
  });
}

export async function createBreakAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/breaks', async (ctx) => void (await createBreak(ctx, parseForm(forms.platformBreak, d))));
}

export async function updateBreakAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/breaks', (ctx) =>
    updateBreak(ctx, parseForm(forms.breakId, d, { id: 'break' }).id, parseForm(forms.platformBreak, d)),
  );
}

export async function deleteBreakAction(_: ActionResult, d: FormData): Promise<ActionResult> {
  return run('/admin/breaks', (ctx) => deleteBreak(ctx, parseForm(forms.breakId, d, { id: 'break' }).id));
}
