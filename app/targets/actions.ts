'use server';

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { AdminInputError, type AdminContext } from '@/lib/admin/context';
import { databaseInputProblem } from '@/lib/api/errors';
import { requestOrigin } from '@/lib/audit';
import { getViewer } from '@/lib/auth/session';
import { decodeTargetCsv } from '@/lib/targets/csv';
import { TARGET_FIELDS } from '@/lib/targets/definitions';
import type { TargetActionResult } from '@/lib/targets/action-result';
import { canManageTargets, deleteTarget, importTargets, setTarget, TargetCsvError } from '@/lib/targets/store';

// A server action is a public endpoint: the viewer's role is checked here and
// again in lib/targets/store.ts. Answers carry codes, never the input back.

async function run(fn: (ctx: AdminContext) => Promise<Omit<TargetActionResult, 'ok'> | void>): Promise<TargetActionResult> {
  const viewer = await getViewer();
  if (!viewer) return { ok: false, message: 'Sign in required' };
  if (!canManageTargets(viewer)) return { ok: false, message: 'Forbidden' };
  const ctx: AdminContext = { db: getDb(), actor: viewer, ...requestOrigin(await headers()) };
  try {
    const r = (await fn(ctx)) ?? {};
    revalidatePath('/targets');
    return { ok: true, message: 'OK', ...r };
  } catch (e) {
    if (e instanceof TargetCsvError) return { ok: false, message: 'csv', issues: e.issues, more: e.more };
    if (e instanceof AdminInputError) return { ok: false, field: e.field, message: e.message };
    const problem = databaseInputProblem(e);
    if (problem) return { ok: false, field: problem.field, message: 'number' };
    throw e;
  }
}

/** One form field as text; a file or a field sent twice is not a value. */
function text(d: FormData, name: string): string | null {
  const all = d.getAll(name);
  return all.length === 1 && typeof all[0] === 'string' ? all[0] : null;
}

export async function saveTargetAction(_: TargetActionResult, d: FormData): Promise<TargetActionResult> {
  return run(async (ctx) => {
    const raw: Record<string, string> = {};
    for (const f of TARGET_FIELDS) {
      const v = text(d, f);
      if (v === null) throw new AdminInputError(f, 'required');
      raw[f] = v;
    }
    await setTarget(ctx, raw);
  });
}

export async function deleteTargetAction(_: TargetActionResult, d: FormData): Promise<TargetActionResult> {
  return run(async (ctx) => {
    const id = text(d, 'id')?.trim() ?? '';
    if (!/^\d{1,9}$/.test(id)) throw new AdminInputError('id', 'unknownTarget');
    await deleteTarget(ctx, Number(id));
  });
}

/** A CSV file (or pasted CSV text in the same field): all rows, or nothing and the list of problems. */
export async function importTargetsAction(_: TargetActionResult, d: FormData): Promise<TargetActionResult> {
  return run(async (ctx) => {
    const all = d.getAll('file');
    if (all.length !== 1) throw new TargetCsvError([{ line: 0, column: null, code: 'empty' }], 0);
    const v = all[0];
    let body: string;
    if (typeof v === 'string') {
      const decoded = decodeTargetCsv(new TextEncoder().encode(v));
      if ('issue' in decoded) throw new TargetCsvError([decoded.issue], 0);
      body = decoded.text;
    } else {
      if (v.size > 2 * 1024 * 1024) throw new TargetCsvError([{ line: 0, column: null, code: 'tooLarge' }], 0);
      const decoded = decodeTargetCsv(new Uint8Array(await v.arrayBuffer()));
      if ('issue' in decoded) throw new TargetCsvError([decoded.issue], 0);
      body = decoded.text;
    }
    return { count: await importTargets(ctx, body) };
  });
}
