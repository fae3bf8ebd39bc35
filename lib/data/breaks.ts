import type { DB } from '../../db/client';
import { BUILTIN_BREAK_KEYS, type BuiltinBreakKey, type PlatformBreak } from '../breaks/model';

// Platform breaks are facts about the networks, not about a branch: every
// signed-in viewer reads all of them (docs/access.md).

const BUILTIN = new Set<string>(BUILTIN_BREAK_KEYS);

/** Every platform break, oldest first. */
export async function listBreaks(db: DB): Promise<PlatformBreak[]> {
  const rows = await db
    .selectFrom('platform_break')
    .select(['id', 'builtin_key', 'network', 'starts_on', 'ends_on', 'note'])
    .orderBy('starts_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    // A key this version does not know is shown as an ordinary (still protected) break with its stored note.
    builtinKey: r.builtin_key && BUILTIN.has(r.builtin_key) ? (r.builtin_key as BuiltinBreakKey) : null,
    network: r.network,
    from: r.starts_on,
    to: r.ends_on,
    note: r.note,
  }));
}
