import type { DB } from '../../db/client';
import type { RankingResponse } from '../api/schemas';
import { type MethodDefinition, methodComponents, methodLabel, parseMethod, DEFAULT_METHOD } from '../ranking/method';

// Method versions as stored (docs/methodology.md, "Versions"): read, parse once, publish,
// and how a response names them.

export interface StoredMethod {
  id: number;
  definition: MethodDefinition;
}

/** A published method version by label ("podium-v1"), or the method in effect (chosen by an admin). */
export async function getMethod(db: DB, label?: string): Promise<StoredMethod | undefined> {
  let q = db.selectFrom('ranking_method').select(['id', 'key', 'version', 'definition']);
  if (label) {
    const m = label.match(/^(.+)-v(\d+)$/);
    if (!m) return undefined;
    q = q.where('key', '=', m[1]).where('version', '=', Number(m[2]));
  } else {
    const chosen = await db.selectFrom('ranking_method_choice').select('method_id').executeTakeFirst();
    q = chosen ? q.where('id', '=', chosen.method_id) : q.where('key', '=', DEFAULT_METHOD.key).orderBy('version', 'desc').limit(1);
  }
  const row = await q.executeTakeFirst();
  if (!row) return label ? undefined : ensureDefaultMethod(db);
  return { id: row.id, definition: parsedDefinition(row.id, row.definition) };
}

const parsedMethods = new Map<number, MethodDefinition>();

/** A stored method's definition, parsed once: published versions never change, so it is kept by id. */
export function parsedDefinition(id: number, raw: unknown): MethodDefinition {
  let definition = parsedMethods.get(id);
  if (!definition) {
    definition = parseMethod(raw);
    parsedMethods.set(id, definition);
  }
  return definition;
}

/** The method in effect (or a named version) with its publication date, for the methodology page. */
export async function getMethodWithDate(db: DB, label?: string): Promise<StoredMethod & { publishedAt: Date | null }> {
  const m = (await getMethod(db, label)) ?? (await ensureDefaultMethod(db));
  const row = await db.selectFrom('ranking_method').select('published_at').where('id', '=', m.id).executeTakeFirst();
  return { ...m, publishedAt: row?.published_at ?? null };
}

/** Stores the built-in default method if no version of it exists yet (the migration normally did). */
export async function ensureDefaultMethod(db: DB): Promise<StoredMethod> {
  await insertMethod(db, DEFAULT_METHOD, 'Default method (docs/methodology.md)');
  const row = await db
    .selectFrom('ranking_method')
    .select(['id', 'definition'])
    .where('key', '=', DEFAULT_METHOD.key)
    .where('version', '=', DEFAULT_METHOD.version)
    .executeTakeFirstOrThrow();
  return { id: row.id, definition: parseMethod(row.definition) };
}

/** Publishes a method version; an existing (key, version) is never overwritten. */
export async function insertMethod(db: DB, def: MethodDefinition, notes: string | null = null, by: string | null = null): Promise<void> {
  const valid = parseMethod(def);
  await db
    .insertInto('ranking_method')
    .values({ key: valid.key, version: valid.version, definition: JSON.stringify(valid), notes, published_by: by })
    .onConflict((oc) => oc.columns(['key', 'version']).doNothing())
    .execute();
}

export class UnknownMethodError extends Error {}

/** How a response names its method (and the engagement variant the score uses). */
export function methodRef(m: MethodDefinition): RankingResponse['method'] {
  return {
    key: m.key,
    version: m.version,
    label: methodLabel(m),
    engagement: m.engagement ?? 'by_views',
    components: methodComponents(m),
    activityCap: m.caps.postsPerWeek,
  };
}
