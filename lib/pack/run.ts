import type { DB } from '../../db/client';
import { rankingsQuerySchema } from '../api/schemas';
import { recordAudit } from '../audit';
import { SYSTEM_VIEWER } from '../auth/viewer';
import { UnknownMethodError } from '../data/methods';
import { buildPack } from './build';
import { ChromiumMissingError } from './render';
import { PackSourceError } from './source';
import { env } from '../env';
import { notifyConfig } from '../notify/config';
import { emitEvent } from '../notify/emit';

// The worker's side of a meeting pack: build it and store the zip. Kept apart
// from store.ts, which the web server imports without Chromium or react-dom/server.

/** Failures that retrying cannot fix: recorded on the pack, the job ends. */
function isFinal(err: unknown): boolean {
  return (
    err instanceof ChromiumMissingError || err instanceof PackSourceError || err instanceof UnknownMethodError || err instanceof RangeError
  );
}

/**
 * Builds a queued pack (the worker's task). Claims the row first, so two
 * workers never build the same pack; a pack already done is left alone.
 */
export async function runPack(db: DB, id: number, opts: { chromiumPath: string; now?: Date }): Promise<'done' | 'failed' | 'skipped'> {
  const claimed = await db
    .updateTable('meeting_pack')
    .set({ status: 'running', started_at: new Date(), error: null })
    .where('id', '=', id)
    .where('status', 'in', ['scheduled', 'failed', 'running'])
    .returning(['period_label', 'query', 'source', 'locale'])
    .executeTakeFirst();
  if (!claimed) return 'skipped';
  try {
    // The pack is built with full detail: only central staff and admins can download it.
    const built = await buildPack(
      db,
      SYSTEM_VIEWER,
      { query: rankingsQuerySchema.parse(claimed.query), source: claimed.source, locale: claimed.locale },
      opts,
    );
    // Stored, audited and announced together (docs/notifications.md), or not at all.
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('meeting_pack')
        .set({
          status: 'done',
          finished_at: new Date(),
          filename: built.filename,
          size_bytes: built.zip.length,
          sha256: built.sha256,
          content: built.zip,
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, {
        action: 'pack.generated',
        actor: SYSTEM_VIEWER,
        target: `pack:${id}`,
        detail: { period: built.periodLabel, files: built.files, bytes: built.zip.length, sha256: built.sha256, rows: built.rows },
      });
      await emitEvent(
        trx as unknown as DB,
        notifyConfig(env()),
        { type: 'pack', packId: id, period: built.periodLabel, filename: built.filename },
        `pack:${id}`,
      );
    });
    return 'done';
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    await db.updateTable('meeting_pack').set({ status: 'failed', finished_at: new Date(), error: message }).where('id', '=', id).execute();
    await recordAudit(db, { action: 'pack.failed', actor: SYSTEM_VIEWER, target: `pack:${id}`, detail: { error: message } });
    if (isFinal(err)) return 'failed';
    throw err;
  }
}
