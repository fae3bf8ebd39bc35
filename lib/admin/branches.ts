import { excerpt } from '@/lib/format/excerpt';
import { z } from 'zod';
import { FEDERAL_DISTRICTS } from '@/lib/networks';
import { audit, refuse, type AdminContext } from './context';
import { issueSay } from './errors';

// Custom messages are keys of `adminErrors` (lib/admin/errors.ts).
export const branchInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'slugFormat'),
  name: z.string().trim().min(1).max(200),
  name_en: z.string().trim().min(1).max(200),
  region_code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^RU-[A-Z]{2,3}$/, 'regionFormat'),
  federal_district: z.enum(FEDERAL_DISTRICTS),
  // The column is a 4-byte integer; a larger number is a typo, not a region.
  population: z.number().int().positive().max(2_147_483_647).nullable(),
});
export type BranchInput = z.infer<typeof branchInputSchema>;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const field = String(r.error.issues[0].path[0] ?? 'input');
    const say = issueSay(r.error.issues[0], field);
    throw refuse(field, say.key, say.values);
  }
  return r.data;
}

export async function listAllBranches(ctx: Pick<AdminContext, 'db'>) {
  return ctx.db.selectFrom('branch').selectAll().orderBy('name').execute();
}

async function ensureUnique(ctx: AdminContext, b: BranchInput, exceptId?: number) {
  let q = ctx.db
    .selectFrom('branch')
    .select(['slug', 'region_code'])
    .where((eb) => eb.or([eb('slug', '=', b.slug), eb('region_code', '=', b.region_code)]));
  if (exceptId) q = q.where('id', '<>', exceptId);
  const clash = await q.executeTakeFirst();
  if (clash)
    throw clash.slug === b.slug
      ? refuse('slug', 'slugTaken', { slug: b.slug })
      : refuse('region_code', 'regionTaken', { region: b.region_code });
}

export async function createBranch(ctx: AdminContext, input: unknown): Promise<number> {
  const b = parse(branchInputSchema, input);
  await ensureUnique(ctx, b);
  const row = await ctx.db.insertInto('branch').values(b).returning('id').executeTakeFirstOrThrow();
  await audit(ctx, 'branch.create', b.slug, { ...b });
  return row.id;
}

export async function updateBranch(ctx: AdminContext, id: number, input: unknown): Promise<void> {
  const b = parse(branchInputSchema, input);
  const before = await ctx.db.selectFrom('branch').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw refuse('branch', 'noBranch');
  await ensureUnique(ctx, b, id);
  await ctx.db.updateTable('branch').set(b).where('id', '=', id).execute();
  const changed = Object.fromEntries(
    Object.entries(b)
      .filter(([k, v]) => (before as Record<string, unknown>)[k] !== v)
      .map(([k, v]) => [k, { from: (before as Record<string, unknown>)[k], to: v }]),
  );
  await audit(ctx, 'branch.update', b.slug, changed);
}

export async function setBranchArchived(ctx: AdminContext, slug: string, archived: boolean): Promise<void> {
  const r = await ctx.db
    .updateTable('branch')
    .set({ archived_at: archived ? new Date() : null })
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw refuse('branch', 'noBranchSlug', { slug: excerpt(slug) });
  await audit(ctx, archived ? 'branch.archive' : 'branch.unarchive', slug);
}
