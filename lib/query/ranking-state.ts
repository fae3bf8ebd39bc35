import { FEDERAL_DISTRICTS, type FederalDistrict } from '@/lib/networks';
import type { RankingsQuery } from '@/lib/api/schemas';
import { get, parsePeriodState, periodSearch, type Params, type PeriodState } from './url-state';

// The ranking's view state in the URL (lib/query/url-state.ts).

export const SORT_KEYS = ['rank', 'change', 'branch', 'score', 'followers', 'views', 'er', 'posts', 'coverage', 'flags'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface RankingState extends PeriodState {
  district?: FederalDistrict;
  sort: SortKey;
  dir: SortDir;
  /** 'live': current data even when the period is published (the published version is the default). */
  view?: 'live';
}

/** The natural first direction of each column: best first. */
export function defaultDir(sort: SortKey): SortDir {
  return sort === 'rank' || sort === 'branch' ? 'asc' : 'desc';
}

export function parseRankingState(p: Params): RankingState {
  const base = parsePeriodState(p);
  const d = get(p, 'district');
  const district = (FEDERAL_DISTRICTS as readonly string[]).includes(d ?? '') ? (d as FederalDistrict) : undefined;
  const s = get(p, 'sort');
  const sort = (SORT_KEYS as readonly string[]).includes(s ?? '') ? (s as SortKey) : 'rank';
  const dirRaw = get(p, 'dir');
  const dir = dirRaw === 'asc' || dirRaw === 'desc' ? dirRaw : defaultDir(sort);
  return { ...base, district, sort, dir, ...(get(p, 'view') === 'live' ? { view: 'live' as const } : {}) };
}

/** The API query of a ranking state (sorting stays on the client). */
export function rankingQuery(s: RankingState): Partial<RankingsQuery> {
  const q: Partial<RankingsQuery> = { period: s.period, network: s.network };
  if (s.date) q.date = s.date;
  if (s.period === 'custom') {
    q.from = s.from;
    q.to = s.to;
  }
  if (s.district) q.district = s.district;
  return q;
}

/** The URL search string of a state, leaving out defaults: the period fields, then the ranking's own. */
export function rankingSearch(s: RankingState): string {
  return periodSearch(s, {
    district: s.district,
    sort: s.sort !== 'rank' ? s.sort : undefined,
    dir: s.dir !== defaultDir(s.sort) ? s.dir : undefined,
    view: s.view === 'live' ? 'live' : undefined,
  });
}
