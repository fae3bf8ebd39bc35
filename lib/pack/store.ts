import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { recordAudit } from '../audit';
import { SYSTEM_VIEWER, type Viewer } from '../auth/viewer';
import type { ParsedPackRequest } from './request';

export const TASK_MEETING_PACK = 'podium_meeting_pack';

/** Packs hold every branch's detail: central staff and admins only. */
export function canUsePacks(viewer: Viewer): boolean {
  return viewer.role === 'admin' || viewer.role === 'central';
}

export class PackForbiddenError extends Error {
  constructor() {
    super('meeting packs are for central staff and admins');
  }
}

export interface PackSummary {
  id: number;
  periodLabel: string;
  network: string;
  source: 'live' | 'published';
  locale: 'ru' | 'en';
  status: 'scheduled' | 'running' | 'done' | 'failed';
  runAt: Date;
  requestedBy: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  error: string | null;
  filename: string | null;
  sizeBytes: number | null;
  sha256: string | null;
}

interface Origin {
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Records a pack request and queues its build for `runAt` (now when absent).
 * The job is added in the same transaction as the row, through
 * graphile-worker's SQL API, so the web server needs no worker library.
 */
export async function requestPack(db: DB, viewer: Viewer, req: ParsedPackRequest, origin: Origin = {}): Promise<number> {
  if (!canUsePacks(viewer)) throw new PackForbiddenError();
  const runAt = req.runAt ?? new Date();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('meeting_pack')
      .values({
        period_label: req.periodLabel,
        query: JSON.stringify(req.query),
        source: req.source,
        locale: req.locale,
        run_at: runAt,
        requested_by: viewer.userId === SYSTEM_VIEWER.userId || viewer.userId === 'system' ? null : viewer.userId,
        requested_by_email: viewer.email,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`select graphile_worker.add_job(${TASK_MEETING_PACK}, json_build_object('packId', ${row.id}::int), run_at => ${runAt}::timestamptz, max_attempts => 2, job_key => ${`meeting-pack:${row.id}`})`.execute(
      trx,
    );
    return row.id;
  });
  await recordAudit(db, {
    action: 'pack.requested',
    actor: viewer,
    target: `pack:${id}`,
    detail: { period: req.periodLabel, network: req.query.network, source: req.source, locale: req.locale, runAt: runAt.toISOString() },
    ...origin,
  });
  return id;
}

/** Packs, newest first, without their content; none for a viewer who may not use them. */
export async function listPacks(db: DB, viewer: Viewer, limit = 100): Promise<PackSummary[]> {
  if (!canUsePacks(viewer)) return [];
  const rows = await db
    .selectFrom('meeting_pack')
    .select([
      'id',
      'period_label',
      'query',
      'source',
      'locale',
      'status',
      'run_at',
      'requested_by_email',
      'created_at',
      'finished_at',
      'error',
      'filename',
      'size_bytes',
      'sha256',
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    periodLabel: r.period_label,
    network: r.query.network ?? 'all',
    source: r.source,
    locale: r.locale,
    status: r.status,
    runAt: r.run_at,
    requestedBy: r.requested_by_email,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    error: r.error,
    filename: r.filename,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
  }));
}

/** A finished pack's zip; undefined when unknown, unfinished or not the viewer's to read. */
export async function getPackFile(
  db: DB,
  viewer: Viewer,
  id: number,
): Promise<{ filename: string; content: Buffer; sha256: string | null } | undefined> {
  if (!canUsePacks(viewer)) return undefined;
  const row = await db
    .selectFrom('meeting_pack')
    .select(['filename', 'content', 'sha256'])
    .where('id', '=', id)
    .where('status', '=', 'done')
    .executeTakeFirst();
  if (!row?.content || !row.filename) return undefined;
  return { filename: row.filename, content: row.content, sha256: row.sha256 };
}
