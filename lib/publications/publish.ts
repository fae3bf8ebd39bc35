import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { rankingsQuerySchema, type RankingResponse } from '../api/schemas';
import { recordAudit } from '../audit';
import { SYSTEM_VIEWER, type Viewer } from '../auth/viewer';
import { listRankings, resolveRanking } from '../data/rankings';
import { listSnapshotRows } from '../data/ranking-snapshot';
import { UnknownMethodError } from '../data/methods';
import { todayIn } from '../ranking/period';
import { DEFAULT_METHOD } from '../ranking/method';
import { env } from '../env';
import { notifyConfig } from '../notify/config';
import { emitEvent } from '../notify/emit';
import { canonicalJson, publicationDocument, sha256Hex } from './canonical';
import { getPublication, hashedMeta } from './read';
import { publishFieldsSchema, type PublicationMeta } from './schema';

/** The places a publication notice names (the podium). */
const TOP_N = 3;

/** Why a publication was refused; `code` names the message in messages/*.json (publications.errors). */
export class PublicationError extends Error {
  constructor(
    readonly code:
      | 'forbidden'
      | 'invalid_period'
      | 'invalid_field'
      | 'unknown_method'
      | 'future_period'
      | 'nothing_to_publish'
      | 'already_published'
      | 'not_current'
      | 'unknown_publication'
      | 'busy',
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** Who may publish: central staff and admins. */
export function canPublish(viewer: Viewer): boolean {
  return viewer.role === 'admin' || viewer.role === 'central';
}

export interface PublishInput {
  /** Period fields and network as in GET /api/rankings: period, date | from+to, network, method. */
  period?: unknown;
  date?: unknown;
  from?: unknown;
  to?: unknown;
  network?: unknown;
  method?: unknown;
  title?: unknown;
  comment?: unknown;
  supersedes?: unknown;
  reason?: unknown;
}

const present = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : v);

function firstIssue(err: { issues: { path: PropertyKey[]; message: string }[] }): { field: string; message: string } {
  const i = err.issues[0];
  const field = String(i?.path[0] ?? 'input');
  return { field, message: `${field}: ${i?.message ?? 'invalid'}` };
}

interface LiveRanking {
  response: RankingResponse;
  metrics: Map<number, unknown>;
}

/** The live ranking with every detail plus each branch's input figures, from one materialized snapshot. */
async function readLive(db: DB, query: Parameters<typeof listRankings>[2], today: string): Promise<LiveRanking> {
  // A refresh may drop the snapshot between the two reads; then read again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const resolved = await resolveRanking(db, query, { today });
    const [response, rows] = await Promise.all([
      listRankings(db, SYSTEM_VIEWER, query, { today }),
      listSnapshotRows(db, SYSTEM_VIEWER, resolved.snapshot.id),
    ]);
    const sameSnapshot =
      response.freshness.computedAt === new Date(resolved.snapshot.computedAt).toISOString() &&
      response.freshness.asOf === resolved.snapshot.asOf &&
      rows.length === response.rows.length;
    if (sameSnapshot) return { response, metrics: new Map(rows.map((r) => [r.branch.id, r.metrics])) };
  }
  throw new PublicationError('busy', 'the ranking kept changing while it was read; try again');
}

/**
 * Publishes a period's ranking as an official record (docs/methodology.md,
 * "Publication"): the live rows with every detail, the method version, the
 * data as-of day, who and when, title and comment, and the sha256 of their
 * canonical serialization. A second record of the same period and network
 * must supersede the current one, with a reason. Audited.
 */
