import type { DB } from '../../db/client';
import type { RankingResponse, RankingsQuery } from '../api/schemas';
import type { Viewer } from '../auth/viewer';
import { listRankings } from '../data/rankings';

/** Where a pack's ranking comes from: the live computation, or the period's publication. */
export type RankingSource = 'live' | 'published';

/** Whether this build can read published rankings (issue 13 item 1); the packs form offers "published" only then. */
export const PUBLISHED_SOURCE_AVAILABLE = false;

/** The ranking cannot be read from the asked source (e.g. no publication for the period). */
export class PackSourceError extends Error {}

/**
 * The ranking a pack shows. The source is a parameter so a pack of a published
 * period shows exactly the published rows; publications are read through
 * their own module once it exists (issue 13 item 1), until then "published"
 * is refused with a message rather than silently falling back to live data.
 */
export async function loadRanking(db: DB, viewer: Viewer, query: RankingsQuery, source: RankingSource): Promise<RankingResponse> {
  if (source === 'published') throw new PackSourceError('published rankings are not available in this version; make the pack from live data');
  return listRankings(db, viewer, query);
}
