import { AdminInputError, audit, type AdminContext } from '../admin/context';
import type { Viewer } from '../auth/viewer';
import { targetInputSchema, targetProblem, type TargetInput } from './definitions';
import { parseTargetCsv, type TargetCsvIssue } from './csv';

// Writing targets: central staff and admins only (docs/access.md). Every
// change is audited; a CSV upload writes all its rows in one transaction or,
// when any row is bad, nothing.

export function canManageTargets(viewer: Viewer): boolean {
  return viewer.role === 'admin' || viewer.role === 'central';
}

export class TargetCsvError extends Error {
  constructor(
    readonly issues: TargetCsvIssue[],
    readonly more: number,
  ) {
    super(`${issues.length + more} problem(s) in the file`);
  }
}

function ensureAllowed(ctx: AdminContext) {
  if (!canManageTargets(ctx.actor)) throw new AdminInputError('role', 'Forbidden');
}

async function upsert(ctx: AdminContext, t: TargetInput, branchId: number): Promise<number> {
  const row = await ctx.db
    .insertInto('branch_target')
    .values({ branch_id: branchId, metric: t.metric, period_from: t.from, period_to: t.to, value: t.value, created_by: ctx.actor.email })
    .onConflict((oc) =>
      oc
        .columns(['branch_id', 'metric', 'period_from', 'period_to'])
        .doUpdateSet({ value: t.value, created_by: ctx.actor.email, updated_at: new Date() }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sets (or replaces) one target; the AdminInputError names the field and an error code (targets.errors). */
export async function setTarget(ctx: AdminContext, raw: Record<string, unknown>): Promise<number> {
  ensureAllowed(ctx);
  const problem = targetProblem(raw);
  if (problem) throw new AdminInputError(problem.field, problem.code);
  const t = targetInputSchema.parse(raw);
  const branch = await ctx.db
    .selectFrom('branch')
    .select('id')
    .where('slug', '=', t.branch)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!branch) throw new AdminInputError('branch', 'unknownBranch');
  const id = await upsert(ctx, t, branch.id);
  await audit(ctx, 'target.set', t.branch, { metric: t.metric, from: t.from, to: t.to, value: t.value });
  return id;
}

export async function deleteTarget(ctx: AdminContext, id: number): Promise<void> {
  ensureAllowed(ctx);
  const row = await ctx.db
    .deleteFrom('branch_target')
    .where('id', '=', id)
    .returning(['branch_id', 'metric', 'period_from', 'period_to', 'value'])
    .executeTakeFirst();
  if (!row) throw new AdminInputError('id', 'unknownTarget');
  const b = await ctx.db.selectFrom('branch').select('slug').where('id', '=', row.branch_id).executeTakeFirst();
  await audit(ctx, 'target.delete', b?.slug ?? null, { metric: row.metric, from: row.period_from, to: row.period_to, value: row.value });
}

/** Imports a targets CSV: all rows or, with any problem, none (TargetCsvError lists them). Answers the rows written. */
export async function importTargets(ctx: AdminContext, text: string): Promise<number> {
  ensureAllowed(ctx);
  const branches = await ctx.db.selectFrom('branch').select(['id', 'slug']).where('archived_at', 'is', null).execute();
  const bySlug = new Map(branches.map((b) => [b.slug, b.id]));
  const parsed = parseTargetCsv(text, new Set(bySlug.keys()));
  if (!parsed.ok) throw new TargetCsvError(parsed.issues, parsed.more);
  await ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    for (const t of parsed.rows) await upsert(tctx, t, bySlug.get(t.branch)!);
    await audit(tctx, 'target.import', null, { rows: parsed.rows.length, branches: [...new Set(parsed.rows.map((r) => r.branch))].length });
  });
  return parsed.rows.length;
}
