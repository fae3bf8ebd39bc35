import { sql, type Selectable } from 'kysely';
import type { DB } from '../../db/client';
import type { RankingPublicationTable } from '../../db/schema-publication';
import type { NetworkScope, PeriodKind, RankingResponse, RankingRow } from '../api/schemas';
import { canSeeBranchDetail, type Viewer } from '../auth/viewer';
import type { FederalDistrict } from '../networks';
import { methodLabel } from '../ranking/method';
import { resolvePeriod, todayIn, type PeriodRequest } from '../ranking/period';
import { DEFAULT_METHOD } from '../ranking/method';
import { canonicalJson, publicationDocument, sha256Hex } from './canonical';
import type { PublicationMeta, PublishedRanking } from './schema';

export type PublicationHeader = Selectable<RankingPublicationTable> & { superseded_by: number | null };

/** A stored row: the live ranking's row as it was, with the branch's input figures. */
export type StoredRow = RankingRow & { metrics?: Record<string, number | null> | null } & Record<string, unknown>;

const HEADER_COLUMNS = [
  'p.id',
  'p.scope',
  'p.period_kind',
  'p.period_from',
  'p.period_to',
  'p.period_label',
  'p.method_id',
  'p.method_key',
  'p.method_version',
  sql<string>`p.as_of::text`.as('as_of'),
  sql<string | null>`p.last_data_day::text`.as('last_data_day'),
  'p.title',
  'p.comment',
  'p.published_by_id',
  'p.published_by_email',
  'p.published_by_name',
  'p.published_at',
  'p.supersedes_id',
  'p.reason',
  'p.summary',
  'p.content_hash',
  sql<number | null>`(select n.id from ranking_publication n where n.supersedes_id = p.id)`.as('superseded_by'),
] as const;

function headers(db: DB) {
  return db.selectFrom('ranking_publication as p').select(HEADER_COLUMNS);
}

/** The metadata part of the hashed document (docs/methodology.md, "Publication"). */
export function hashedMeta(
  h: Omit<PublicationHeader, 'id' | 'summary' | 'content_hash' | 'superseded_by' | 'method_id' | 'published_by_id'>,
): string {
  return canonicalJson({
    title: h.title,
    comment: h.comment,
    network: h.scope,
    period: { kind: h.period_kind, from: h.period_from, to: h.period_to, label: h.period_label },
    method: { key: h.method_key, version: h.method_version },
    asOf: h.as_of,
    lastDataDay: h.last_data_day,
    publishedAt: new Date(h.published_at).toISOString(),
    publishedBy: { email: h.published_by_email, name: h.published_by_name },
    supersedes: h.supersedes_id,
    reason: h.reason,
  });
}

export function toMeta(h: PublicationHeader): PublicationMeta {
  return {
    id: h.id,
    title: h.title,
    comment: h.comment,
    network: h.scope as NetworkScope,
    period: { kind: h.period_kind as PeriodKind, from: h.period_from, to: h.period_to, label: h.period_label },
    method: { key: h.method_key, version: h.method_version, label: methodLabel({ key: h.method_key, version: h.method_version }) },
    asOf: h.as_of,
    lastDataDay: h.last_data_day,
    publishedAt: new Date(h.published_at).toISOString(),
    publishedBy: { email: h.published_by_email, name: h.published_by_name },
    hash: h.content_hash,
    supersedes: h.supersedes_id === null ? null : { id: h.supersedes_id, reason: h.reason ?? '' },
    supersededBy: h.superseded_by,
  };
}

/** Metadata of one publication; publications are open to every signed-in viewer (rows are scoped). */
export async function getPublication(db: DB, _viewer: Viewer, id: number): Promise<PublicationMeta | undefined> {
  const h = await headers(db).where('p.id', '=', id).executeTakeFirst();
  return h ? toMeta(h) : undefined;
}

export interface PublicationFilter {
  network?: NetworkScope;
  /** Publications of periods overlapping [from, to]. */
  from?: string;
  to?: string;
  limit?: number;
}

/** Publications, newest first. */
export async function listPublications(db: DB, _viewer: Viewer, filter: PublicationFilter = {}): Promise<PublicationMeta[]> {
  let q = headers(db);
  if (filter.network) q = q.where('p.scope', '=', filter.network);
  if (filter.from) q = q.where('p.period_to', '>=', filter.from);
  if (filter.to) q = q.where('p.period_from', '<=', filter.to);
  const rows = await q
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(Math.min(Math.max(filter.limit ?? 500, 1), 5000))
    .execute();
  return rows.map(toMeta);
}

