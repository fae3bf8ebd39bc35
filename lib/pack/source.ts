import { z } from 'zod';
import type { DB } from '../../db/client';
import type { RankingResponse, RankingsQuery } from '../api/schemas';
import type { Viewer } from '../auth/viewer';
import { listRankings } from '../data/rankings';
import { findPublishedRanking } from '../publications/read';

/** Where a ranking comes from: the live computation, or the period's publication in force. */
export const RANKING_SOURCES = ['live', 'published'] as const;
export type RankingSource = (typeof RANKING_SOURCES)[number];

/** `source=published|live` beside a ranking query (exports, the report); live by default. */
export const rankingSourceSchema = z.strictObject({ source: z.enum(RANKING_SOURCES).default('live') });

/** Splits `source` off a query (the rest are the ranking's filters). */
export function splitSourceParam(params: URLSearchParams): { source: URLSearchParams; rest: URLSearchParams } {
  const source = new URLSearchParams();
  const rest = new URLSearchParams();
  for (const [k, v] of params) (k === 'source' ? source : rest).append(k, v);
  return { source, rest };
}

/** Whether this build can read published rankings (issue 13 item 1); the packs form offers "published" only then. */
export const PUBLISHED_SOURCE_AVAILABLE = true;

/** The ranking cannot be read from the asked source (no publication for the period). */
export class PackSourceError extends Error {}

/**
 * The ranking an export, the report or a pack shows, scoped to the viewer:
 * "published" is the publication in force for the period (its stored rows,
 * never recomputed); there is no silent fallback to live data.
 */
export async function loadRanking(db: DB, viewer: Viewer, query: RankingsQuery, source: RankingSource): Promise<RankingResponse> {
  if (source === 'live') return listRankings(db, viewer, query);
  const published = await findPublishedRanking(db, viewer, query);
  if (!published)
    throw new PackSourceError('this period has no published ranking for that network and method; publish it first or use the current data');
  return published;
}