export async function publishRanking(
  db: DB,
  viewer: Viewer,
  input: PublishInput,
  opts: { today?: string; now?: Date; ip?: string | null; userAgent?: string | null } = {},
): Promise<PublicationMeta> {
  if (!canPublish(viewer)) throw new PublicationError('forbidden', 'Forbidden');
  const q = rankingsQuerySchema.safeParse({
    period: present(input.period),
    date: present(input.date),
    from: present(input.from),
    to: present(input.to),
    network: present(input.network),
    method: present(input.method),
  });
  if (!q.success) {
    const { field, message } = firstIssue(q.error);
    throw new PublicationError('invalid_period', message, field);
  }
  const f = publishFieldsSchema.safeParse({
    title: typeof input.title === 'string' ? input.title : '',
    comment: present(input.comment),
    supersedes: present(input.supersedes),
    reason: present(input.reason),
  });
  if (!f.success) {
    const { field, message } = firstIssue(f.error);
    throw new PublicationError('invalid_field', message, field);
  }
  const fields = f.data;
  if (fields.supersedes !== undefined && fields.reason === undefined)
    throw new PublicationError('invalid_field', 'reason: a correction needs a reason', 'reason');
  if (fields.supersedes === undefined && fields.reason !== undefined)
    throw new PublicationError('invalid_field', 'reason: only a correction has a reason', 'reason');

  const query = { ...q.data, district: undefined };
  const today = opts.today ?? todayIn(DEFAULT_METHOD.timeZone);
  let live: LiveRanking;
  try {
    live = await readLive(db, query, today);
  } catch (e) {
    if (e instanceof UnknownMethodError) throw new PublicationError('unknown_method', `method: ${e.message}`, 'method');
    throw e;
  }
  const { rows: liveRows, district: _district, ...summaryFields } = live.response;
  if (summaryFields.period.from > today) throw new PublicationError('future_period', 'period: the period has not started yet', 'period');
  if (summaryFields.counts.eligible === 0)
    throw new PublicationError('nothing_to_publish', 'period: no branch is ranked for this period and network', 'period');

  const rowTexts = liveRows.map((r) => canonicalJson({ ...r, metrics: live.metrics.get(r.branch.id) ?? null }));
  const summary = canonicalJson(summaryFields);
  const publishedAt = new Date(Math.floor((opts.now ?? new Date()).getTime()));
  const header = {
    scope: summaryFields.network,
    period_kind: summaryFields.period.kind,
    period_from: summaryFields.period.from,
    period_to: summaryFields.period.to,
    period_label: summaryFields.period.label,
    method_key: summaryFields.method.key,
    method_version: summaryFields.method.version,
    as_of: summaryFields.freshness.asOf,
    last_data_day: summaryFields.freshness.lastDataDay,
    title: fields.title,
    comment: fields.comment,
    published_by_email: viewer.email,
    published_by_name: viewer.name ?? '',
    published_at: publishedAt,
    supersedes_id: fields.supersedes ?? null,
    reason: fields.supersedes !== undefined ? (fields.reason ?? null) : null,
  };
  const hash = sha256Hex(publicationDocument(hashedMeta(header), summary, rowTexts));

  const id = await db.transaction().execute(async (trx) => {
    // One writer per period and network at a time; the unique indexes are the backstop.
    await sql`select pg_advisory_xact_lock(hashtext(${`publication:${header.scope}:${header.period_from}:${header.period_to}`}))`.execute(
      trx,
    );
    const head = await trx
      .selectFrom('ranking_publication as p')
      .select('p.id')
      .where('p.scope', '=', header.scope)
      .where('p.period_from', '=', header.period_from)
      .where('p.period_to', '=', header.period_to)
      .where(sql<boolean>`not exists (select 1 from ranking_publication n where n.supersedes_id = p.id)`)
      .executeTakeFirst();
    if (fields.supersedes === undefined && head)
      throw new PublicationError(
        'already_published',
        `this period is already published (#${head.id}); publish a correction that supersedes it`,
        'supersedes',
      );
    if (fields.supersedes !== undefined) {
      const old = await trx.selectFrom('ranking_publication').select('id').where('id', '=', fields.supersedes).executeTakeFirst();
      if (!old) throw new PublicationError('unknown_publication', `supersedes: no publication #${fields.supersedes}`, 'supersedes');
      if (!head || head.id !== fields.supersedes)
        throw new PublicationError(
          'not_current',
          `supersedes: #${fields.supersedes} is not the publication in force for this period and network${head ? ` (#${head.id} is)` : ''}`,
          'supersedes',
        );
    }
    const method = await trx
      .selectFrom('ranking_method')
      .select('id')
      .where('key', '=', header.method_key)
      .where('version', '=', header.method_version)
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto('ranking_publication')
      .values({
        ...header,
        method_id: method.id,
        published_by_id: viewer.userId === SYSTEM_VIEWER.userId ? null : viewer.userId,
        summary,
        content_hash: hash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const values = liveRows.map((r, i) => ({
      publication_id: inserted.id,
      position: i,
      branch_id: r.branch.id,
      eligible: r.eligible,
      rank: r.rank,
      score: r.score,
      row_json: rowTexts[i],
    }));
    for (let i = 0; i < values.length; i += 500)
      await trx
        .insertInto('ranking_publication_row')
        .values(values.slice(i, i + 500))
        .execute();
    await recordAudit(trx, {
      action: fields.supersedes !== undefined ? 'ranking.publish_correction' : 'ranking.publish',
      actor: viewer,
      target: `publication:${inserted.id}`,
      detail: {
        period: header.period_label,
        network: header.scope,
        method: `${header.method_key}-v${header.method_version}`,
        asOf: header.as_of,
        hash,
        supersedes: header.supersedes_id,
        reason: header.reason,
      },
      ip: opts.ip ?? null,
      userAgent: opts.userAgent ?? null,
    });
    // Central staff, admins and coordinators hear of it, written with the publication (docs/notifications.md).
    await emitEvent(
      trx as unknown as DB,
      notifyConfig(env()),
      {
        type: 'publication',
        publicationId: inserted.id,
        title: header.title,
        period: header.period_label,
        correction: fields.supersedes !== undefined,
        top: liveRows
          .filter((r) => r.rank !== null && r.score !== null && r.rank <= TOP_N)
          .map((r) => ({ rank: r.rank!, name: r.branch.name, nameEn: r.branch.nameEn, score: r.score! })),
        ranks: Object.fromEntries(liveRows.map((r) => [String(r.branch.id), r.rank])),
      },
      `publication:${inserted.id}`,
    );
    return inserted.id;
  });
  const meta = await getPublication(db, viewer, id);
  if (!meta) throw new Error(`publication #${id} vanished after insert`);
  return meta;
}
