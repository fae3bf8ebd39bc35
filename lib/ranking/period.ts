// The calendar module: every piece of day, week, month, quarter and period
// arithmetic in Podium lives here (collectors, demo data, API validation,
// ranking and charts all import it). Days are 'YYYY-MM-DD' strings, plain dates
// with no time of day, so arithmetic runs in UTC and never meets a DST shift;
// a time zone only decides which day an instant falls on (docs/methodology.md,
// "Periods").
//
// Names say what they return: `diffDays(a, b)` is the signed distance b − a,
// `daysInclusive(from, to)` the number of days in a range counting both ends,
// `eachDay(from, to)` the list of those days. The day arithmetic itself is in
// days.ts (re-exported here), so browser code that only steps days loads that
// part alone.

import { addDays, daysInclusive, diffDays, isValidDay, toUtc } from './days';

export { addDays, daysInclusive, diffDays, eachDay, isValidDay, maxDay, minDay, parseDay } from './days';

export type CalendarKind = 'week' | 'month' | 'quarter' | 'year';
export type PeriodKindAll = CalendarKind | 'custom';

export interface Period {
  kind: PeriodKindAll;
  from: string;
  to: string;
  days: number;
  label: string;
}

/** The calendar day an instant falls on in a time zone. */
export function dayInZone(instant: Date, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
// Building a formatter costs far more than using one.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Today in a time zone, as a day string. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dayInZone(now, timeZone);
}

