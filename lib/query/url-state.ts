import { FEDERAL_DISTRICTS, type FederalDistrict } from '@/lib/networks';
import type { RankingsQuery } from '@/lib/api/schemas';
import { isNetworkScope, isPeriodKind, SERIES_METRICS, type NetworkScope, type PeriodKind, type SeriesMetric } from '@/lib/api/vocabulary';
import { addDays } from '@/lib/ranking/period';
import { COMPARE_BASES, type CompareBasis } from '@/lib/compare/basis';

// The URL holds the whole view state, so a link reproduces the view. Parsing
// is forgiving: a bad value falls back to its default instead of failing.

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function get(p: Params, k: string): string | undefined {
  if (p instanceof URLSearchParams) return p.get(k) ?? undefined;
  const v = p[k];
  return Array.isArray(v) ? v[0] : v;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE = /^\d{4}(-W\d{2}|-Q[1-4]|-\d{2}(-\d{2})?)?$/;

export interface PeriodState {
  period: PeriodKind;
  date?: string;
  from?: string;
  to?: string;
  network: NetworkScope;
}

export function parsePeriodState(p: Params): PeriodState {
  const kind = get(p, 'period');
  const net = get(p, 'network');
  const period = isPeriodKind(kind) ? kind : 'month';
  const network = isNetworkScope(net) ? net : 'all';
  if (period === 'custom') {
    const from = get(p, 'from');
    const to = get(p, 'to');
    if (from && to && DAY.test(from) && DAY.test(to) && from <= to) return { period, from, to, network };
    return { period: 'month', network };
  }
  const date = get(p, 'date');
  return { period, date: date && DATE.test(date) ? date : undefined, network };
}

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

/** The URL search string of a state, leaving out defaults. */
export function rankingSearch(s: RankingState): string {
  const sp = new URLSearchParams();
  if (s.period !== 'month') sp.set('period', s.period);
  if (s.period === 'custom') {
    if (s.from) sp.set('from', s.from);
    if (s.to) sp.set('to', s.to);
  } else if (s.date) sp.set('date', s.date);
  if (s.network !== 'all') sp.set('network', s.network);
  if (s.district) sp.set('district', s.district);
  if (s.sort !== 'rank') sp.set('sort', s.sort);
  if (s.dir !== defaultDir(s.sort)) sp.set('dir', s.dir);
  if (s.view === 'live') sp.set('view', 'live');
  const str = sp.toString();
  return str ? `?${str}` : '';
}

/** Period fields as a query string for links between pages. */
export function periodSearch(s: PeriodState, extra: Record<string, string | undefined> = {}): string {
  const sp = new URLSearchParams();
  if (s.period !== 'month') sp.set('period', s.period);
  if (s.period === 'custom') {
    if (s.from) sp.set('from', s.from);
    if (s.to) sp.set('to', s.to);
  } else if (s.date) sp.set('date', s.date);
  if (s.network !== 'all') sp.set('network', s.network);
  for (const [k, v] of Object.entries(extra)) if (v) sp.set(k, v);
  const str = sp.toString();
  return str ? `?${str}` : '';
}

export function parseMetric(p: Params, fallback: SeriesMetric = 'views'): SeriesMetric {
  const m = get(p, 'metric');
  return (SERIES_METRICS as readonly string[]).includes(m ?? '') ? (m as SeriesMetric) : fallback;
}

/** The period after or before a resolved one, as a `date` value (any day inside it). */
export function shiftPeriodDate(from: string, to: string, step: 1 | -1): string {
  return addDays(step > 0 ? to : from, step);
}

export interface CompareState extends PeriodState {
  branches: string[];
  metric: SeriesMetric;
  granularity: 'day' | 'week' | 'month';
  /** per 100k residents (the default), per 1,000 followers, or absolute (docs/ui.md, "Compare"). */
  basis: CompareBasis;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The compare view: the branches, the metric on a basis, and the ranking's period fields. */
export function parseCompareState(p: Params): CompareState {
  const raw = (get(p, 'branches') ?? '').split(',').map((s) => s.trim());
  const branches = [...new Set(raw.filter((s) => SLUG.test(s)))].slice(0, 6);
  const g = get(p, 'granularity');
  const b = get(p, 'basis');
  return {
    ...parsePeriodState(p),
    branches,
    metric: parseMetric(p),
    granularity: g === 'week' || g === 'month' ? g : 'day',
    basis: (COMPARE_BASES as readonly string[]).includes(b ?? '') ? (b as CompareBasis) : 'per_100k',
  };
}

export function compareSearch(s: CompareState): string {
  const sp = new URLSearchParams(periodSearch(s).slice(1));
  if (s.branches.length) sp.set('branches', s.branches.join(','));
  if (s.metric !== 'views') sp.set('metric', s.metric);
  if (s.basis !== 'per_100k') sp.set('basis', s.basis);
  if (s.granularity !== 'day') sp.set('granularity', s.granularity);
  const str = sp.toString().replace(/%2C/g, ',');
  return str ? `?${str}` : '';
}

/** The /api/compare query of a compare state (branches as given; the page drops the ones the viewer cannot read). */
export function compareQuery(s: CompareState, branches: string[] = s.branches) {
  return {
    branches,
    metric: s.metric,
    granularity: s.granularity,
    network: s.network,
    basis: s.basis,
    period: s.period,
    ...(s.period === 'custom' ? { from: s.from, to: s.to } : s.date ? { date: s.date } : {}),
  };
}
