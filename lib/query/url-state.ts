import { isNetworkScope, isPeriodKind, type NetworkScope, type PeriodKind } from '@/lib/api/vocabulary';
import { addDays } from '@/lib/ranking/days';

// The URL holds the whole view state, so a link reproduces the view. Parsing
// is forgiving: a bad value falls back to its default instead of failing.
// The ranking's and the compare view's own fields are in ranking-state.ts and
// compare-state.ts, so a page's browser code carries only its own
// (docs/benchmarks.md, first-load JavaScript).

export type Params = URLSearchParams | Record<string, string | string[] | undefined>;

export function get(p: Params, k: string): string | undefined {
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

/** The period after or before a resolved one, as a `date` value (any day inside it). */
export function shiftPeriodDate(from: string, to: string, step: 1 | -1): string {
  return addDays(step > 0 ? to : from, step);
}
