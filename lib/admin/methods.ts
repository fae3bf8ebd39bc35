import { setMethodInEffect, UnknownMethodVersionError } from '@/lib/data/method-choice';
import type { z } from 'zod';
import { clip } from '@/lib/format/excerpt';
import { methodDefinitionSchema, type MethodDefinition } from '@/lib/ranking/method';
import { audit, refuse, type AdminContext } from './context';
import { issueSay } from './errors';

export async function listMethods(ctx: Pick<AdminContext, 'db'>) {
  return ctx.db.selectFrom('ranking_method').selectAll().orderBy('key').orderBy('version', 'desc').execute();
}

/** A method-schema issue as a refusal of the definition, naming the path inside it (e.g. weights.views_per_100k). */
function definitionRefusal(issue: z.core.$ZodIssue) {
  const say = issueSay({ ...issue, message: clip(issue.message, 200) }, clip(issue.path.join('.'), 80) || 'definition');
  return refuse('definition', say.key, say.values);
}

/** Checks a pasted definition: a JSON object with numeric weights, then the full method schema. */
export function validateMethodJson(text: string): { definition: Record<string, unknown> } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw refuse('definition', 'notJson', { detail: clip((e as Error).message, 120) });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse('definition', 'notObject');
  const weights = (value as { weights?: unknown }).weights;
  if (typeof weights !== 'object' || weights === null || Array.isArray(weights)) throw refuse('definition', 'weightsObject');
  for (const [k, w] of Object.entries(weights)) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw refuse('definition', 'weightNumber', { key: clip(k, 40) });
  }
  return { definition: value as Record<string, unknown> };
}

/** Checks a definition as publishing would (JSON, numeric weights, the full schema), for a preview. */
export function checkMethodJson(key: string, text: string): MethodDefinition {
  const { definition } = validateMethodJson(text);
  const check = methodDefinitionSchema.safeParse({ ...definition, key, version: 1 });
  if (!check.success) {
    throw definitionRefusal(check.error.issues[0]!);
  }
  return check.data;
}

/** Publishes the next version of a method; published versions are never edited. */
export async function publishMethod(ctx: AdminContext, key: string, text: string, notes?: string): Promise<number> {
  if (!/^[a-z0-9-]{1,40}$/.test(key)) throw refuse('key', 'methodKey');
  const { definition } = validateMethodJson(text);
  return ctx.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('ranking_method')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('key', '=', key)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const full = { ...definition, key, version };
    const check = methodDefinitionSchema.safeParse(full);
    if (!check.success) {
      throw definitionRefusal(check.error.issues[0]);
    }
    await trx
      .insertInto('ranking_method')
      .values({ key, version, definition: JSON.stringify(full), notes: notes?.trim() || null, published_by: ctx.actor.email })
      .execute();
    await audit({ ...ctx, db: trx }, 'method.publish', `${key}-v${version}`, { notes: notes ?? null });
    return version;
  });
}

/** Makes a published version the method in effect for every ranking that names none; audited. */
export async function chooseMethod(ctx: AdminContext, label: string): Promise<{ previous: string | null; label: string }> {
  if (typeof label !== 'string' || !/^[a-z0-9-]{1,40}-v\d{1,6}$/.test(label)) throw refuse('method', 'chooseVersion');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const r = await setMethodInEffect(trx, label, ctx.actor.email);
      await audit({ ...ctx, db: trx }, 'method.choose', label, { previous: r.previous });
      return r;
    });
  } catch (e) {
    if (e instanceof UnknownMethodVersionError) throw refuse('method', 'noVersion', { label });
    throw e;
  }
}
