import {
  addDays,
  daysInclusive,
  maxDay,
  minDay,
  periodContaining,
  previousPeriod,
  type CalendarKind,
  type Period,
} from '../ranking/period';

// Which period a period button opens, and where to go from a period in which
// nobody is ranked. "Rankable" is not a rule of its own: a period is rankable
// when the method's eligibility rules (coverage, posts) rank at least one
// branch in its materialized ranking (docs/methodology.md, "Periods").

/** How many branches the method ranks in a period (materializing its ranking if needed). */
export type RankedCount = (p: Period) => Promise<number>;

/**
 * The period a kind's button opens (a request without `date`): the latest
 * complete period if anyone is ranked in it, else the running one on its
 * elapsed days if anyone is ranked in that, else the latest complete one —
 * whose page then says why nobody is ranked and where to go instead.
 */
export async function defaultPeriod(kind: CalendarKind, today: string, rankedIn: RankedCount): Promise<Period> {
  const running = periodContaining(kind, today);
  const complete = previousPeriod(running);
  if ((await rankedIn(complete)) > 0) return complete;
  if ((await rankedIn(running)) > 0) return running;
  return complete;
}

/** Periods of one kind tried on each side before giving up (12 months, 3 years of quarters). */
const MAX_STEPS = 12;

/**
 * The nearest period of the same kind in which someone is ranked, looking
 * forward and back one step at a time (a later period first at equal
 * distance), never past the running period or before the first day with data.
 * Null for custom ranges, without data, or when no such period is near.
 */
export async function nearestRankedPeriod(
  p: Period,
  span: { firstDataDay: string | null; today: string },
  rankedIn: RankedCount,
): Promise<Period | null> {
  if (p.kind === 'custom' || span.firstDataDay === null) return null;
  const kind = p.kind;
  const running = periodContaining(kind, span.today);
  let later: Period | null = p;
  let earlier: Period | null = p;
  for (let step = 0; step < MAX_STEPS && (later || earlier); step++) {
    later = later && later.from < running.from ? periodContaining(kind, addDays(later.to, 1)) : null;
    earlier = earlier && earlier.from > span.firstDataDay ? previousPeriod(earlier) : null;
    for (const c of [later, earlier]) if (c && (await rankedIn(c)) > 0) return c;
  }
  return null;
}

/** Days of a period with any data so far: the overlap of [from, to] with [first, last] data day. */
export function daysWithData(p: { from: string; to: string }, firstDataDay: string | null, lastDataDay: string | null): number {
  if (!firstDataDay || !lastDataDay) return 0;
  const from = maxDay(p.from, firstDataDay);
  const to = minDay(p.to, lastDataDay);
  return to < from ? 0 : daysInclusive(from, to);
}
