import { sql } from 'kysely';
import { breakInputSchema, type BreakInput } from '@/lib/breaks/input';
import { audit, refuse, type AdminContext } from './context';
import { issueSay } from './errors';

// Admins add, edit and delete their own platform breaks; each change is
// audited. Built-in breaks (builtin_key set) are neither edited nor deleted.

function parse(input: unknown): BreakInput {
  const r = breakInputSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const field = String(i.path[0] ?? 'input');
    const say = issueSay(i, field);
    throw refuse(field, say.key, say.values);
  }
  return r.data;
}

/**
 * Rankings of a method that leaves breaks out of growth were built with the
 * old calendar: drop their snapshots so the next read rebuilds them.
 */
async function dropBreakSensitiveSnapshots(ctx: AdminContext): Promise<void> {
  await sql`
    delete from ranking_snapshot s using ranking_method m
    where s.method_id = m.id and (m.definition->>'excludeBreaks') = 'true'`.execute(ctx.db);
}

async function ownBreak(ctx: AdminContext, id: number) {
  const row = await ctx.db.selectFrom('platform_break').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw refuse('break', 'noBreak', { id: String(id) });
  if (row.builtin_key !== null) throw refuse('break', 'builtinBreak');
  return row;
}

export async function createBreak(ctx: AdminContext, input: unknown): Promise<number> {
  const b = parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('platform_break')
      .values({ network: b.network, starts_on: b.from, ends_on: b.to, note: b.note, created_by: ctx.actor.email })
      .returning('id')
      .executeTakeFirstOrThrow();
    await dropBreakSensitiveSnapshots({ ...ctx, db: trx });
    await audit({ ...ctx, db: trx }, 'break.create', `break-${row.id}`, { ...b });
    return row.id;
  });
}

export async function updateBreak(ctx: AdminContext, id: number, input: unknown): Promise<void> {
  const b = parse(input);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await ownBreak({ ...ctx, db: trx }, id);
    await trx
      .updateTable('platform_break')
      .set({ network: b.network, starts_on: b.from, ends_on: b.to, note: b.note, updated_at: new Date() })
      .where('id', '=', id)
      .where('builtin_key', 'is', null)
      .execute();
    const was = { from: before.starts_on, to: before.ends_on, network: before.network, note: before.note };
    const changed = Object.fromEntries(
      (Object.keys(was) as (keyof typeof was)[]).filter((k) => was[k] !== b[k]).map((k) => [k, { from: was[k], to: b[k] }]),
    );
    await dropBreakSensitiveSnapshots({ ...ctx, db: trx });
    await audit({ ...ctx, db: trx }, 'break.update', `break-${id}`, changed);
  });
}

export async function deleteBreak(ctx: AdminContext, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await ownBreak({ ...ctx, db: trx }, id);
    await trx.deleteFrom('platform_break').where('id', '=', id).where('builtin_key', 'is', null).execute();
    await dropBreakSensitiveSnapshots({ ...ctx, db: trx });
    await audit({ ...ctx, db: trx }, 'break.delete', `break-${id}`, {
      from: before.starts_on,
      to: before.ends_on,
      network: before.network,
      note: before.note,
    });
  });
}
