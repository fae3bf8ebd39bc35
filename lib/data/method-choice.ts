import type { DB } from '../../db/client';
import { methodLabel, parseMethod } from '../ranking/method';

export interface MethodInEffect {
  methodId: number;
  label: string;
  chosenAt: Date;
  chosenBy: string | null;
}

/** The method rankings use when a request names none (one row, set by migration 0006 and by admins). */
export async function getMethodInEffect(db: DB): Promise<MethodInEffect | undefined> {
  const row = await db
    .selectFrom('ranking_method_choice as c')
    .innerJoin('ranking_method as m', 'm.id', 'c.method_id')
    .select(['c.method_id', 'c.chosen_at', 'c.chosen_by', 'm.definition'])
    .executeTakeFirst();
  if (!row) return undefined;
  return { methodId: row.method_id, label: methodLabel(parseMethod(row.definition)), chosenAt: row.chosen_at, chosenBy: row.chosen_by };
}

export class UnknownMethodVersionError extends Error {}

/**
 * Makes a published version the method in effect; run it inside the caller's
 * transaction (lib/admin/methods.ts audits in the same one). Rankings are stored
 * per method version, so nothing is recomputed: the other version's snapshots
 * stay and `?method=` still reaches them. Returns the previous label (null if none).
 */
export async function setMethodInEffect(trx: DB, label: string, by: string | null): Promise<{ previous: string | null; label: string }> {
  const m = label.match(/^([a-z0-9-]+)-v(\d{1,6})$/);
  if (!m) throw new UnknownMethodVersionError(`not a method version: "${label.slice(0, 60)}"`);
  const target = await trx
    .selectFrom('ranking_method')
    .select('id')
    .where('key', '=', m[1])
    .where('version', '=', Number(m[2]))
    .executeTakeFirst();
  if (!target) throw new UnknownMethodVersionError(`no published method ${label}`);
  const before = await getMethodInEffect(trx);
  await trx.deleteFrom('ranking_method_choice').execute();
  await trx.insertInto('ranking_method_choice').values({ method_id: target.id, chosen_by: by }).execute();
  return { previous: before?.label ?? null, label };
}