/** Every publication of the same period and network as `id`, oldest first (the supersession chain). */
export async function listChain(db: DB, viewer: Viewer, id: number): Promise<PublicationMeta[]> {
  const h = await getPublication(db, viewer, id);
  if (!h) return [];
  const rows = await headers(db)
    .where('p.scope', '=', h.network)
    .where('p.period_from', '=', h.period.from)
    .where('p.period_to', '=', h.period.to)
    .orderBy('p.id', 'asc')
    .execute();
  return rows.map(toMeta);
}

/**
 * The publication in force for a period and network: the head of its chain
 * (not superseded). With `method`, only if published with that version.
 */
export async function findPublishedFor(
  db: DB,
  viewer: Viewer,
  input: PeriodRequest & { network: NetworkScope; method?: string },
  opts: { today?: string } = {},
): Promise<PublicationMeta | undefined> {
  const period = resolvePeriod(input, opts.today ?? todayIn(DEFAULT_METHOD.timeZone));
  const h = await headers(db)
    .where('p.scope', '=', input.network)
    .where('p.period_from', '=', period.from)
    .where('p.period_to', '=', period.to)
    .where(sql<boolean>`not exists (select 1 from ranking_publication n where n.supersedes_id = p.id)`)
    .executeTakeFirst();
  if (!h) return undefined;
  const meta = toMeta(h);
  return input.method && input.method !== meta.method.label ? undefined : meta;
}

/** The stored parts of a publication, exactly as written. */
export async function readStored(db: DB, id: number): Promise<{ header: PublicationHeader; rows: string[] } | undefined> {
  const header = await headers(db).where('p.id', '=', id).executeTakeFirst();
  if (!header) return undefined;
  const rows = await db
    .selectFrom('ranking_publication_row')
    .select('row_json')
    .where('publication_id', '=', id)
    .orderBy('position')
    .execute();
  return { header, rows: rows.map((r) => r.row_json) };
}

/** The canonical document of a stored publication and whether it still matches its hash. */
export async function verifyPublication(db: DB, id: number): Promise<{ document: string; hash: string; valid: boolean } | undefined> {
  const s = await readStored(db, id);
  if (!s) return undefined;
  const document = publicationDocument(hashedMeta(s.header), s.header.summary, s.rows);
  const hash = sha256Hex(document);
  return { document, hash, valid: hash === s.header.content_hash };
}

/** A row as a viewer may see it: other branches' rows carry branch, rank and score only. */
export function scopeRow(viewer: Viewer, row: StoredRow): RankingRow {
  if (!canSeeBranchDetail(viewer, row.branch.id)) {
    return {
      branch: row.branch,
      eligible: row.eligible,
      rank: row.rank,
      score: row.score,
      previousRank: null,
      change: null,
      rankRange: null,
      detail: null,
    };
  }
  const { metrics: _metrics, ...rest } = row;
  // Rows published before rank ranges existed have none.
  return { ...rest, rankRange: (rest as Partial<RankingRow>).rankRange ?? null } as RankingRow;
}

/**
 * A published ranking in the live ranking's shape, scoped to the viewer
 * like the live one; `district` filters rows (ranks stay national).
 */
export async function getPublishedRanking(
  db: DB,
  viewer: Viewer,
  id: number,
  filter: { district?: FederalDistrict } = {},
): Promise<PublishedRanking | undefined> {
  const s = await readStored(db, id);
  if (!s) return undefined;
  const summary = JSON.parse(s.header.summary) as Omit<RankingResponse, 'rows' | 'district'>;
  const rows = s.rows
    .map((r) => JSON.parse(r) as StoredRow)
    .filter((r) => !filter.district || r.branch.federalDistrict === filter.district)
    .map((r) => scopeRow(viewer, r));
  // Publications made before data sensitivity existed carry none.
  const robustness = { ...summary.robustness, data: summary.robustness.data ?? null };
  return { ...summary, robustness, district: filter.district ?? null, rows, publication: toMeta(s.header) };
}

/**
 * The published ranking in force for a ranking query (period, network,
 * optional method and district), scoped to the viewer; undefined when the
 * period is not published. What exports and the meeting pack use for
 * "published" (the live counterpart is listRankings).
 */
export async function findPublishedRanking(
  db: DB,
  viewer: Viewer,
  query: PeriodRequest & { network: NetworkScope; method?: string; district?: FederalDistrict | '' },
  opts: { today?: string } = {},
): Promise<PublishedRanking | undefined> {
  const meta = await findPublishedFor(db, viewer, query, opts);
  return meta ? getPublishedRanking(db, viewer, meta.id, { district: query.district || undefined }) : undefined;
}
