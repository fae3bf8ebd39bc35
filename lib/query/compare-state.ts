import { SERIES_METRICS, type SeriesMetric } from '@/lib/api/vocabulary';
import { COMPARE_BASES, type CompareBasis } from '@/lib/compare/basis';
import { get, parsePeriodState, periodSearch, type Params, type PeriodState } from './url-state';

// The compare view's state in the URL (lib/query/url-state.ts).

function parseMetric(p: Params, fallback: SeriesMetric = 'views'): SeriesMetric {
  const m = get(p, 'metric');
  return (SERIES_METRICS as readonly string[]).includes(m ?? '') ? (m as SeriesMetric) : fallback;
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