/** The UTC instant of 00:00 of a day in a time zone (the offset is read at that day's noon). */
export function startOfDayInZone(day: string, timeZone: string): Date {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const local = new Date(noonUtc.toLocaleString('en-US', { timeZone }));
  const utc = new Date(noonUtc.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(toUtc(day) - (local.getTime() - utc.getTime()));
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const wd = new Date(toUtc(day)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export function startOfIsoWeek(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** ISO week-numbering year and week of a day. */
export function isoWeek(day: string): { year: number; week: number } {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(diffDays(`${year}-01-01`, thursday) / 7) + 1;
  return { year, week };
}

/** Monday of ISO week `week` of ISO year `year`, or null if the year has no such week. */
export function isoWeekStart(year: number, week: number): string | null {
  if (week < 1 || week > 53) return null;
  const jan4 = `${String(year).padStart(4, '0')}-01-04`;
  const monday = addDays(startOfIsoWeek(jan4), (week - 1) * 7);
  const w = isoWeek(monday);
  return w.year === year && w.week === week ? monday : null;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function startOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
export function endOfMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return `${day.slice(0, 7)}-${pad(daysInMonth(y, m))}`;
}
export function startOfQuarter(day: string): string {
  const m = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`;
}
export function startOfYear(day: string): string {
  return `${day.slice(0, 4)}-01-01`;
}
export function addMonths(day: string, n: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + n;
  const ny = y + Math.floor(m / 12);
  const nm = (((m % 12) + 12) % 12) + 1;
  const d = Math.min(Number(day.slice(8, 10)), daysInMonth(ny, nm));
  return `${pad(ny, 4)}-${pad(nm)}-${pad(d)}`;
}

/**
 * The day a `date` parameter points at: YYYY-MM-DD itself, YYYY-MM → the 1st,
 * YYYY-Www → that Monday, YYYY-Qn → the quarter's first day, YYYY → 1 January.
 * Null when it names no real day/week/month.
 */
export function parseAnchor(date: string): string | null {
  let m: RegExpMatchArray | null;
  if ((m = date.match(/^(\d{4})-(\d{2})-(\d{2})$/))) return isValidDay(date) ? date : null;
  if ((m = date.match(/^(\d{4})-(\d{2})$/))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${m[2]}-01` : null;
  }
  if ((m = date.match(/^(\d{4})-W(\d{2})$/))) return isoWeekStart(Number(m[1]), Number(m[2]));
  if ((m = date.match(/^(\d{4})-Q([1-4])$/))) return `${m[1]}-${pad((Number(m[2]) - 1) * 3 + 1)}-01`;
  if ((m = date.match(/^(\d{4})$/))) return `${m[1]}-01-01`;
  return null;
}

/** The calendar period of a kind that contains a day. */
export function periodContaining(kind: CalendarKind, day: string): Period {
  let from: string;
  let to: string;
  let label: string;
  switch (kind) {
    case 'week': {
      from = startOfIsoWeek(day);
      to = addDays(from, 6);
      const w = isoWeek(from);
      label = `${w.year}-W${pad(w.week)}`;
      break;
    }
    case 'month':
      from = startOfMonth(day);
      to = endOfMonth(day);
      label = day.slice(0, 7);
      break;
    case 'quarter': {
      from = startOfQuarter(day);
      to = endOfMonth(addMonths(from, 2));
      label = `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
      break;
    }
    case 'year':
      from = startOfYear(day);
      to = `${day.slice(0, 4)}-12-31`;
      label = day.slice(0, 4);
      break;
  }
  return { kind, from, to, days: daysInclusive(from, to), label };
}

export function customPeriod(from: string, to: string): Period {
  return { kind: 'custom', from, to, days: daysInclusive(from, to), label: `${from}..${to}` };
}

/** The previous calendar period of the same kind; for custom ranges, the same number of days just before. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'custom') return customPeriod(addDays(p.from, -p.days), addDays(p.from, -1));
  return periodContaining(p.kind, addDays(p.from, -1));
}

/**
 * A range of days as a period. A range that is exactly a calendar week, month,
 * quarter or year is that period (same previous period, same materialized
 * ranking); any other range is custom.
 */
export function periodOfRange(from: string, to: string): Period {
  for (const kind of ['week', 'month', 'quarter', 'year'] as const) {
    const p = periodContaining(kind, from);
    if (p.from === from && p.to === to) return p;
  }
  return customPeriod(from, to);
}

export interface PeriodRequest {
  period: PeriodKindAll;
  date?: string;
  from?: string;
  to?: string;
}

/**
 * Resolves an API period request. Without `date`, the latest complete period
 * before `today` is meant (rankings are read after a period ends); the data
 * layer opens the running one instead when nobody is ranked in that one
 * (defaultPeriod in lib/data/rankable.ts).
 */
export function resolvePeriod(req: PeriodRequest, today: string): Period {
  if (req.period === 'custom') {
    if (!req.from || !req.to) throw new RangeError('custom period needs from and to');
    return periodOfRange(req.from, req.to);
  }
  if (req.date) {
    const anchor = parseAnchor(req.date);
    if (!anchor) throw new RangeError(`no such date: ${req.date}`);
    return periodContaining(req.period, anchor);
  }
  return previousPeriod(periodContaining(req.period, today));
}

export type Granularity = 'day' | 'week' | 'month';

export function bucketStart(day: string, g: Granularity): string {
  return g === 'day' ? day : g === 'week' ? startOfIsoWeek(day) : startOfMonth(day);
}
export function bucketEnd(day: string, g: Granularity): string {
  return g === 'day' ? day : g === 'week' ? addDays(startOfIsoWeek(day), 6) : endOfMonth(day);
}
export function nextBucket(start: string, g: Granularity): string {
  return g === 'day' ? addDays(start, 1) : g === 'week' ? addDays(start, 7) : addMonths(start, 1);
}

/** Bucket starts covering [from, to], widened to whole buckets. */
export function buckets(from: string, to: string, g: Granularity): string[] {
  const out: string[] = [];
  for (let b = bucketStart(from, g); b <= to; b = nextBucket(b, g)) out.push(b);
  return out;
}

export interface BucketWindow {
  /** The days the figures cover (both ends included). */
  from: string;
  to: string;
  /** Bucket starts; the first and last bucket may reach outside [from, to]. */
  starts: string[];
}

/**
 * The buckets of a range and of the period it is compared with — the same
 * previous period the KPI cards use (previousPeriod): the previous calendar
 * period for a calendar period (1–30 Sep for October, not the 31 days before
 * it), the same number of days just before for a custom range. Bucket k of the
 * previous period is drawn under bucket k of this one, so day k meets day k
 * (12 Oct ↔ 12 Sep); when the previous period is shorter (February under
 * March), the current period's last buckets have no previous value.
 */
export function comparisonBuckets(from: string, to: string, g: Granularity): { current: BucketWindow; previous: BucketWindow } {
  const prev = previousPeriod(periodOfRange(from, to));
  return {
    current: { from, to, starts: buckets(from, to, g) },
    previous: { from: prev.from, to: prev.to, starts: buckets(prev.from, prev.to, g) },
  };
}
